// Pods as the app page shows them: phase, ready containers, restarts, node, and
// the waiting reason that explains a stuck pod (ImagePullBackOff, CrashLoopBackOff …).
import type { V1Pod } from "@kubernetes/client-node";
import { REASON_HELP } from "./events";

export interface PodSummary {
  name: string;
  /** The app (Deployment or StatefulSet) the pod belongs to, from its owner; undefined for others. */
  app?: string;
  phase: string;
  ready: string;
  restarts: number;
  node?: string;
  reason?: string;
  /** Why a container last stopped (OOMKilled, Error …) and its exit code, once it has restarted. */
  lastTermination?: { reason: string; exitCode?: number };
  /** The reason (or the last termination's) in plain words, in both languages. */
  help?: { en: string; zh: string };
  image: string;
  createdAt?: string;
  deleting: boolean;
}

/**
 * The workload a pod belongs to, from its controller: a StatefulSet by name, a
 * Deployment through its ReplicaSet (named <deployment>-<pod-template-hash>). Not by
 * name prefix, which would give app "web" the pods of app "web-api".
 */
export function podApp(p: V1Pod): string | undefined {
  const owner = p.metadata?.ownerReferences?.find((o) => o.controller) ?? p.metadata?.ownerReferences?.[0];
  if (!owner) return undefined;
  if (owner.kind === "StatefulSet") return owner.name;
  const hash = p.metadata?.labels?.["pod-template-hash"];
  if (owner.kind === "ReplicaSet" && hash && owner.name.endsWith(`-${hash}`)) return owner.name.slice(0, -hash.length - 1);
  return undefined;
}

export function summarizePod(p: V1Pod): PodSummary {
  const statuses = p.status?.containerStatuses ?? [];
  const total = p.spec?.containers?.length ?? statuses.length;
  const ready = statuses.filter((c) => c.ready).length;
  const waiting = statuses.find((c) => c.state?.waiting?.reason)?.state?.waiting?.reason;
  const terminated = statuses.find((c) => c.state?.terminated?.reason)?.state?.terminated?.reason;
  const unschedulable = p.status?.conditions?.find((c) => c.type === "PodScheduled" && c.status === "False");
  const last = statuses.find((c) => c.lastState?.terminated)?.lastState?.terminated;
  const reason = waiting ?? terminated ?? (unschedulable ? (unschedulable.reason ?? "Unschedulable") : undefined);
  const lastTermination = last ? { reason: last.reason ?? "Error", exitCode: last.exitCode } : undefined;
  const help = REASON_HELP[reason ?? ""] ?? (lastTermination ? REASON_HELP[lastTermination.reason] : undefined);
  return {
    name: p.metadata?.name ?? "",
    app: podApp(p),
    phase: p.metadata?.deletionTimestamp ? "Terminating" : (p.status?.phase ?? "Unknown"),
    ready: `${ready}/${total}`,
    restarts: statuses.reduce((n, c) => n + (c.restartCount ?? 0), 0),
    node: p.spec?.nodeName,
    reason,
    ...(lastTermination ? { lastTermination } : {}),
    ...(help ? { help } : {}),
    image: p.spec?.containers?.[0]?.image ?? "",
    createdAt: p.metadata?.creationTimestamp ? new Date(p.metadata.creationTimestamp).toISOString() : undefined,
    deleting: !!p.metadata?.deletionTimestamp,
  };
}
