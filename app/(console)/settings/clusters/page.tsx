import { getTranslations } from "next-intl/server";
import { Clusters } from "@/components/settings/clusters";
import { ErrorState, PageHeader } from "@/components/ui/states";
import { requireConsole } from "@/lib/console";
import { clustersWithHealth, kubeconfigContexts } from "@/lib/services/clusters";

/** Clusters (platform admins): health, add by kubeconfig or from the console's KUBECONFIG, remove. */
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
  // The console's own KUBECONFIG may hold other contexts to import (none without one; an unreadable one is the console's own error, shown on its row).
  const own = await kubeconfigContexts(ctx.actor, {}).catch(() => ({ items: [] }));
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <Clusters clusters={items} ownContexts={own.items} />
    </>
  );
}
