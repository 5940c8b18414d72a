// In-cluster build Jobs (lib/domain/build-job.ts makes them): create the Job and its owned
// Secret, follow the Job and its pod with watches, delete (the pod and the Secret go with
// the Job). The builder's log is read with followPodLog (./logs).
import { BatchV1Api, CoreV1Api, Watch, type KubeConfig, type V1Job, type V1Pod, type V1Secret } from "@kubernetes/client-node";
import { clusterServer } from "./config";
import { toAppError } from "./errors";

export async function createBuildJob(kc: KubeConfig, namespace: string, m: { job: V1Job; secret: V1Secret }): Promise<void> {
  const batch = kc.makeApiClient(BatchV1Api);
  const core = kc.makeApiClient(CoreV1Api);
  try {
    const job = await batch.createNamespacedJob({ namespace, body: m.job });
    const owner = { apiVersion: "batch/v1", kind: "Job", name: job.metadata!.name!, uid: job.metadata!.uid! };
    try {
      await core.createNamespacedSecret({ namespace, body: { ...m.secret, metadata: { ...m.secret.metadata, ownerReferences: [owner] } } });
    } catch (e) {
      await batch.deleteNamespacedJob({ name: owner.name, namespace, propagationPolicy: "Background" }).catch(() => undefined);
      throw e;
    }
  } catch (e) {
    throw toAppError(e, clusterServer(kc));
  }
}

/** Deletes the Job with its pod and Secret; false when it was already gone. */
export async function deleteBuildJob(kc: KubeConfig, namespace: string, name: string): Promise<boolean> {
  try {
    await kc.makeApiClient(BatchV1Api).deleteNamespacedJob({ name, namespace, propagationPolicy: "Background", gracePeriodSeconds: 0 });
    return true;
  } catch (e) {
    const err = toAppError(e, clusterServer(kc));
    if (err.code === "not_found") return false;
    throw err;
  }
}

/**
 * Watches one Job and its pods (by the job-name label) until stop(); a watch the server
 * ends is opened again (its first events are the objects as they are now).
 */
export function watchBuildJob(kc: KubeConfig, namespace: string, name: string, on: { job: (j: V1Job | undefined) => void; pod: (p: V1Pod, deleted: boolean) => void; error: (e: unknown) => void }): () => void {
  let stopped = false;
  const aborts: AbortController[] = [];
  const open = (path: string, query: Record<string, string>, handle: (type: string, obj: unknown) => void) => {
    if (stopped) return;
    new Watch(kc)
      .watch(path, { ...query, allowWatchBookmarks: "false" }, handle, (err) => {
        if (stopped) return;
        if (err && (err as { name?: string }).name !== "AbortError") on.error(err);
        setTimeout(() => open(path, query, handle), 1000).unref?.();
      })
      .then((ac) => (stopped ? ac.abort() : aborts.push(ac)), (err) => {
        on.error(err);
        if (!stopped) setTimeout(() => open(path, query, handle), 2000).unref?.();
      });
  };
  open(`/apis/batch/v1/namespaces/${namespace}/jobs`, { fieldSelector: `metadata.name=${name}` }, (type, obj) => on.job(type === "DELETED" ? undefined : (obj as V1Job)));
  open(`/api/v1/namespaces/${namespace}/pods`, { labelSelector: `batch.kubernetes.io/job-name=${name}` }, (type, obj) => on.pod(obj as V1Pod, type === "DELETED"));
  return () => {
    stopped = true;
    for (const ac of aborts) ac.abort();
  };
}
