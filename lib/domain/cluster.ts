// Summaries of cluster objects for the Overview page. Pure: takes API objects, returns plain data.
import type { V1Node, V1Pod } from "@kubernetes/client-node";

export interface NodeSummary {
  name: string;
  ready: boolean;
  /** Why a node is not Ready, in the kubelet's words. */
  reason?: string;
  cpu: string;
  memory: string;
  pods: string;
  roles: string[];
  simulated: boolean;
  kubeletVersion?: string;
}

export function summarizeNode(n: V1Node): NodeSummary {
  const ready = n.status?.conditions?.find((c) => c.type === "Ready");
  const labels = n.metadata?.labels ?? {};
  return {
    name: n.metadata?.name ?? "",
    ready: ready?.status === "True",
    reason: ready?.status === "True" ? undefined : (ready?.message ?? ready?.reason ?? "no Ready condition reported yet"),
    cpu: n.status?.capacity?.cpu ?? "",
    memory: n.status?.capacity?.memory ?? "",
    pods: n.status?.capacity?.pods ?? "",
    roles: Object.keys(labels)
      .filter((k) => k.startsWith("node-role.kubernetes.io/"))
      .map((k) => k.slice("node-role.kubernetes.io/".length)),
    simulated: n.metadata?.annotations?.["kwok.x-k8s.io/node"] === "fake",
    kubeletVersion: n.status?.nodeInfo?.kubeletVersion,
  };
}

export const POD_PHASES = ["Pending", "Running", "Succeeded", "Failed", "Unknown"] as const;
export type PodPhase = (typeof POD_PHASES)[number];

export function countPodPhases(pods: Iterable<Pick<V1Pod, "status">>): Record<PodPhase, number> {
  const counts = Object.fromEntries(POD_PHASES.map((p) => [p, 0])) as Record<PodPhase, number>;
  for (const p of pods) {
    const phase = (p.status?.phase ?? "Unknown") as PodPhase;
    counts[POD_PHASES.includes(phase) ? phase : "Unknown"]++;
  }
  return counts;
}
