// Apps through the Kubernetes API: a Deployment, or a StatefulSet when the app has
// per-replica storage, and the objects around them. Every function takes the
// caller's KubeConfig, normally impersonating the user, so RBAC decides. Verbs
// follow kubectl's behaviour (rollout history / undo / restart, set image, scale,
// apply --server-side) for both kinds.
import {
  AppsV1Api,
  AutoscalingV1Api,
  AutoscalingV2Api,
  CoreV1Api,
  KubernetesObjectApi,
  NetworkingV1Api,
  PatchStrategy,
  type KubeConfig,
  type KubernetesObject,
  type V1ConfigMap,
  type V1ControllerRevision,
  type V1Secret,
  type V1StatefulSet,
} from "@kubernetes/client-node";
import { createTwoFilesPatch } from "diff";
import YAML from "yaml";
import { LABELS, manifestList, podsServiceName, type Manifests } from "../domain/app-spec";
import { workloadKind, type AppKind, type Revision, type Workload } from "../domain/app-status";
import { redactSecret, referencedObjects } from "../domain/config";
import { isAboutApp, summarizeEvent } from "../domain/events";
import { summarizePod, type PodSummary } from "../domain/pods";
import { summarizeClaim, type ClaimSummary } from "../domain/volumes";
import { AppError } from "../errors";
import { clusterServer } from "./config";
import { kubeCall as call, toAppError, undefinedIfNotFound as notFound } from "./errors";
import { msg } from "../domain/messages";

export const FIELD_MANAGER = "berth";
/** YAML as people and kubectl write it: an object used twice (labels) is written twice, never as &a1 / *a1. */
export const PLAIN_YAML = { aliasDuplicateObjects: false } as const;
const REVISION = "deployment.kubernetes.io/revision";


// ------------------------------------------------------------------ read

/** The app, or undefined when there is none of that name (other errors still throw). A Deployment wins over a StatefulSet of the same name. */
export async function findApp(kc: KubeConfig, namespace: string, name: string): Promise<Workload | undefined> {
  const apps = kc.makeApiClient(AppsV1Api);
  const d = await call(kc, () => apps.readNamespacedDeployment({ name, namespace })).catch(notFound);
  if (d) return { ...d, apiVersion: "apps/v1", kind: "Deployment" };
  const s = await call(kc, () => apps.readNamespacedStatefulSet({ name, namespace })).catch(notFound);
  return s && { ...s, apiVersion: "apps/v1", kind: "StatefulSet" };
}

export async function readApp(kc: KubeConfig, namespace: string, name: string): Promise<Workload> {
  const w = await findApp(kc, namespace, name);
  if (!w) throw new AppError("not_found", msg("noApp", { name, namespace }));
  return w;
}

