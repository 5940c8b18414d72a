// Builds that need a running container (a Dockerfile with RUN) run inside the cluster, as a
// Job in the team's namespace, never on the console host: BuildKit in Berth's builder image
// (lib/domain/build-job.ts). An uploaded context goes to the target registry as a one-layer
// image the Job's init step pulls; a Git context is fetched by the init step itself. Berth
// follows the Job and its pod with watches, streams the builder's log into the build's
// record, reads the steps (cache hits included) and the digest, and deletes the Job when done.
import { readlink } from "node:fs/promises";
import path from "node:path";
import type { KubeConfig, V1ContainerStatus, V1Job, V1Pod } from "@kubernetes/client-node";
import type { BuildStep } from "../db/builds";
import { buildFailure, buildJobManifests, buildJobName, buildResultDigest, CACHE_TAG, contextTag, ProgressReader } from "../domain/build-job";
import { msg } from "../domain/messages";
import { createBuildJob, deleteBuildJob, watchBuildJob } from "../k8s/build-jobs";
import { followPodLog } from "../k8s/logs";
import { buildImage } from "../registry/build-image";
import { RegistryClient, RegistryError, type Credentials } from "../registry/client";
import type { LayerFile } from "../registry/layer";
import { localBuilderImage, registryMirrors } from "../registry/local";
import { listContext } from "../source/archive";
import type { Recorder } from "./build-recorder";

/** The builder image: BERTH_BUILDER_IMAGE, or the one `cluster up` made for the local cluster; none means no in-cluster builds. */
export function builderImage(): string | undefined {
  return process.env.BERTH_BUILDER_IMAGE || localBuilderImage();
}

const limits = () => ({
  cpu: process.env.BERTH_BUILD_CPU || "1",
  memory: process.env.BERTH_BUILD_MEMORY || "2Gi",
  deadlineSeconds: Number(process.env.BERTH_BUILD_DEADLINE_SECONDS || 1800),
});

export interface ClusterBuildInput {
  id: string;
  namespace: string;
  /** Acting as the person who asked for the build. */
  kc: KubeConfig;
  target: { url: string; credentials?: Credentials; repo: string; tag: string };
  source: { kind: "git"; url: string; ref: string } | { kind: "upload"; dir: string };
  contextDir: string;
  dockerfile: string;
  labels: Record<string, string>;
}

const hostOf = (url: string) => new URL(url).host;

