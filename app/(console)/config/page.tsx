import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ConfigView, type ConfigItem } from "@/components/config/config-view";
import { LoadFailed } from "@/components/shell/load-failed";
import { NoNamespace } from "@/components/shell/no-namespace";
import { PageHeader } from "@/components/ui/states";
import { canWriteIn, requireConsole } from "@/lib/console";
import { isAppError } from "@/lib/errors";
import { listConfig } from "@/lib/services/config";

export default async function ConfigPage({ searchParams }: { searchParams: Promise<{ tab?: string }> }) {
  const t = await getTranslations("config");
  const ctx = await requireConsole();
  const ns = ctx.single;
  const kind = (await searchParams).tab === "secrets" ? "Secret" : "ConfigMap";
  if (!ns) {
    return <NoNamespace title={t("title")} hasNamespaces={ctx.namespaces.length > 0} />;
  }
  const canWrite = await canWriteIn(ctx, ns);
  const tab = (k: "ConfigMap" | "Secret", label: string) => (
    <Link href={k === "Secret" ? "/config?tab=secrets" : "/config"} aria-current={kind === k ? "page" : undefined} className={`rounded-md px-3 py-1.5 text-sm font-medium ${kind === k ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100"}`}>{label}</Link>
  );
  let items: ConfigItem[] = [];
  let error: string | undefined;
  try {
    items = (await listConfig(ctx.actor, ns, kind)).items;
  } catch (e) {
    // A viewer cannot list Secrets: Kubernetes' view role says no, and Berth does not read them for them.
    if (kind === "Secret" && isAppError(e) && (e.code === "cluster_forbidden" || e.code === "forbidden") && !canWrite) error = t("viewerSecrets");
    else {
      return <LoadFailed title={t("title")} error={e} />;
    }
  }
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle", { namespace: ns })} />
      <nav aria-label={t("title")} className="mb-4 flex gap-2">
        {tab("ConfigMap", t("configMaps"))}
        {tab("Secret", t("secrets"))}
      </nav>
      <ConfigView namespace={ns} kind={kind} items={items} canWrite={canWrite} error={error} />
    </>
  );
}
