// App operations for a person: check access to the namespace, call the cluster
// AS that person (impersonated, so RBAC decides too), write the audit trail.
import { CoreV1Api, type KubeConfig, type V1StatefulSet } from "@kubernetes/client-node";
import YAML from "yaml";
import { z } from "zod";
import { sseStream, type SseSink } from "../http/sse";
import { namespaceAccess, type Actor } from "../auth/actor";
import { appSpec, fromWorkload, image, manifestList, toManifests } from "../domain/app-spec";
import { appEndpoints, summarizeAutoscaler } from "../domain/app-access";
import { referencedObjects } from "../domain/config";
import { summarizeWorkload, workloadKind } from "../domain/app-status";
import { LOG_LIMITS, mergeLogs } from "../domain/logs";
import type { PodSummary } from "../domain/pods";
import { msg } from "../domain/messages";
import { parseQuantity } from "../domain/quantity";
import { AppError, isAppError } from "../errors";
import { clusterServer, localNodeHost } from "../k8s/config";
import {
  appClaims,
  appEvents,
  appPods,
  assertSameKind,
  atGeneration,
  findApp,
  applyManifests,
  PLAIN_YAML,
  applyObjects,
  deleteApp,
  history,
  parseYamlEdit,
  readApp,
  readAppYaml,
  readAutoscaler,
  readConfigMaps,
  readSurroundings,
  restartApp,
  rollback,
  scaleApp,
  setImage,
} from "../k8s/apps";
import { toAppError } from "../k8s/errors";
import { assertCanRead } from "../k8s/access-review";
import { followPodLog, tailPodLog } from "../k8s/logs";
import { namespaceCache, type NamespaceCache } from "../k8s/namespace-cache";
import { namespaceKubeConfig } from "./clusters";
import { andThen, promised, type Maybe } from "../maybe";
import { audited, namespaceClient } from "./namespace-client";
import { followBuilds } from "./builds";
import { followAppUsage } from "./usage";

export const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(2000).optional(),
  q: z.string().trim().max(63).optional(),
});
export const scaleInput = z.object({
  replicas: z.number({ error: "replicas must be a number" }).int("replicas must be a whole number").min(0, "replicas cannot be negative").max(1000, "replicas can be at most 1000"),
  /** The spec version (metadata.generation) the person saw: a concurrent change makes it 409, not a lost update. */
  generation: z.number().int().min(1).optional(),
});
export const deployInput = z.object({
  spec: appSpec,
  dryRun: z.boolean().default(false),
  /** Only check the spec (the wizard's steps): 200 with { valid: true }, or 400 with each field's message. */
  checkOnly: z.boolean().default(false),
  /** When editing an existing app: the spec version the form was loaded from (a stale form is refused). */
  generation: z.number().int().min(1).optional(),
});
export const imageInput = z.object({ image, generation: z.number().int().min(1).optional() });
export const rollbackInput = z.object({ revision: z.number().int().min(1) });
export const yamlInput = z.object({ yaml: z.string().max(512 * 1024), dryRun: z.boolean().default(false) });
export const deleteInput = z.object({ confirm: z.string().max(253) });

/** Apps of a namespace from the watch-fed cache: filtered by name across all of them, then paged by name. */
export function listNamespaceApps(actor: Actor, namespace: string, q: z.infer<typeof listQuery>) {
  const needle = q.q?.toLowerCase();
  return andThen(readableCache(actor, namespace), (cache) => cache.appPage(q.limit, q.cursor, needle || undefined));
}

export async function getApp(actor: Actor, namespace: string, name: string) {
  const { kc } = await namespaceClient(actor, namespace, "read");
  const d = await readApp(kc, namespace, name);
  const [configMaps, pods, claims, events, revisions, around] = await Promise.all([
    readConfigMaps(kc, namespace, name),
    appPods(kc, d),
    appClaims(kc, d),
    appEvents(kc, namespace, name),
    history(kc, d),
    readSurroundings(kc, d),
  ]);
  const { spec, unsupported } = fromWorkload(d, configMaps);
  const canWrite = await promised(() => namespaceAccess(actor, namespace, "write")).then(() => true, () => false);
  return {
    summary: summarizeWorkload(d),
    spec,
    unsupported,
    pods,
    claims,
    events,
    history: revisions,
    endpoints: appEndpoints(name, around, { nodeHost: localNodeHost() }),
    autoscaler: around.autoscaler && summarizeAutoscaler(around.autoscaler),
    uses: referencedObjects(d.spec?.template),
    canWrite,
  };
}

/**
 * Pods a namespace's ResourceQuota still allows. Scaling beyond it would leave the
 * Deployment half-scaled with FailedCreate events, so it is refused up front.
 */
