// What a marketplace release owns, read from the cluster as the person: each object by
// reference, the pods and volume claims carrying the release's label.
import { CoreV1Api, KubernetesObjectApi, type KubeConfig, type KubernetesObject, type V1PersistentVolumeClaim } from "@kubernetes/client-node";
import { summarizePod, type PodSummary } from "../domain/pods";
import { RELEASE_LABEL, type ObjectRef } from "../domain/templates";
import { kubeCall, undefinedIfNotFound } from "./errors";

/**
 * Each referenced object as it is now (undefined when it is gone). Secrets are not read (a
 * viewer may not, and their values are not needed): they count as present.
 */
export async function readOwned(kc: KubeConfig, namespace: string, refs: ObjectRef[]): Promise<(KubernetesObject | undefined)[]> {
  const api = KubernetesObjectApi.makeApiClient(kc);
  return Promise.all(
    refs.map((r) =>
      r.kind === "Secret" ? Promise.resolve({ apiVersion: r.apiVersion, kind: r.kind, metadata: { name: r.name, namespace } }) : kubeCall(kc, () => api.read({ apiVersion: r.apiVersion, kind: r.kind, metadata: { name: r.name, namespace } })).catch(undefinedIfNotFound),
    ),
  );
}

export async function releasePods(kc: KubeConfig, namespace: string, release: string): Promise<PodSummary[]> {
  const core = kc.makeApiClient(CoreV1Api);
  const list = await kubeCall(kc, () => core.listNamespacedPod({ namespace, labelSelector: `${RELEASE_LABEL}=${release}`, limit: 200 }));
  return list.items.map(summarizePod);
}

/** Volume claims of a release: its own and those its StatefulSets made per replica (both carry its label). */
export async function releaseClaims(kc: KubeConfig, namespace: string, release: string): Promise<V1PersistentVolumeClaim[]> {
  const core = kc.makeApiClient(CoreV1Api);
  const list = await kubeCall(kc, () => core.listNamespacedPersistentVolumeClaim({ namespace, labelSelector: `${RELEASE_LABEL}=${release}`, limit: 200 }));
  return list.items;
}

export async function deleteOwned(kc: KubeConfig, namespace: string, refs: ObjectRef[]) {
  const api = KubernetesObjectApi.makeApiClient(kc);
  for (const r of refs) {
    await kubeCall(kc, () => api.delete({ apiVersion: r.apiVersion, kind: r.kind, metadata: { name: r.name, namespace } }, undefined, undefined, undefined, undefined, "Background")).catch(undefinedIfNotFound);
  }
}
