import { AppDetail } from "@/components/apps/app-detail";
import { ErrorState } from "@/components/ui/states";
import { canWriteIn, errorText, requireConsole } from "@/lib/console";
import { getApp } from "@/lib/services/apps";
import { namespaceCluster } from "@/lib/services/clusters";

export default async function AppPage({ params }: { params: Promise<{ namespace: string; name: string }> }) {
  const { namespace, name } = await params;
  const ctx = await requireConsole();
  try {
    const detail = await getApp(ctx.actor, namespace, name);
    // Which cluster the app runs on, when there is more than one to tell apart.
    const cluster = ctx.contexts.length > 1 ? (await namespaceCluster(namespace)).displayName : undefined;
    return <AppDetail namespace={namespace} cluster={cluster} initial={detail} canWrite={await canWriteIn(ctx, namespace)} />;
  } catch (e) {
    return <ErrorState title={name} message={await errorText(e)} />;
  }
}