async function checkPodQuota(kc: KubeConfig, namespace: string, extraPods: number) {
  if (extraPods <= 0) return;
  let quotas;
  try {
    quotas = await kc.makeApiClient(CoreV1Api).listNamespacedResourceQuota({ namespace });
  } catch (e) {
    throw toAppError(e, clusterServer(kc));
  }
  for (const q of quotas.items) {
    const hard = parseQuantity(q.status?.hard?.pods ?? q.spec?.hard?.pods ?? "");
    if (hard === undefined) continue;
    const used = parseQuantity(q.status?.used?.pods ?? "0") ?? 0;
    if (used + extraPods > hard) {
      throw new AppError("unprocessable", msg("quotaPods", { hard, used, extra: extraPods }), { quota: q.metadata?.name, hard, used });
    }
  }
}

/**
 * A new app, or (with the `generation` its form was loaded at) an edit of an existing
 * one. A new app never lands silently on top of an existing one of the same name.
 */
export async function deploy(actor: Actor, namespace: string, input: z.infer<typeof deployInput>) {
  const m = toManifests(input.spec, namespace);
  if (input.checkOnly) {
    await namespaceAccess(actor, namespace, "write");
    return { valid: true };
  }
  const yaml = () => manifestList(m).map((o) => YAML.stringify(o, PLAIN_YAML)).join("---\n");
  const name = input.spec.name;
  /** The app of that name if this is an edit of it; refuses a new app on a taken name or a change of kind. */
  const checkExisting = async (kc: KubeConfig) => {
    const existing = await findApp(kc, namespace, name);
    if (existing && input.generation === undefined) {
      throw new AppError("conflict", msg("appExists", { name, namespace }), { fields: { "spec.name": msg("nameTaken") } });
    }
    if (existing && workloadKind(existing) !== m.workload.kind) {
      // A Deployment cannot become a StatefulSet in place: that would be a second workload of the same name.
      throw new AppError("bad_request", msg("kindSwitch", { name, kind: workloadKind(existing), onOff: msg(m.workload.kind === "StatefulSet" ? "on" : "off") }), {
        fields: { "spec.volumes": msg("kindSwitchField") },
      });
    }
    // A StatefulSet's governing Service cannot change: keep the one it was created with.
    const governing = (existing as V1StatefulSet | undefined)?.spec?.serviceName;
    if (existing && m.workload.kind === "StatefulSet" && governing) (m.workload as V1StatefulSet).spec!.serviceName = governing;
    return existing;
  };
  if (input.dryRun) {
    const { kc } = await namespaceClient(actor, namespace, "write");
    if (!(await checkExisting(kc))) return { yaml: yaml(), diffs: await applyManifests(kc, m, { dryRun: true }) };
    // The review of an edit is the same write as the save (at the version the form was
    // loaded from), so fields Berth's own one-click verbs set meanwhile can be taken over here too.
    return atGeneration(kc, namespace, name, input.generation, async (_current, resourceVersion) => {
      m.workload.metadata!.resourceVersion = resourceVersion;
      return { yaml: yaml(), diffs: await applyManifests(kc, m, { dryRun: true }) };
    });
  }
  return audited(actor, namespace, "app.deploy", name, `image ${input.spec.image}, replicas ${input.spec.replicas}`, async (kc) => {
    if (!(await checkExisting(kc))) {
      await checkPodQuota(kc, namespace, input.spec.replicas);
      return { yaml: yaml(), diffs: await applyManifests(kc, m, { dryRun: false }) };
    }
    return atGeneration(kc, namespace, name, input.generation, async (current, resourceVersion) => {
      await checkPodQuota(kc, namespace, input.spec.replicas - (current.spec?.replicas ?? 0));
      m.workload.metadata!.resourceVersion = resourceVersion;
      return { yaml: yaml(), diffs: await applyManifests(kc, m, { dryRun: false }) };
    });
  });
}

export async function scale(actor: Actor, namespace: string, name: string, input: z.infer<typeof scaleInput>) {
  return audited(actor, namespace, "app.scale", name, `replicas ${input.replicas}`, async (kc) => {
    const autoscaler = await readAutoscaler(kc, namespace, name);
    if (autoscaler) {
      const a = summarizeAutoscaler(autoscaler);
      throw new AppError("conflict", msg("autoscaled", { name, min: a.min, max: a.max }), { reason: "Autoscaled" });
    }
    return atGeneration(kc, namespace, name, input.generation, async (current, rv) => {
      await checkPodQuota(kc, namespace, input.replicas - (current.spec?.replicas ?? 0));
      return scaleApp(kc, current, input.replicas, rv);
    });
  });
}

