// Readiness of the two systems Berth depends on, reported separately.
import { pingDatabase } from "./db/client";
import { isAppError } from "./errors";
import { serviceKubeConfig } from "./k8s/config";
import { pingCluster } from "./k8s/overview";
import { logEvent } from "./log";

let lastProblem = "";

export async function readiness() {
  const [database, cluster] = await Promise.all([pingDatabase(), clusterCheck()]);
  const r = { ready: database.ok && cluster.ok, database, cluster };
  // the operator's view when nobody can sign in (the database is down): the log, once per change
  const problem = [database.ok ? "" : `database: ${database.reason}`, cluster.ok ? "" : `cluster: ${cluster.reason}`].filter(Boolean).join("; ");
  if (problem !== lastProblem) logEvent(problem ? "error" : "info", problem ? "not ready" : "ready again", problem ? { database: database.ok ? "ok" : database.reason, cluster: cluster.ok ? "ok" : cluster.reason } : {});
  lastProblem = problem;
  return r;
}

async function clusterCheck() {
  try {
    return await pingCluster(serviceKubeConfig());
  } catch (e) {
    return { ok: false as const, reason: isAppError(e) ? e.message : String(e) };
  }
}

/** Readiness as the asker may see it: ready or not for anyone, each system and its reason for platform admins. */
export async function readinessFor(isPlatformAdmin: boolean) {
  const r = await readiness();
  return isPlatformAdmin ? r : { ready: r.ready };
}
