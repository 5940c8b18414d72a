// The registry pull Secrets in a namespace (created, replaced on change, deleted).
// Called with the person's impersonated client: Kubernetes checks they may.
import { CoreV1Api, type KubeConfig, type V1Secret } from "@kubernetes/client-node";
import { clusterServer } from "./config";
import { toAppError } from "./errors";

export async function putPullSecret(kc: KubeConfig, namespace: string, secret: V1Secret) {
  const core = kc.makeApiClient(CoreV1Api);
  const name = secret.metadata!.name!;
  try {
    await core.createNamespacedSecret({ namespace, body: secret });
  } catch (e) {
    if ((e as { code?: number }).code !== 409) throw toAppError(e, clusterServer(kc));
    try {
      await core.replaceNamespacedSecret({ name, namespace, body: secret });
    } catch (e2) {
      throw toAppError(e2, clusterServer(kc));
    }
  }
}

export async function deletePullSecret(kc: KubeConfig, namespace: string, name: string) {
  try {
    await kc.makeApiClient(CoreV1Api).deleteNamespacedSecret({ name, namespace });
  } catch (e) {
    if ((e as { code?: number }).code === 404) return;
    throw toAppError(e, clusterServer(kc));
  }
}
