import { AppDetail } from "@/components/apps/app-detail";
import { ErrorState } from "@/components/ui/states";
import { errorText, requireConsole } from "@/lib/console";
import { getApp } from "@/lib/services/apps";

export default async function AppPage({ params }: { params: Promise<{ namespace: string; name: string }> }) {
  const { namespace, name } = await params;
  const ctx = await requireConsole();
  try {
    const detail = await getApp(ctx.actor, namespace, name);
    return <AppDetail namespace={namespace} initial={detail} canWrite={detail.canWrite} />;
  } catch (e) {
    return <ErrorState title={name} message={await errorText(e)} />;
  }
}