/** The workload's own label selector as a LIST parameter (its pods, ReplicaSets and ControllerRevisions match it). */
function selectorOf(w: Workload): string {
  return Object.entries(w.spec?.selector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`).join(",");
}

export async function readConfigMaps(kc: KubeConfig, namespace: string, name: string): Promise<V1ConfigMap[]> {
  const list = await call(kc, () => kc.makeApiClient(CoreV1Api).listNamespacedConfigMap({ namespace, labelSelector: `${LABELS.name}=${name},${LABELS.managedBy}=berth` }));
  return list.items;
}

export async function appPods(kc: KubeConfig, w: Workload): Promise<PodSummary[]> {
  const namespace = w.metadata!.namespace!;
  const pods = await call(kc, () => kc.makeApiClient(CoreV1Api).listNamespacedPod({ namespace, labelSelector: selectorOf(w), limit: 500 }));
  return pods.items.map(summarizePod).sort((a, b) => a.name.localeCompare(b.name));
}

/** The app's HorizontalPodAutoscaler (named like the app, read as autoscaling/v2 for its conditions), if any. */
export async function readAutoscaler(kc: KubeConfig, namespace: string, name: string) {
  return call(kc, () => kc.makeApiClient(AutoscalingV2Api).readNamespacedHorizontalPodAutoscaler({ name, namespace })).catch(notFound);
}

/**
 * The app's Service, Ingress and autoscaler (named like the app) and, for a StatefulSet,
 * its governing Service (per-replica DNS names), where they exist.
 */
export async function readSurroundings(kc: KubeConfig, w: Workload) {
  const name = w.metadata!.name!;
  const namespace = w.metadata!.namespace!;
  const core = kc.makeApiClient(CoreV1Api);
  const governing = workloadKind(w) === "StatefulSet" ? (w as V1StatefulSet).spec?.serviceName : undefined;
  const [service, ingress, autoscaler, podsService] = await Promise.all([
    call(kc, () => core.readNamespacedService({ name, namespace })).catch(notFound),
    call(kc, () => kc.makeApiClient(NetworkingV1Api).readNamespacedIngress({ name, namespace })).catch(notFound),
    readAutoscaler(kc, namespace, name),
    governing ? call(kc, () => core.readNamespacedService({ name: governing, namespace })).catch(notFound) : undefined,
  ]);
  return { service, ingress, autoscaler, podsService };
}

/** The claims carrying the app's labels, as the API answers them. */
function claimsOf(kc: KubeConfig, w: Workload) {
  return call(kc, () => kc.makeApiClient(CoreV1Api).listNamespacedPersistentVolumeClaim({ namespace: w.metadata!.namespace!, labelSelector: selectorOf(w), limit: 500 }));
}

/** The app's PersistentVolumeClaims: its shared ones and a StatefulSet's per-replica ones (both carry the app's labels). */
export async function appClaims(kc: KubeConfig, w: Workload): Promise<ClaimSummary[]> {
  const claims = await claimsOf(kc, w);
  return claims.items.map(summarizeClaim).sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
}

// ------------------------------------------------------------------ apply (deploy / edit)

function cleanForDisplay(o: KubernetesObject | undefined): object | undefined {
  if (!o) return undefined;
  const copy = JSON.parse(JSON.stringify(o));
  delete copy.status;
  for (const k of ["managedFields", "resourceVersion", "uid", "creationTimestamp", "generation"]) delete copy.metadata?.[k];
  if (copy.metadata?.annotations) {
    delete copy.metadata.annotations["deployment.kubernetes.io/revision"];
    if (!Object.keys(copy.metadata.annotations).length) delete copy.metadata.annotations;
  }
  return copy;
}

export interface DiffEntry {
  kind: string;
  name: string;
  action: "create" | "update" | "unchanged";
  diff: string;
}

/**
 * Server-side apply of every object (field manager "berth"). With dryRun the
 * apiserver validates and defaults everything without persisting, which gives
 * the review step an exact diff against what is in the cluster. A real apply is
 * always preceded by a dry run of all objects, so a bad object stops the whole
 * deploy before anything changes. Conflicts with other managers are reported,
 * never forced.
 */
export async function applyObjects(kc: KubeConfig, objects: object[], opts: { dryRun: boolean; force?: boolean }): Promise<DiffEntry[]> {
  // A Secret's diff never carries its values, whoever applies it (the Config page, an import, an app).
  const display = (o: KubernetesObject | undefined, other: KubernetesObject | undefined, after: boolean) =>
    cleanForDisplay(o?.kind === "Secret" ? (redactSecret(o as V1Secret, other as V1Secret | undefined, after) as KubernetesObject) : o);
  const api = KubernetesObjectApi.makeApiClient(kc);
  const diffs: DiffEntry[] = [];
  const forced = new Set<KubernetesObject>();
  for (const obj of objects as KubernetesObject[]) {
    const current = await api.read({ apiVersion: obj.apiVersion!, kind: obj.kind!, metadata: { name: obj.metadata!.name!, namespace: obj.metadata!.namespace! } }).catch((e) => {
      if ((e as { code?: number }).code === 404) return undefined;
      throw toAppError(e, clusterServer(kc));
    });
    const force = async (e: AppError) => {
      if (e.code === "conflict" && obj.metadata?.resourceVersion && onlyOwnConflicts(e)) {
        forced.add(obj);
        return call(kc, () => api.patch(obj, undefined, "All", FIELD_MANAGER, true, PatchStrategy.ServerSideApply));
      }
      throw conflictMessage(e, obj);
    };
    if (opts.force) forced.add(obj);
    const after = await call(kc, () => api.patch(obj, undefined, "All", FIELD_MANAGER, forced.has(obj), PatchStrategy.ServerSideApply)).catch(force);
    const before = YAML.stringify(display(current, after, false) ?? "", PLAIN_YAML);
    const next = YAML.stringify(display(after, current, true), PLAIN_YAML);
    const label = `${obj.kind}/${obj.metadata?.name}`;
    diffs.push({
      kind: obj.kind!,
      name: obj.metadata!.name!,
      action: !current ? "create" : before === next ? "unchanged" : "update",
      diff: createTwoFilesPatch(`${label} (cluster)`, `${label} (applied)`, current ? before : "", next, undefined, undefined, { context: 3 }),
    });
  }
  if (!opts.dryRun) {
    for (const obj of objects as KubernetesObject[]) {
      await call(kc, () => api.patch(obj, undefined, undefined, FIELD_MANAGER, forced.has(obj), PatchStrategy.ServerSideApply)).catch((e: AppError) => {
        throw conflictMessage(e, obj);
      });
    }
  }
  return diffs;
}

/**
 * SSA conflicts name the field managers involved. Berth's own one-click verbs
 * (scale, set image, rollback, restart) write as manager "berth" with an Update
 * operation, so an apply of a full, fresh object (its resourceVersion matched, so
 * nobody changed it since it was loaded) may take those fields over. Any other
 * manager's conflict is reported to the person, never forced.
 */
function onlyOwnConflicts(e: AppError): boolean {
  const causes = (e.details?.causes ?? []) as { message?: string }[];
  return causes.length > 0 && causes.every((c) => /conflict with "berth"/.test(c.message ?? ""));
}

function conflictMessage(e: AppError, obj: KubernetesObject): AppError {
  if (e.code !== "conflict") return e;
  // No field causes: the resourceVersion precondition failed (the object moved on).
  const stale = !((e.details?.causes as unknown[] | undefined)?.length);
  return new AppError("conflict", msg("applyConflict", { object: `${obj.kind}/${obj.metadata?.name}`, reason: e.message }), { reason: "Conflict", stale });
}

/**
 * Runs a write against an app as it was when a person looked at it. Its
 * `generation` changes only when the spec changes, not when controllers update the
 * status, so a form or a + click made while a rollout settles is not refused, while a
 * spec change by anyone else since then is (409, no lost update). The write carries
 * the current resourceVersion and is retried when only the status moved in between.
 * Without a generation the write simply applies to the latest (like kubectl scale).
 */
export async function atGeneration<T>(
  kc: KubeConfig,
  namespace: string,
  name: string,
  generation: number | undefined,
  write: (current: Workload, resourceVersion: string | undefined) => Promise<T>,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const d = await readApp(kc, namespace, name);
    if (generation !== undefined && d.metadata?.generation !== generation) {
      throw new AppError("conflict", msg("scaledMeanwhile", { name }), { reason: "Conflict" });
    }
    try {
      return await write(d, generation === undefined ? undefined : d.metadata?.resourceVersion);
    } catch (e) {
      const staleOnly = e instanceof AppError && e.code === "conflict" && e.details?.stale === true;
      if (!staleOnly || generation === undefined || attempt >= 3) throw e;
    }
  }
}

export async function applyManifests(kc: KubeConfig, m: Manifests, opts: { dryRun: boolean }) {
  return applyObjects(kc, manifestList(m), opts);
}

// ------------------------------------------------------------------ YAML editing

export async function readAppYaml(kc: KubeConfig, namespace: string, name: string): Promise<string> {
  const copy = JSON.parse(JSON.stringify(await readApp(kc, namespace, name)));
  delete copy.metadata.managedFields;
  delete copy.status;
  return YAML.stringify(copy, PLAIN_YAML);
}

/**
 * Parses a YAML edit of an app's workload; kind, name and namespace cannot change
 * (the kind is checked against the app's own before anything is applied).
 */
export function parseYamlEdit(text: string, namespace: string, name: string): KubernetesObject & { kind: AppKind } {
  let doc: unknown;
  try {
    const docs = YAML.parseAllDocuments(text);
    if (docs.length !== 1) throw new AppError("bad_request", msg("yamlOneDoc"));
    if (docs[0].errors.length) throw new AppError("bad_request", msg("yamlInvalid", { reason: docs[0].errors[0].message }));
    doc = docs[0].toJS();
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError("bad_request", msg("yamlInvalid", { reason: (e as Error).message }));
  }
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) throw new AppError("bad_request", msg("yamlObject"));
  const o = doc as KubernetesObject & { status?: unknown };
  if ((o.kind !== "Deployment" && o.kind !== "StatefulSet") || o.apiVersion !== "apps/v1") throw new AppError("bad_request", msg("yamlKind", { got: `${o.apiVersion ?? "?"} ${o.kind ?? "?"}` }));
  if (o.metadata?.name !== name) throw new AppError("bad_request", msg("yamlName", { name, got: o.metadata?.name ?? "" }));
  if (o.metadata?.namespace && o.metadata.namespace !== namespace) throw new AppError("bad_request", msg("yamlNamespace", { namespace }));
  delete o.status;
  if (o.metadata) {
    delete o.metadata.managedFields;
    o.metadata.namespace = namespace;
  }
  return o as KubernetesObject & { kind: AppKind };
}

/** A YAML edit must keep the kind of the app it edits. */
export function assertSameKind(current: Workload, edited: { kind: AppKind }) {
  const kind = workloadKind(current);
  if (edited.kind !== kind) throw new AppError("bad_request", msg("yamlSameKind", { kind, got: edited.kind }));
}

// ------------------------------------------------------------------ verbs

/** JSON patch with a resourceVersion test: refused (409) if the app changed meanwhile. */
async function patchApp(kc: KubeConfig, w: Workload, ops: object[], resourceVersion?: string): Promise<Workload> {
  const name = w.metadata!.name!;
  const namespace = w.metadata!.namespace!;
  const body = resourceVersion ? [{ op: "test", path: "/metadata/resourceVersion", value: resourceVersion }, ...ops] : ops;
  const apps = kc.makeApiClient(AppsV1Api);
  const kind = workloadKind(w);
  const req = { name, namespace, body, fieldManager: FIELD_MANAGER };
  return call(kc, async (): Promise<Workload> =>
    kind === "StatefulSet" ? { ...(await apps.patchNamespacedStatefulSet(req)), kind } : { ...(await apps.patchNamespacedDeployment(req)), kind },
  ).catch((e: AppError) => {
    if (e.code === "unprocessable" && /test operation failed|testing value/i.test(e.message)) {
      throw new AppError("conflict", msg("changedMeanwhile", { name }), { reason: "Conflict", stale: true });
    }
    throw e;
  });
}

/** Sets replicas through the scale subresource; with resourceVersion, a concurrent change makes it 409 instead of a lost update. */
export async function scaleApp(kc: KubeConfig, w: Workload, replicas: number, resourceVersion?: string) {
  const name = w.metadata!.name!;
  const namespace = w.metadata!.namespace!;
  const apps = kc.makeApiClient(AppsV1Api);
  const req = { name, namespace, fieldManager: FIELD_MANAGER, body: { apiVersion: "autoscaling/v1", kind: "Scale", metadata: { name, namespace, resourceVersion }, spec: { replicas } } };
  const scale = await call(kc, () => (workloadKind(w) === "StatefulSet" ? apps.replaceNamespacedStatefulSetScale(req) : apps.replaceNamespacedDeploymentScale(req))).catch((e: AppError) => {
    if (e.code === "conflict") throw new AppError("conflict", msg("scaledMeanwhile", { name }), { reason: "Conflict", stale: true });
    throw e;
  });
  return { replicas: scale.spec?.replicas ?? replicas, resourceVersion: scale.metadata?.resourceVersion };
}

/** `kubectl set image`: a new pod template, so a rolling update (a new ReplicaSet, or a new StatefulSet revision). */
export async function setImage(kc: KubeConfig, w: Workload, image: string, resourceVersion?: string) {
  return patchApp(kc, w, [{ op: "replace", path: "/spec/template/spec/containers/0/image", value: image }], resourceVersion);
}

/** `kubectl rollout restart`: a changed template annotation rolls every pod. */
export async function restartApp(kc: KubeConfig, w: Workload) {
  const now = new Date().toISOString();
  const ops = w.spec?.template.metadata?.annotations
    ? [{ op: "add", path: "/spec/template/metadata/annotations/kubectl.kubernetes.io~1restartedAt", value: now }]
    : [{ op: "add", path: "/spec/template/metadata/annotations", value: { "kubectl.kubernetes.io/restartedAt": now } }];
  if (!w.spec?.template.metadata) ops.unshift({ op: "add", path: "/spec/template/metadata", value: {} } as never);
  return patchApp(kc, w, ops);
}

interface KeptRevision extends Revision {
  template: object;
}

const owned = (w: Workload) => (o: { metadata?: { ownerReferences?: { uid: string }[] } }) => o.metadata?.ownerReferences?.some((r) => r.uid === w.metadata?.uid) ?? false;
const isoTime = (t?: Date | string) => (t ? new Date(t).toISOString() : undefined);

/**
 * The pod templates a workload keeps for rollbacks: a Deployment's ReplicaSets
 * (revision annotation), a StatefulSet's ControllerRevisions (revision number).
 */
async function keptRevisions(kc: KubeConfig, w: Workload): Promise<KeptRevision[]> {
  const namespace = w.metadata!.namespace!;
  const apps = kc.makeApiClient(AppsV1Api);
  const labelSelector = selectorOf(w);
  if (workloadKind(w) === "Deployment") {
    const current = w.metadata?.annotations?.[REVISION];
    const sets = await call(kc, () => apps.listNamespacedReplicaSet({ namespace, labelSelector }));
    return sets.items.filter(owned(w)).map((rs) => ({
      revision: Number(rs.metadata?.annotations?.[REVISION] ?? 0),
      object: rs.metadata!.name!,
      image: rs.spec?.template?.spec?.containers?.[0]?.image ?? "",
      createdAt: isoTime(rs.metadata?.creationTimestamp),
      replicas: rs.status?.replicas ?? 0,
      current: rs.metadata?.annotations?.[REVISION] === current,
      template: rs.spec!.template!,
    }));
  }
  const st = (w as V1StatefulSet).status;
  const revisions = await call(kc, () => apps.listNamespacedControllerRevision({ namespace, labelSelector }));
  return revisions.items.filter(owned(w)).map((cr: V1ControllerRevision) => {
    // The revision's data is the template as a strategic-merge patch: {spec: {template: {..., $patch: replace}}}.
    const template = JSON.parse(JSON.stringify((cr.data as { spec?: { template?: Record<string, unknown> } } | undefined)?.spec?.template ?? {}));
    delete template.$patch;
    const name = cr.metadata!.name!;
    return {
      revision: cr.revision,
      object: name,
      image: template.spec?.containers?.[0]?.image ?? "",
      createdAt: isoTime(cr.metadata?.creationTimestamp),
      replicas: name === st?.updateRevision ? (st?.updatedReplicas ?? 0) : name === st?.currentRevision ? (st?.currentReplicas ?? 0) : 0,
      current: name === st?.updateRevision,
      template,
    };
  });
}

/** `kubectl rollout history`: newest revision first. */
export async function history(kc: KubeConfig, w: Workload): Promise<Revision[]> {
  return (await keptRevisions(kc, w)).map(({ template: _, ...r }) => r).sort((a, b) => b.revision - a.revision);
}

/**
 * `kubectl rollout undo --to-revision`: copy that revision's pod template back into
 * the workload (minus the pod-template-hash label the Deployment controller adds).
 * https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#rolling-back-a-deployment
 */
export async function rollback(kc: KubeConfig, w: Workload, revision: number) {
  const kept = (await keptRevisions(kc, w)).find((r) => r.revision === revision);
  if (!kept) throw new AppError("not_found", msg("noRevision", { name: w.metadata?.name ?? "", revision, limit: w.spec?.revisionHistoryLimit ?? 10 }));
  const template = JSON.parse(JSON.stringify(kept.template));
  delete template.metadata?.labels?.["pod-template-hash"];
  return patchApp(kc, w, [{ op: "replace", path: "/spec/template", value: template }]);
}

/**
 * Deletes the app's workload and what Berth created with it. PersistentVolumeClaims
 * (the data: shared claims and a StatefulSet's per-replica ones) are kept.
 */
export async function deleteApp(kc: KubeConfig, w: Workload) {
  const name = w.metadata!.name!;
  const namespace = w.metadata!.namespace!;
  const ls = `${LABELS.name}=${name},${LABELS.managedBy}=berth`;
  const ignore404 = (e: unknown) => {
    if ((e as { code?: number }).code !== 404) throw e;
  };
  const apps = kc.makeApiClient(AppsV1Api);
  await call(kc, async () => {
    if (workloadKind(w) === "StatefulSet") await apps.deleteNamespacedStatefulSet({ name, namespace, propagationPolicy: "Background" });
    else await apps.deleteNamespacedDeployment({ name, namespace, propagationPolicy: "Background" });
    await kc.makeApiClient(CoreV1Api).deleteNamespacedService({ name, namespace }).catch(ignore404);
    await kc.makeApiClient(CoreV1Api).deleteNamespacedService({ name: podsServiceName(name), namespace }).catch(ignore404);
    await kc.makeApiClient(NetworkingV1Api).deleteNamespacedIngress({ name, namespace }).catch(ignore404);
    await kc.makeApiClient(AutoscalingV1Api).deleteNamespacedHorizontalPodAutoscaler({ name, namespace }).catch(ignore404);
    await kc.makeApiClient(CoreV1Api).deleteCollectionNamespacedConfigMap({ namespace, labelSelector: ls });
  });
}

export async function appEvents(kc: KubeConfig, namespace: string, name: string) {
  const list = await call(kc, () => kc.makeApiClient(CoreV1Api).listNamespacedEvent({ namespace, limit: 500 }));
  return list.items
    .filter((e) => isAboutApp(e, name))
    .map(summarizeEvent)
    .sort((a, b) => (b.lastSeen ?? "").localeCompare(a.lastSeen ?? ""))
    .slice(0, 100);
}

/** Deletes objects (any kind) as the caller; ones already gone are fine. */
export async function deleteObjects(kc: KubeConfig, objects: KubernetesObject[]) {
  const api = KubernetesObjectApi.makeApiClient(kc);
  for (const o of objects) {
    await api.delete(o, undefined, undefined, undefined, undefined, "Background").catch((e) => {
      if ((e as { code?: number }).code !== 404) throw toAppError(e, clusterServer(kc));
    });
  }
}

/**
 * The objects that make an app, as they are in the cluster: the workload, its Services,
 * Ingress and autoscaler, the claims carrying its labels, and the ConfigMaps it uses
 * (Secrets are named, never exported).
 */
export async function appObjects(kc: KubeConfig, w: Workload): Promise<{ objects: KubernetesObject[]; secrets: string[] }> {
  const namespace = w.metadata!.namespace!;
  const around = await readSurroundings(kc, w);
  const core = kc.makeApiClient(CoreV1Api);
  const claims = await claimsOf(kc, w);
  const { configMaps: cmNames, secrets } = referencedObjects(w.spec?.template);
  const configMaps = (await Promise.all(cmNames.map((name) => call(kc, () => core.readNamespacedConfigMap({ name, namespace })).catch(notFound)))).filter(Boolean) as V1ConfigMap[];
  const typed = <T extends object>(o: T | undefined, apiVersion: string, kind: string) => (o ? ({ ...o, apiVersion, kind } as KubernetesObject) : undefined);
  const objects = [
    ...configMaps.map((c) => typed(c, "v1", "ConfigMap")),
    ...claims.items.map((c) => typed(c, "v1", "PersistentVolumeClaim")),
    typed(around.podsService, "v1", "Service"),
    w,
    typed(around.service, "v1", "Service"),
    typed(around.ingress, "networking.k8s.io/v1", "Ingress"),
    typed(around.autoscaler, "autoscaling/v2", "HorizontalPodAutoscaler"),
  ].filter(Boolean) as KubernetesObject[];
  return { objects, secrets };
}
