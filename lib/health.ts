// Readiness of the two systems Berth depends on, reported separately.
import { pingDatabase } from "./db/client";
import { isAppError } from "./errors";
import { serviceKubeConfig } from "./k8s/config";
import { pingCluster } from "./k8s/overview";

export async function readiness() {
  const [database, cluster] = await Promise.all([pingDatabase(), clusterCheck()]);
  return { ready: database.ok && cluster.ok, database, cluster };
}

async function clusterCheck() {
  try {
    return await pingCluster(serviceKubeConfig());
  } catch (e) {
    return { ok: false as const, reason: isAppError(e) ? e.message : String(e) };
  }
}