export async function changeImage(actor: Actor, namespace: string, name: string, input: z.infer<typeof imageInput>) {
  return audited(actor, namespace, "app.image", name, input.image, async (kc) => summarizeWorkload(await atGeneration(kc, namespace, name, input.generation, (current, rv) => setImage(kc, current, input.image, rv))));
}

export async function rollbackTo(actor: Actor, namespace: string, name: string, input: z.infer<typeof rollbackInput>) {
  return audited(actor, namespace, "app.rollback", name, `to revision ${input.revision}`, async (kc) => summarizeWorkload(await rollback(kc, await readApp(kc, namespace, name), input.revision)));
}

export async function restart(actor: Actor, namespace: string, name: string) {
  return audited(actor, namespace, "app.restart", name, undefined, async (kc) => summarizeWorkload(await restartApp(kc, await readApp(kc, namespace, name))));
}

export async function getYaml(actor: Actor, namespace: string, name: string) {
  const { kc } = await namespaceClient(actor, namespace, "read");
  return { yaml: await readAppYaml(kc, namespace, name) };
}

export async function applyYaml(actor: Actor, namespace: string, name: string, input: z.infer<typeof yamlInput>) {
  const obj = parseYamlEdit(input.yaml, namespace, name);
  // The YAML carries the spec version it was loaded at: a status update meanwhile does not
  // make it stale, a spec change does (then the apply is refused with 409).
  const generation = typeof obj.metadata?.generation === "number" ? obj.metadata.generation : undefined;
  if (obj.metadata) delete obj.metadata.generation;
  const apply = (kc: KubeConfig, dryRun: boolean) =>
    atGeneration(kc, namespace, name, generation, (current, resourceVersion) => {
      assertSameKind(current, obj);
      if (generation !== undefined) obj.metadata!.resourceVersion = resourceVersion;
      return applyObjects(kc, [obj], { dryRun });
    });
  if (input.dryRun) {
    const { kc } = await namespaceClient(actor, namespace, "write");
    return { diffs: await apply(kc, true) };
  }
  return audited(actor, namespace, "app.yaml", name, undefined, async (kc) => ({ diffs: await apply(kc, false) }));
}

export async function remove(actor: Actor, namespace: string, name: string, input: z.infer<typeof deleteInput>) {
  return audited(actor, namespace, "app.delete", name, undefined, async (kc) => {
    if (input.confirm !== name) throw new AppError("bad_request", msg("typeAppName", { name }));
    await deleteApp(kc, await readApp(kc, namespace, name));
  });
}

// ------------------------------------------------------------------ live view (cache + stream)

export const podsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(253).optional(),
  app: z.string().max(63).optional(),
});

/**
 * A namespace's watch-fed cache, for someone who may read there (Berth's check, then RBAC's,
 * remembered). Given at once when all of that is remembered and the cache is synced (lib/maybe.ts).
 */
function readableCache(actor: Actor, namespace: string): Maybe<NamespaceCache> {
  return andThen(namespaceAccess(actor, namespace, "read"), (access) =>
    andThen(namespaceKubeConfig(namespace), (service) => andThen(assertCanRead(service, access.identity, namespace), () => namespaceCache(namespace, service))),
  );
}

/** Pods of a namespace from the watch-fed cache, paged by name. */
export function listPods(actor: Actor, namespace: string, q: z.infer<typeof podsQuery>) {
  return andThen(readableCache(actor, namespace), (cache) => cache.podPage(q.limit, q.cursor, q.app || undefined));
}

export const streamQuery = z.object({
  /** Which pods the page shows: none (apps list), one app's, or all of them (workloads). */
  pods: z.enum(["none", "app", "all"]).default("none"),
  app: z.string().max(63).optional(),
  /** The app page: the app's CPU and memory use (its charts), now and after every sample. */
  usage: z.enum(["0", "1"]).default("0"),
  /** The builds page: changes to the namespace's builds too (with the log of `build`, when one is open). */
  builds: z.enum(["0", "1"]).default("0"),
  build: z.string().regex(/^[a-z0-9]{20,40}$/).optional(),
  /** When the page was rendered: build changes since then are sent (nothing between render and stream is lost). */
  since: z.coerce.date().optional(),
});

/**
 * For a stream: the person's access to the namespace, read again from the database (the
 * stream ends with the reason once they were removed, or their session or token ended).
 */
const stillReadable = (actor: Actor, namespace: string) => async (): Promise<string | null> => {
  const fresh = await actor.recheck?.();
  if (!fresh) return msg("streamSessionEnded");
  try {
    await namespaceAccess(fresh, namespace, "read");
    return null;
  } catch (e) {
    return isAppError(e) ? e.message : String(e);
  }
};

/**
 * Server-sent events for one namespace: a snapshot of the apps and of the pods the page
 * shows, then every change to them as the watches see it (lib/http/sse.ts: heartbeat, no
 * unbounded queue — a browser that falls behind gets a fresh snapshot instead — and access
 * checked again while it is open).
 */
