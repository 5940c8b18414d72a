import { getTranslations } from "next-intl/server";
import { NoNamespace } from "@/components/shell/no-namespace";
import { PageHeader } from "@/components/ui/states";
import { PodsLive } from "@/components/workloads/pods-live";
import { requireConsole } from "@/lib/console";

export default async function WorkloadsPage() {
  const t = await getTranslations();
  const ctx = await requireConsole();
  const ns = ctx.single;
  return (
    <>
      <PageHeader title={t("workloads.title")} subtitle={ns ? t("workloads.subtitle", { namespace: ns }) : undefined} />
      {ns ? <PodsLive namespace={ns} /> : <NoNamespace hasNamespaces={ctx.namespaces.length > 0} />}
    </>
  );
}
