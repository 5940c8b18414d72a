// A workload's state in the words a developer uses: "2 of 3 ready", Progressing,
// Available, Degraded with the reason. Follows the Deployment status conditions
// (https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#deployment-status)
// and, for StatefulSets (apps with per-replica storage), their replica counts and revisions.
import type { V1Deployment, V1StatefulSet } from "@kubernetes/client-node";
import { msg } from "./messages";

export type AppPhase = "Available" | "Progressing" | "Degraded" | "ScaledToZero";
export type AppKind = "Deployment" | "StatefulSet";
export type Workload = V1Deployment | V1StatefulSet;

export interface AppSummary {
  name: string;
  namespace: string;
  kind: AppKind;
  image: string;
  desired: number;
  ready: number;
  updated: number;
  available: number;
  phase: AppPhase;
  reason?: string;
  createdAt?: string;
  resourceVersion?: string;
  generation?: number;
}

/** One version of an app's pod template that a rollback can return to (`kubectl rollout history`). */
export interface Revision {
  revision: number;
  /** The ReplicaSet (Deployment) or ControllerRevision (StatefulSet) that keeps it. */
  object: string;
  image: string;
  createdAt?: string;
  replicas: number;
  current: boolean;
}

/** A workload's kind: what the API said, else what its spec shows (only StatefulSets have serviceName). */
export function workloadKind(w: Workload): AppKind {
  if (w.kind === "StatefulSet" || w.kind === "Deployment") return w.kind;
  return (w as V1StatefulSet).spec?.serviceName !== undefined ? "StatefulSet" : "Deployment";
}

export function summarizeDeployment(d: V1Deployment): AppSummary {
  return summarize(d, "Deployment");
}

export function summarizeStatefulSet(s: V1StatefulSet): AppSummary {
  return summarize(s, "StatefulSet");
}

export function summarizeWorkload(w: Workload): AppSummary {
  return summarize(w, workloadKind(w));
}

function summarize(w: Workload, kind: AppKind): AppSummary {
  const desired = w.spec?.replicas ?? 1;
  const st = w.status ?? { replicas: 0 };
  const ready = st.readyReplicas ?? 0;
  const updated = st.updatedReplicas ?? 0;
  const available = st.availableReplicas ?? 0;
  const observed = (st.observedGeneration ?? 0) >= (w.metadata?.generation ?? 0);
  // StatefulSets have no Progressing condition: a rollout is done when every pod runs the update revision (updated = desired).
  const cond = (t: string) => (st.conditions as { type: string; status: string; reason?: string; message?: string }[] | undefined)?.find((c) => c.type === t);
  const progressing = cond("Progressing");
  const replicaFailure = cond("ReplicaFailure");

  let phase: AppPhase;
  let reason: string | undefined;
  if (replicaFailure?.status === "True") {
    phase = "Degraded";
    reason = replicaFailure.message ?? replicaFailure.reason;
  } else if (progressing?.status === "False") {
    phase = "Degraded";
    reason = progressing.message ?? progressing.reason;
  } else if (desired === 0 && observed && (st.replicas ?? 0) === 0) {
    phase = "ScaledToZero";
  } else if (observed && updated === desired && available === desired && ready === desired && (st.replicas ?? 0) === desired) {
    phase = "Available";
  } else {
    phase = "Progressing";
    reason = msg("readyOf", { ready, desired });
  }
  return {
    name: w.metadata?.name ?? "",
    namespace: w.metadata?.namespace ?? "",
    kind,
    image: w.spec?.template?.spec?.containers?.[0]?.image ?? "",
    desired,
    ready,
    updated,
    available,
    phase,
    reason,
    createdAt: w.metadata?.creationTimestamp ? new Date(w.metadata.creationTimestamp).toISOString() : undefined,
    resourceVersion: w.metadata?.resourceVersion,
    generation: w.metadata?.generation,
  };
}
