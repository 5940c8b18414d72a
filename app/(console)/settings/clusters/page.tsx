import { getTranslations } from "next-intl/server";
import { Clusters } from "@/components/settings/clusters";
import { ErrorState, PageHeader } from "@/components/ui/states";
import { requireConsole } from "@/lib/console";
import { clustersWithHealth } from "@/lib/services/clusters";

/** Clusters (platform admins): health, add by kubeconfig, remove. */
export default async function ClustersPage() {
  const ctx = await requireConsole();
  const t = await getTranslations("settings.clusters");
  if (!ctx.actor.user.platformAdmin) {
    return (
      <>
        <PageHeader title={t("title")} />
        <ErrorState title={t("adminsOnly")} message={t("adminsOnlyHint")} />
      </>
    );
  }
  const { items } = await clustersWithHealth(ctx.actor);
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <Clusters clusters={items} />
    </>
  );
}
