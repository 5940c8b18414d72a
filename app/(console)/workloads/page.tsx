import { getTranslations } from "next-intl/server";
import { EmptyState, PageHeader } from "@/components/ui/states";
import { PodsLive } from "@/components/workloads/pods-live";
import { requireConsole } from "@/lib/console";

export default async function WorkloadsPage() {
  const t = await getTranslations();
  const ctx = await requireConsole();
  const ns = ctx.single;
  return (
    <>
      <PageHeader title={t("workloads.title")} subtitle={ns ? t("workloads.subtitle", { namespace: ns }) : undefined} />
      {ns ? <PodsLive namespace={ns} /> : <EmptyState title={ctx.namespaces.length ? t("apps.chooseNamespace") : t("apps.noTeamNamespace")} />}
    </>
  );
}
