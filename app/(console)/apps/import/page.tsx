import { getTranslations } from "next-intl/server";
import { ImportYaml } from "@/components/apps/import-yaml";
import { NoNamespace } from "@/components/shell/no-namespace";
import { PageHeader } from "@/components/ui/states";
import { requireConsole } from "@/lib/console";

export default async function ImportPage() {
  const t = await getTranslations("import");
  const ctx = await requireConsole();
  const ns = ctx.single;
  return (
    <>
      <PageHeader title={t("title")} subtitle={ns ? t("subtitle", { namespace: ns }) : undefined} />
      {ns ? <ImportYaml namespace={ns} /> : <NoNamespace hasNamespaces={ctx.namespaces.length > 0} />}
    </>
  );
}
