// Reads what the Overview page shows, page by page.
import { AppsV1Api, CoreV1Api, type KubeConfig } from "@kubernetes/client-node";
import { countPodPhases, summarizeNode, type NodeSummary, type PodPhase } from "../domain/cluster";
import { clusterServer } from "./config";
import { toAppError } from "./errors";
import { forEachPage, PAGE } from "./paging";

export interface ClusterOverview {
  server: string;
  nodes: NodeSummary[];
  namespaces: string[];
  deployments: number;
  pods: Record<PodPhase, number>;
}

/**
 * Nodes are read with Berth's own identity (every signed-in user may see the
 * cluster's capacity); workloads AS the user (impersonated), either in the given
 * namespaces or, for platform admins, cluster-wide.
 */
export async function clusterOverview(service: KubeConfig, asUser: KubeConfig | undefined, namespaces?: string[]): Promise<ClusterOverview> {
  const server = clusterServer(service);
  const nodeApi = service.makeApiClient(CoreV1Api);
  // Without a team (and not an admin) a user sees the nodes and nothing else.
  if (!asUser) namespaces = [];
  const core = (asUser ?? service).makeApiClient(CoreV1Api);
  const apps = (asUser ?? service).makeApiClient(AppsV1Api);
  try {
    const nodes: NodeSummary[] = [];
    await forEachPage((cont) => nodeApi.listNode({ limit: PAGE, _continue: cont }), (items) => nodes.push(...items.map(summarizeNode)));

    const nsNames: string[] = namespaces ? [...namespaces] : [];
    if (!namespaces) await forEachPage((cont) => core.listNamespace({ limit: PAGE, _continue: cont }), (items) => nsNames.push(...items.map((n) => n.metadata!.name!)));

    let deployments = 0;
    const phases: Array<{ status?: { phase?: string } }> = [];
    const scopes = namespaces ?? [undefined];
    for (const ns of scopes) {
      await forEachPage(
        (cont) => (ns ? apps.listNamespacedDeployment({ namespace: ns, limit: PAGE, _continue: cont }) : apps.listDeploymentForAllNamespaces({ limit: PAGE, _continue: cont })),
        (items) => (deployments += items.length),
      );
      await forEachPage(
        (cont) => (ns ? core.listNamespacedPod({ namespace: ns, limit: PAGE, _continue: cont }) : core.listPodForAllNamespaces({ limit: PAGE, _continue: cont })),
        (items) => phases.push(...items.map((p) => ({ status: { phase: p.status?.phase } }))),
      );
    }
    return { server, nodes, namespaces: nsNames.sort(), deployments, pods: countPodPhases(phases) };
  } catch (e) {
    throw toAppError(e, server);
  }
}

/** Cheap reachability check for /readyz: GET /readyz on the apiserver. */
export async function pingCluster(kc: KubeConfig): Promise<{ ok: true; server: string } | { ok: false; server: string; reason: string }> {
  const server = clusterServer(kc);
  try {
    const core = kc.makeApiClient(CoreV1Api);
    await core.listNamespace({ limit: 1 });
    return { ok: true, server };
  } catch (e) {
    return { ok: false, server, reason: toAppError(e, server).message };
  }
}
