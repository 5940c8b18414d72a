// Pods as the app page shows them: phase, ready containers, restarts, node, and
// the waiting reason that explains a stuck pod (ImagePullBackOff, CrashLoopBackOff …).
import type { V1Pod } from "@kubernetes/client-node";

export interface PodSummary {
  name: string;
  phase: string;
  ready: string;
  restarts: number;
  node?: string;
  reason?: string;
  image: string;
  createdAt?: string;
  deleting: boolean;
}

export function summarizePod(p: V1Pod): PodSummary {
  const statuses = p.status?.containerStatuses ?? [];
  const total = p.spec?.containers?.length ?? statuses.length;
  const ready = statuses.filter((c) => c.ready).length;
  const waiting = statuses.find((c) => c.state?.waiting?.reason)?.state?.waiting?.reason;
  const terminated = statuses.find((c) => c.state?.terminated?.reason)?.state?.terminated?.reason;
  const unschedulable = p.status?.conditions?.find((c) => c.type === "PodScheduled" && c.status === "False");
  return {
    name: p.metadata?.name ?? "",
    phase: p.metadata?.deletionTimestamp ? "Terminating" : (p.status?.phase ?? "Unknown"),
    ready: `${ready}/${total}`,
    restarts: statuses.reduce((n, c) => n + (c.restartCount ?? 0), 0),
    node: p.spec?.nodeName,
    reason: waiting ?? terminated ?? (unschedulable ? (unschedulable.reason ?? "Unschedulable") : undefined),
    image: p.spec?.containers?.[0]?.image ?? "",
    createdAt: p.metadata?.creationTimestamp ? new Date(p.metadata.creationTimestamp).toISOString() : undefined,
    deleting: !!p.metadata?.deletionTimestamp,
  };
}
