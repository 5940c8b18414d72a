// A Deployment's state in the words a developer uses: "2 of 3 ready", Progressing,
// Available, Degraded with the reason. Follows the Deployment status conditions
// (https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#deployment-status).
import type { V1Deployment } from "@kubernetes/client-node";

export type AppPhase = "Available" | "Progressing" | "Degraded" | "ScaledToZero";

export interface AppSummary {
  name: string;
  namespace: string;
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

export function summarizeDeployment(d: V1Deployment): AppSummary {
  const desired = d.spec?.replicas ?? 1;
  const st = d.status ?? {};
  const ready = st.readyReplicas ?? 0;
  const updated = st.updatedReplicas ?? 0;
  const available = st.availableReplicas ?? 0;
  const cond = (t: string) => st.conditions?.find((c) => c.type === t);
  const progressing = cond("Progressing");
  const replicaFailure = cond("ReplicaFailure");
  const observed = (st.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0);

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
    reason = `${ready} of ${desired} ready`;
  }
  return {
    name: d.metadata?.name ?? "",
    namespace: d.metadata?.namespace ?? "",
    image: d.spec?.template?.spec?.containers?.[0]?.image ?? "",
    desired,
    ready,
    updated,
    available,
    phase,
    reason,
    createdAt: d.metadata?.creationTimestamp ? new Date(d.metadata.creationTimestamp).toISOString() : undefined,
    resourceVersion: d.metadata?.resourceVersion,
    generation: d.metadata?.generation,
  };
}
