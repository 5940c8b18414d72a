import { getTranslations } from "next-intl/server";
import { DeployWizard } from "@/components/apps/deploy-wizard";
import { NoNamespace } from "@/components/shell/no-namespace";
import { PageHeader } from "@/components/ui/states";
import { requireConsole } from "@/lib/console";

export default async function NewAppPage() {
  const t = await getTranslations();
  const ctx = await requireConsole();
  const ns = ctx.single;
  return (
    <>
      <PageHeader title={t("wizard.title")} subtitle={ns ? t("apps.subtitle", { namespace: ns }) : undefined} />
      {ns ? <DeployWizard namespace={ns} /> : <NoNamespace hasNamespaces={ctx.namespaces.length > 0} />}
    </>
  );
}