export async function streamNamespace(actor: Actor, namespace: string, q: z.infer<typeof streamQuery>, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  const cache = await readableCache(actor, namespace);
  const wanted = (pod?: PodSummary) => q.pods === "all" || (q.pods === "app" && !!q.app && pod?.app === q.app);
  const snapshot = (sink: SseSink) => sink.send("snapshot", { apps: [...cache.apps.values()], pods: q.pods === "none" ? [] : [...cache.pods.store.values()].filter(wanted) });
  return sseStream(signal, {
    open(sink) {
      snapshot(sink);
      const unsubscribe = cache.subscribe((e) => {
        if (e.kind === "status") {
          sink.send("status", { connected: e.connected });
          if (e.connected) snapshot(sink); // back: the page catches up on everything at once
        } else if (e.kind === "app" || wanted(e.pod)) sink.send(e.kind, e);
      });
      const stopBuilds = q.builds === "1" ? followBuilds(namespace, q.build, q.since, (b) => sink.send("build", b)) : () => {};
      const stopUsage = q.usage === "1" && q.app ? followAppUsage(actor, namespace, q.app, (u) => sink.send("usage", u), (error) => sink.send("usage", { error })) : () => {};
      return () => {
        unsubscribe();
        stopBuilds();
        stopUsage();
      };
    },
    onDrained: snapshot,
    recheck: stillReadable(actor, namespace),
  });
}

// ------------------------------------------------------------------ logs

export const logsQuery = z.object({
  pod: z.string().max(253).default("all"),
  tailLines: z.coerce.number().int().min(1).max(LOG_LIMITS.maxTail).default(LOG_LIMITS.defaultTail),
  limitBytes: z.coerce.number().int().min(1024).max(LOG_LIMITS.maxBytes).default(LOG_LIMITS.defaultBytes),
  follow: z.enum(["0", "1"]).default("0"),
});

async function logTargets(kc: KubeConfig, namespace: string, name: string, pod: string) {
  const pods = (await appPods(kc, await readApp(kc, namespace, name))).filter((p) => !p.deleting).map((p) => p.name);
  if (pod === "all") return pods.slice(0, LOG_LIMITS.maxPods);
  if (!pods.includes(pod)) throw new AppError("not_found", msg("notAppPod", { pod, name }));
  return [pod];
}

/** The last lines of one pod, or of every pod of the app merged by time. */
export async function appLogs(actor: Actor, namespace: string, name: string, q: z.infer<typeof logsQuery>) {
  const { kc } = await namespaceClient(actor, namespace, "read");
  const targets = await logTargets(kc, namespace, name, q.pod);
  // Per pod, an equal share of the byte budget, so merged logs stay within limitBytes.
  const bounds = { tailLines: q.tailLines, limitBytes: Math.max(1024, Math.floor(q.limitBytes / Math.max(1, targets.length))) };
  const perPod = await Promise.all(targets.map((p) => tailPodLog(kc, namespace, p, bounds)));
  return { pods: targets, lines: mergeLogs(perPod, q.tailLines) };
}

/**
 * Follows one pod or all of them, as server-sent events ("line"), until the browser goes away
 * (every log request ended, also when it leaves while they are being opened); lines the
 * browser is too slow for are dropped and counted ("skipped").
 */
export async function followAppLogs(actor: Actor, namespace: string, name: string, q: z.infer<typeof logsQuery>, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  const { kc } = await namespaceClient(actor, namespace, "read");
  const targets = await logTargets(kc, namespace, name, q.pod);
  const bounds = { tailLines: q.tailLines, limitBytes: Math.max(1024, Math.floor(q.limitBytes / Math.max(1, targets.length))) };
  let skipped = 0;
  return sseStream(signal, {
    async open(sink) {
      const stops: (() => void)[] = [];
      const stopAll = () => stops.splice(0).forEach((s) => s());
      let open = targets.length;
      const ended = () => --open === 0 && sink.close();
      sink.send("pods", targets);
      for (const pod of targets) {
        if (sink.closed) break;
        try {
          stops.push(await followPodLog(kc, namespace, pod, bounds, (l) => sink.send("line", l) || skipped++, (err) => {
            if (err && !sink.closed) sink.send("problem", { pod, message: (err as Error).message });
            ended();
          }));
        } catch (e) {
          sink.send("problem", { pod, message: (e as Error).message });
          ended();
        }
        if (sink.closed) stopAll(); // the browser left while this one was being opened
      }
      return stopAll;
    },
    onDrained(sink) {
      if (skipped) sink.send("skipped", { lines: skipped });
      skipped = 0;
    },
    recheck: stillReadable(actor, namespace),
  });
}