/** The Git URL without its login, and the login (given to the init step through the Secret). */
function splitGitLogin(url: string): { url: string; username?: string; password?: string } {
  if (!/^https?:\/\//.test(url)) return { url };
  const u = new URL(url);
  if (!u.username && !u.password) return { url };
  const login = { username: decodeURIComponent(u.username), password: decodeURIComponent(u.password) };
  u.username = "";
  u.password = "";
  return { url: u.toString(), ...login };
}

/** The uploaded context as a one-layer image in the target repository (tagged for this build only). */
async function pushContext(client: RegistryClient, repo: string, id: string, dir: string): Promise<void> {
  const files: LayerFile[] = [];
  for (const e of await listContext(dir)) {
    const abs = path.join(dir, e.path);
    if (e.type === "file") files.push({ path: `/${e.path}`, type: "file", mode: e.mode & 0o777, size: e.size, from: abs });
    else if (e.type === "directory") files.push({ path: `/${e.path}`, type: "directory", mode: e.mode & 0o777 });
    else files.push({ path: `/${e.path}`, type: "symlink", linkname: await readlink(abs) });
  }
  // The build's id as a label keeps this manifest's digest its own: removing it never removes another build's context.
  await buildImage({ base: "scratch", target: { client, repo, tag: contextTag(id) }, layers: [{ files, createdBy: "build context" }], config: { labels: { "dev.berth.build": id } } }, { step: () => undefined, log: () => undefined });
}

/** Builds in the cluster; answers the pushed image's digest (and the commit the init step fetched). */
export async function buildInCluster(input: ClusterBuildInput, rec: Recorder, signal: AbortSignal): Promise<{ digest: string; commit?: string }> {
  const image = builderImage();
  if (!image) throw new Error(msg("noBuilder"));
  const { target } = input;
  const host = hostOf(target.url);
  const client = new RegistryClient(target.url, target.credentials, signal);
  const plainHttp = new Set<string>();
  if (target.url.startsWith("http://")) plainHttp.add(host);
  const mirrors: Record<string, string[]> = {};
  for (const [from, to] of Object.entries(registryMirrors())) {
    mirrors[from] = to.map((m) => (/^https?:\/\//.test(m) ? hostOf(m) : m));
    for (const m of to) if (m.startsWith("http://")) plainHttp.add(hostOf(m));
  }
  let source;
  if (input.source.kind === "upload") {
    rec.step("uploading the context");
    await pushContext(client, target.repo, input.id, input.source.dir);
    source = { kind: "image" as const, ref: `${host}/${target.repo}:${contextTag(input.id)}` };
  } else {
    source = { kind: "git" as const, ref: input.source.ref, ...splitGitLogin(input.source.url) };
  }
  const l = limits();
  const m = buildJobManifests({
    buildId: input.id,
    namespace: input.namespace,
    builderImage: image,
    source,
    contextDir: input.contextDir,
    dockerfile: input.dockerfile,
    target: `${host}/${target.repo}:${target.tag}`,
    cacheRef: `${host}/${target.repo}:${CACHE_TAG}`,
    logins: target.credentials ? [{ host, ...target.credentials }] : [],
    plainHttp: [...plainHttp],
    mirrors,
    resources: { cpu: l.cpu, memory: l.memory },
    deadlineSeconds: l.deadlineSeconds,
    labels: input.labels,
  });
  rec.step("starting the builder");
  rec.line(`Job ${m.job.metadata!.name} in ${input.namespace} (builder ${image})`);
  try {
    await createBuildJob(input.kc, input.namespace, m);
    return await followBuildJob(input.kc, input.namespace, input.id, rec, signal);
  } finally {
    await cleanUpClusterBuild(input.kc, input.namespace, input.id, input.source.kind === "upload" ? target : undefined);
  }
}

/**
 * Once a build's result is recorded (or it was cancelled): its Job goes, with the pod and the
 * Secret, and an uploaded context's image (best effort: a registry without deletes keeps it).
 */
export async function cleanUpClusterBuild(kc: KubeConfig, namespace: string, id: string, uploadedTo?: { url: string; credentials?: Credentials; repo: string }) {
  await deleteBuildJob(kc, namespace, buildJobName(id)).catch(() => undefined);
  if (!uploadedTo) return;
  const client = new RegistryClient(uploadedTo.url, uploadedTo.credentials);
  try {
    const m = await client.getManifest(uploadedTo.repo, contextTag(id));
    await client.deleteManifest(uploadedTo.repo, m.digest);
  } catch (e) {
    if (!(e instanceof RegistryError)) throw e;
  }
}

/** The step of the Job's init container (a resumed build keeps the steps before it). */
export const FETCH_STEP = "fetching the source";
const FATAL_WAITING = /^(ImagePullBackOff|ErrImageNeverPull|InvalidImageName|CreateContainerConfigError|CreateContainerError)$/;
const LOG_BYTES = 8 * 1024 * 1024;

/**
 * Follows a build's Job (started here, or by a console that stopped: it is picked up the
 * same way) until its build container ends: the log into the record as it is written, the
 * steps from BuildKit's progress, then the digest or the builder's own error.
 */
export function followBuildJob(kc: KubeConfig, namespace: string, id: string, rec: Recorder, signal: AbortSignal): Promise<{ digest: string; commit?: string }> {
  const name = buildJobName(id);
  return new Promise((resolve, reject) => {
    const progress = new ProgressReader();
    const fetchStep: BuildStep = { name: FETCH_STEP, startedAt: new Date().toISOString() };
    const before = rec.steps.filter((s) => s.name !== fetchStep.name);
    const ended = new Map<string, Promise<void>>();
    const stops: (() => void)[] = [];
    const tails = new Map<string, string[]>();
    let commit: string | undefined;
    let done = false;
    let settling = false;

    const finish = (err?: Error, out?: { digest: string; commit?: string }) => {
      if (done) return;
      done = true;
      stopWatch();
      for (const s of stops) s();
      if (err) reject(err);
      else resolve(out!);
    };
    const onAbort = () => finish(new Error("aborted"));
    signal.addEventListener("abort", onAbort, { once: true });

    const showSteps = () => {
      for (const s of before) s.finishedAt ??= fetchStep.startedAt;
      rec.steps = [...before, fetchStep, ...progress.steps.map((v) => ({ ...v }))];
      rec.flush();
    };
    const follow = (pod: string, container: string) => {
      if (ended.has(container)) return;
      ended.set(
        container,
        new Promise<void>((end) => {
          followPodLog(kc, namespace, pod, { limitBytes: LOG_BYTES, container }, (line) => {
            rec.line(line.text);
            const tail = tails.get(container) ?? [];
            tail.push(line.text);
            if (tail.length > 20) tail.shift();
            tails.set(container, tail);
            if (container === "build" && progress.line(line.text, line.ts || new Date().toISOString())) showSteps();
          }, () => end()).then((stop) => (done ? stop() : stops.push(stop)), () => end());
        }),
      );
    };
    /** Decides once the container's log has been read to its end (or after 5 s). */
    const settle = (container: string, decide: () => void) => {
      if (settling) return;
      settling = true;
      void Promise.race([ended.get(container) ?? Promise.resolve(), new Promise((r) => setTimeout(r, 5000))]).then(() => {
        rec.flush(true);
        decide();
      });
    };
    const lastLine = (container: string) => tails.get(container)?.filter((l) => l.trim()).pop();

    const onPod = (pod: V1Pod, deleted: boolean) => {
      if (done || deleted) return;
      const podName = pod.metadata!.name!;
      const fetch = pod.status?.initContainerStatuses?.find((c) => c.name === "fetch");
      const build = pod.status?.containerStatuses?.find((c) => c.name === "build");
      const started = (c?: V1ContainerStatus) => !!(c?.state?.running || c?.state?.terminated);
      if (started(fetch)) follow(podName, "fetch");
      if (started(build)) follow(podName, "build");
      const stuck = [fetch, build].map((c) => c?.state?.waiting).find((w) => w && FATAL_WAITING.test(w.reason ?? ""));
      if (stuck) return finish(new Error(msg("builderCannotStart", { reason: `${stuck.reason}: ${stuck.message ?? ""}`.trim() })));
      const fetched = fetch?.state?.terminated;
      if (fetched) {
        fetchStep.finishedAt ??= (fetched.finishedAt ? new Date(fetched.finishedAt) : new Date()).toISOString();
        if (fetched.exitCode !== 0) {
          fetchStep.detail = "failed";
          showSteps();
          return settle("fetch", () => finish(new Error(msg("buildFetchFailed", { reason: lastLine("fetch") ?? `exit code ${fetched.exitCode}` }))));
        }
        if (fetched.message && /^[0-9a-f]{40,64}$/.test(fetched.message.trim())) commit = fetched.message.trim();
        showSteps();
      }
      const built = build?.state?.terminated;
      if (built) {
        settle("build", () => {
          if (built.exitCode === 0) {
            const digest = buildResultDigest(built.message);
            return digest ? finish(undefined, { digest, commit }) : finish(new Error(msg("buildNoDigest")));
          }
          finish(new Error(buildFailure(rec.log) ?? msg("buildExit", { code: String(built.exitCode) })));
        });
      }
    };
    const onJob = (job: V1Job | undefined) => {
      if (done) return;
      if (!job) return finish(new Error(msg("buildJobGone", { name })));
      const failed = job.status?.conditions?.find((c) => c.type === "Failed" && c.status === "True");
      if (!failed) return;
      if (failed.reason === "DeadlineExceeded") return finish(new Error(msg("buildDeadline", { minutes: String(Math.round((job.spec?.activeDeadlineSeconds ?? 0) / 60)) })));
      // Any other failure: the pod tells why; this is the word when it cannot (gone, never started).
      setTimeout(() => finish(new Error(failed.message || failed.reason || msg("buildExit", { code: "?" }))), 10_000).unref?.();
    };
    const stopWatch = watchBuildJob(kc, namespace, name, { job: onJob, pod: onPod, error: () => undefined });
    if (signal.aborted) onAbort();
  });
}
