// ConfigMaps and Secrets of a namespace through the Kubernetes API, with the caller's
// (impersonated) client: Kubernetes' own RBAC decides, so a viewer, whose `view` role
// cannot read Secrets, gets Kubernetes' refusal here too.
import { AppsV1Api, CoreV1Api, type KubeConfig, type V1ConfigMap, type V1PodTemplateSpec, type V1Secret } from "@kubernetes/client-node";
import { kubeCall as call, undefinedIfNotFound } from "./errors";


const PAGE = 500;

export async function listConfigMaps(kc: KubeConfig, namespace: string, cursor?: string) {
  const r = await call(kc, () => kc.makeApiClient(CoreV1Api).listNamespacedConfigMap({ namespace, limit: PAGE, _continue: cursor }));
  return { items: r.items, cursor: r.metadata?._continue || undefined };
}

export async function listSecrets(kc: KubeConfig, namespace: string, cursor?: string) {
  const r = await call(kc, () => kc.makeApiClient(CoreV1Api).listNamespacedSecret({ namespace, limit: PAGE, _continue: cursor }));
  return { items: r.items, cursor: r.metadata?._continue || undefined };
}

export async function findConfigMap(kc: KubeConfig, namespace: string, name: string): Promise<V1ConfigMap | undefined> {
  return call(kc, () => kc.makeApiClient(CoreV1Api).readNamespacedConfigMap({ name, namespace })).catch(undefinedIfNotFound);
}

export async function findSecret(kc: KubeConfig, namespace: string, name: string): Promise<V1Secret | undefined> {
  return call(kc, () => kc.makeApiClient(CoreV1Api).readNamespacedSecret({ name, namespace })).catch(undefinedIfNotFound);
}

export async function deleteConfigObject(kc: KubeConfig, kind: "ConfigMap" | "Secret", namespace: string, name: string) {
  const core = kc.makeApiClient(CoreV1Api);
  await call(kc, () => (kind === "ConfigMap" ? core.deleteNamespacedConfigMap({ name, namespace }) : core.deleteNamespacedSecret({ name, namespace })));
}

/** Removes keys another field manager owns (server-side apply only drops what Berth owns), guarded by the version. */
export async function removeKeys(kc: KubeConfig, kind: "ConfigMap" | "Secret", namespace: string, name: string, keys: string[], resourceVersion: string) {
  if (!keys.length) return;
  const core = kc.makeApiClient(CoreV1Api);
  const ops = [{ op: "test", path: "/metadata/resourceVersion", value: resourceVersion }, ...keys.map((k) => ({ op: "remove", path: `/data/${k.replace(/~/g, "~0").replace(/\//g, "~1")}` }))];
  const req = { name, namespace, body: ops };
  await call(kc, () => (kind === "ConfigMap" ? core.patchNamespacedConfigMap(req) : core.patchNamespacedSecret(req)));
}

/** The namespace's Deployments and StatefulSets (for "used by"), as the person sees them. */
export async function workloadTemplates(kc: KubeConfig, namespace: string): Promise<{ name: string; kind: string; template: V1PodTemplateSpec }[]> {
  const apps = kc.makeApiClient(AppsV1Api);
  const [d, s] = await Promise.all([call(kc, () => apps.listNamespacedDeployment({ namespace, limit: PAGE })), call(kc, () => apps.listNamespacedStatefulSet({ namespace, limit: PAGE }))]);
  return [
    ...d.items.map((x) => ({ name: x.metadata!.name!, kind: "Deployment", template: x.spec!.template })),
    ...s.items.map((x) => ({ name: x.metadata!.name!, kind: "StatefulSet", template: x.spec!.template })),
  ];
}
