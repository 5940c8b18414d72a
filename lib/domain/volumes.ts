// An app's PersistentVolumeClaims as the app page shows them: bound or waiting, how
// big, from which StorageClass. A Pending claim is the usual reason a stateful pod
// does not start.
import type { V1PersistentVolumeClaim } from "@kubernetes/client-node";

export interface ClaimSummary {
  name: string;
  /** Bound, Pending or Lost; Terminating while it is being deleted. */
  phase: string;
  requested?: string;
  capacity?: string;
  storageClass?: string;
  accessModes: string[];
}

export function summarizeClaim(c: V1PersistentVolumeClaim): ClaimSummary {
  return {
    name: c.metadata?.name ?? "",
    phase: c.metadata?.deletionTimestamp ? "Terminating" : (c.status?.phase ?? "Pending"),
    requested: c.spec?.resources?.requests?.storage,
    capacity: c.status?.capacity?.storage,
    storageClass: c.spec?.storageClassName,
    accessModes: c.spec?.accessModes ?? [],
  };
}
