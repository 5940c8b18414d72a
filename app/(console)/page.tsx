import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card, Stat } from "@/components/ui/card";
import { EmptyState, ErrorState, PageHeader } from "@/components/ui/states";
import { errorText, requireConsole } from "@/lib/console";
import { POD_PHASES } from "@/lib/domain/cluster";
import { formatBytes, formatCpu } from "@/lib/domain/quantity";
import { clusterOverview, type ClusterOverview } from "@/lib/k8s/overview";
import { Table } from "@/components/ui/table";
import { NodeUsage } from "@/components/apps/node-usage";
import { parseQuantity } from "@/lib/domain/quantity";
import { nodeUsage } from "@/lib/services/usage";
import { clustersWithHealth } from "@/lib/services/clusters";

export default async function OverviewPage() {
  const t = await getTranslations("overview");
  const ctx = await requireConsole();
  let data: ClusterOverview | undefined;
  let error = ctx.clusterError;
  if (!error && ctx.service) {
    try {
      data = await clusterOverview(ctx.service, ctx.kube, ctx.scope);
    } catch (e) {
      error = await errorText(e);
    }
  }
  if (!data) {
    return (
      <>
        <PageHeader title={t("title")} />
        <ErrorState title={t("clusterError")} message={error ?? ""} hint={t("clusterErrorHint")} />
      </>
    );
  }
  const ready = data.nodes.filter((n) => n.ready).length;
  const usage = ctx.service ? await nodeUsage(ctx.service).catch(() => undefined) : undefined;
  const measured = data.nodes.filter((n) => (usage?.nodes.get(n.name)?.cpu.length ?? 0) > 0);
  // Platform admins with more than one cluster see them side by side (health, version, nodes, pods, apps, namespaces).
  const clusters = ctx.actor.user.platformAdmin && ctx.contexts.length > 1 ? (await clustersWithHealth(ctx.actor)).items : [];
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle", { server: data.server })} />
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Stat testId="stat-nodes" label={t("nodes")} value={data.nodes.length} hint={t("nodesReady", { ready, total: data.nodes.length })} />
        <Stat testId="stat-namespaces" label={t("namespaces")} value={data.namespaces.length} />
        <Stat testId="stat-deployments" label={t("deployments")} value={data.deployments} />
        <Stat
          testId="stat-pods"
          label={t("pods")}
          value={Object.values(data.pods).reduce((a, b) => a + b, 0)}
          hint={POD_PHASES.filter((p) => data.pods[p] > 0).map((p) => `${t(`phase.${p}`)} ${data.pods[p]}`).join(" · ")}
        />
      </div>

      {clusters.length > 0 && (
        <Card title={t("clusters.title")} className="mt-6">
          <Table headers={[t("clusters.name"), t("clusters.health"), t("nodes"), t("pods"), t("clusters.apps"), t("namespaces")]} testId="clusters-overview">
            {clusters.map((c) => (
              <tr key={c.name} data-testid={`overview-cluster-${c.name}`}>
                <td className="px-3 py-2">
                  {c.displayName} <span className="font-mono text-xs text-slate-600">{c.name}</span>
                </td>
                <td className="px-3 py-2">{c.health.reachable ? <Badge tone="green">{c.health.version}</Badge> : <Badge tone="red" title={c.health.error}>{t("clusters.unreachable")}</Badge>}</td>
                <td className="px-3 py-2">{c.health.reachable ? t("nodesReady", { ready: c.health.nodesReady, total: c.health.nodes }) : "—"}</td>
                <td className="px-3 py-2" data-testid="overview-cluster-pods">{c.health.reachable ? (c.health.pods ?? "—") : "—"}</td>
                <td className="px-3 py-2" data-testid="overview-cluster-apps">{c.health.reachable ? (c.health.apps ?? "—") : "—"}</td>
                <td className="px-3 py-2">{c.namespaces}</td>
              </tr>
            ))}
          </Table>
        </Card>
      )}

      <Card title={t("nodes")} className="mt-6">
        {data.nodes.length === 0 ? (
          <EmptyState title={t("noNodes")} />
        ) : (
          <Table headers={[t("node.name"), t("node.status"), t("node.cpu"), t("node.memory"), t("node.pods"), t("node.kind")]} testId="nodes-table">
              {data.nodes.map((n) => (
                <tr key={n.name} data-testid="node-row">
                  <td className="px-3 py-2 font-mono text-xs">{n.name}</td>
                  <td className="px-3 py-2">
                    {n.ready ? <Badge tone="green">{t("node.ready")}</Badge> : <Badge tone="red" title={n.reason}>{t("node.notReady")}</Badge>}
                  </td>
                  <td className="px-3 py-2">{t("node.cores", { n: formatCpu(n.cpu) })}</td>
                  <td className="px-3 py-2">{formatBytes(n.memory)}</td>
                  <td className="px-3 py-2">{n.pods}</td>
                  <td className="px-3 py-2 text-slate-500">{n.simulated ? t("node.simulated") : t("node.real")} {n.kubeletVersion}</td>
                </tr>
              ))}
            </Table>
        )}
      </Card>

      <Card title={t("usage.title")} className="mt-6">
        {measured.length === 0 ? (
          <p className="text-sm text-slate-700" data-testid="node-usage-none">{usage?.state === "unavailable" ? t("usage.unavailable") : t("usage.simulatedOnly")}</p>
        ) : (
          <div className="space-y-4">
            {measured.map((n) => (
              <div key={n.name}>
                <h3 className="mb-1 font-mono text-xs text-slate-700">{n.name}</h3>
                <NodeUsage name={n.name} cpu={usage!.nodes.get(n.name)!.cpu} memory={usage!.nodes.get(n.name)!.memory} cpuCapacity={n.cpu ? parseQuantity(n.cpu) : undefined} memoryCapacity={n.memory ? parseQuantity(String(n.memory)) : undefined} />
              </div>
            ))}
          </div>
        )}
      </Card>

      <Card title={t("namespaces")} className="mt-6">
        {data.namespaces.length === 0 ? (
          <p className="text-sm text-slate-500">{t("noNamespaces")}</p>
        ) : (
          <ul className="flex flex-wrap gap-2">
            {data.namespaces.map((ns) => (
              <li key={ns}><Badge tone="blue">{ns}</Badge></li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
