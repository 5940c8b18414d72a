// Runs builds in the console process (daemonless, no container): a source on disk
// becomes layers and a config on top of a base, pushed to the registry. Steps and a
// bounded log go to the Build record as they happen; cancel aborts every request in
// flight; a console that stops leaves no build "Running" (see sweepOrphans).
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, readFile, readlink, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { metrics } from "../metrics";
import type { KubeConfig } from "@kubernetes/client-node";
import { activeRunners, claimClusterBuilds, failOrphanedBuilds, layerCacheDb, updateBuildRow, type BuildStep } from "../db/builds";
import type { Build } from "../db/generated/client";
import { buildJobName } from "../domain/build-job";
import { artifactPlan, parseEnvLines, type BuildFields } from "../domain/build";
import { DockerfileError, exposedPort, planDockerfile, resolveCopy } from "../domain/dockerfile";
import { mirrored, parseImageRef, refReference, type ImageRef } from "../domain/image-ref";
import { msg } from "../domain/messages";
import { isAppError } from "../errors";
import { buildImage, type ImageConfigChanges, type NewLayer } from "../registry/build-image";
import { RegistryClient, RegistryError, type Credentials } from "../registry/client";
import type { LayerFile } from "../registry/layer";
import { registryMirrors } from "../registry/local";
import { listContext, unpack } from "../source/archive";
import { checkoutAll, cloneGit } from "../source/git";
import type { UploadedFile } from "../http/multipart";
import type { Identity } from "../k8s/impersonate";
import { Recorder } from "./build-recorder";
import { buildInCluster, cleanUpClusterBuild, FETCH_STEP, followBuildJob } from "./cluster-builds";
import { identityClient } from "./namespace-client";
import { describeRegistryError } from "./registries";
import { processAlive } from "../process";

export const RUNNER = `${os.hostname()}:${process.pid}`;
const MAX_PARALLEL = Number(process.env.BERTH_BUILD_PARALLEL ?? 2);

export interface BuildJob {
  id: string;
  namespace: string;
  fields: BuildFields;
  file?: UploadedFile;
  /** Temporary directory of this build (the upload, unpacked sources): removed at the end. */
  dir: string;
  target: { url: string; credentials?: Credentials; repo: string; tag: string };
  /** The team's registry at a host, for pulling a base that lives in one of them (its URL and login). */
  teamRegistryAt: (host: string) => { url: string; credentials?: Credentials } | undefined;
  /** Who asked: an in-cluster build's Job is created and followed as them. */
  identity: Identity;
  /** Rolls the app out to the new digest, as the person who asked (optional). */
  onSuccess?: (imageWithDigest: string) => Promise<boolean>;
  maxSourceBytes: number;
}

const running = new Map<string, AbortController>();
const queue: BuildJob[] = [];

/** Starts (or queues) a build; returns at once. */
export function startBuild(job: BuildJob) {
  queue.push(job);
  pump();
}

function pump() {
  while (running.size < MAX_PARALLEL && queue.length) {
    const job = queue.shift()!;
    const ac = new AbortController();
    running.set(job.id, ac);
    run(job, ac).finally(() => {
      running.delete(job.id);
      pump();
    });
  }
}

/** Aborts a build this process runs or holds; false when it is not here. */
export function abortBuild(id: string): boolean {
  const i = queue.findIndex((j) => j.id === id);
  if (i >= 0) {
    const [job] = queue.splice(i, 1);
    rm(job.dir, { recursive: true, force: true }).catch(() => undefined);
    return true;
  }
  const ac = running.get(id);
  ac?.abort();
  return !!ac;
}

const sha256File = async (file: string) => {
  const h = createHash("sha256");
  await pipeline(createReadStream(file), h);
  return h.digest("hex");
};

/** Layer files for COPY steps from a context folder, with a key of their content for the layer cache. */
async function contextLayers(ctx: string, plan: ReturnType<typeof planDockerfile>): Promise<NewLayer[]> {
  const context = await listContext(ctx);
  const layers: NewLayer[] = [];
  for (const step of plan.copies) {
    const files: LayerFile[] = [];
    const key = createHash("sha256");
    for (const { from, to } of resolveCopy(step, context)) {
      const abs = path.join(ctx, from.path);
      if (from.type === "file") {
        files.push({ path: to, type: "file", size: from.size, mode: from.mode & 0o777, from: abs });
        key.update(`${to}\0${from.mode}\0${await sha256File(abs)}\n`);
      } else if (from.type === "directory") {
        files.push({ path: to, type: "directory", mode: from.mode & 0o777 });
        key.update(`${to}/\0${from.mode}\n`);
      } else {
        const link = await readlink(abs);
        files.push({ path: to, type: "symlink", linkname: link });
        key.update(`${to}\0->${link}\n`);
      }
    }
    layers.push({ files, createdBy: step.text, inputKey: `copy:${key.digest("hex")}` });
  }
  return layers;
}

/** Where the base comes from: its registry, or the first mirror for it (docker.io → the local registry here). */
function baseSource(ref: ImageRef, job: BuildJob, signal: AbortSignal) {
  const { host } = mirrored(ref, registryMirrors());
  // The target registry's own login first (a base in the registry pushed to), then any team registry at that host.
  const targetHost = new URL(job.target.url).host;
  const known = /^https?:\/\//.test(host) ? undefined : host === targetHost ? { url: job.target.url, credentials: job.target.credentials } : job.teamRegistryAt(host);
  // Like Docker: loopback registries speak plain HTTP, everything else HTTPS.
  const url = /^https?:\/\//.test(host) ? host : known ? known.url : host === "docker.io" ? "https://registry-1.docker.io" : /^(localhost|127\.[\d.]+)(:\d+)?$/.test(host) ? `http://${host}` : `https://${host}`;
  const client = new RegistryClient(url, known?.credentials ?? job.teamRegistryAt(new URL(url).host)?.credentials, signal);
  return { client, repo: ref.repository, reference: refReference(ref) };
}

/** In the cluster the revision is the commit the Job itself fetched (the build script labels it). */
const withoutRevision = ({ "org.opencontainers.image.revision": _, ...rest }: Record<string, string>) => rest;

async function run(job: BuildJob, ac: AbortController) {
  const f = job.fields;
  await record(job.id, ac, job, async (rec) => {
    const started = await updateBuildRow(job.id, { status: "Running", startedAt: new Date(), runner: RUNNER, heartbeatAt: new Date() }).catch(() => undefined);
    if (!started) return undefined;
    let base = "";
    let layers: NewLayer[] = [];
    let config: ImageConfigChanges = {};
    let digest: string | undefined;
    const labels: Record<string, string> = {};
    if (f.source === "artifact") {
      base = f.base || "";
      const plan = artifactPlan(f.kind!, base, { port: f.port, env: parseEnvLines(f.env), jvmOptions: f.jvmOptions });
      config = plan.config;
      labels["org.opencontainers.image.source"] = `upload:${job.file!.name}`;
      labels["dev.berth.source.sha256"] = job.file!.sha256;
      if (f.kind === "static") {
        rec.step("unpacking");
        const ctx = path.join(job.dir, "context");
        await unpack(job.file!.path, job.file!.head, ctx, job.file!.name, job.maxSourceBytes * 4);
        layers = await contextLayers(ctx, { from: base, copies: [{ line: 0, text: `COPY ${job.file!.name} ${plan.dest}/`, sources: ["."], dest: `${plan.dest}/` }], config: {} });
      } else {
        layers = [{ createdBy: `COPY ${job.file!.name} ${plan.dest}`, inputKey: `file:${plan.dest}:${job.file!.sha256}`, files: [{ path: plan.dest, type: "file", mode: 0o644, size: job.file!.size, from: job.file!.path }] }];
      }
    } else {
      const ctx = path.join(job.dir, "context");
      if (f.source === "git") {
        rec.step("cloning");
        rec.line(`git fetch --depth 1 ${f.gitUrl} ${f.gitRef ?? "main"}`);
        // Only the Dockerfile first: a build that runs in the cluster fetches the source there, once.
        const only = [path.posix.join(f.gitSubdir || ".", f.dockerfile || "Dockerfile")];
        const commit = await cloneGit(f.gitUrl!, f.gitRef || "main", await ensureDir(ctx), { signal: ac.signal, maxBytes: job.maxSourceBytes, only });
        rec.line(`commit ${commit}`);
        await updateBuildRow(job.id, { gitCommit: commit });
        labels["org.opencontainers.image.source"] = f.gitUrl!.replace(/\/\/[^@/]*@/, "//");
        labels["org.opencontainers.image.revision"] = commit;
      } else {
        rec.step("unpacking");
        await unpack(job.file!.path, job.file!.head, ctx, job.file!.name, job.maxSourceBytes * 4);
        labels["org.opencontainers.image.source"] = `upload:${job.file!.name}`;
        labels["dev.berth.source.sha256"] = job.file!.sha256;
      }
      const root = path.join(ctx, f.gitSubdir || ".");
      const dockerfile = f.dockerfile || "Dockerfile";
      rec.step("reading Dockerfile");
      const text = await readFile(path.join(root, dockerfile), "utf8").catch(() => undefined);
      if (text === undefined) throw new Error(msg("noDockerfile", { file: dockerfile }));
      let plan: ReturnType<typeof planDockerfile> | undefined;
      try {
        plan = planDockerfile(text);
      } catch (e) {
        if (!(e instanceof DockerfileError && e.needsBuilder)) throw e;
        rec.line(`${e.message}: building in the cluster`);
      }
      if (!plan) {
        await updateBuildRow(job.id, { builder: "cluster", port: exposedPort(text) });
        const source = f.source === "git" ? { kind: "git" as const, url: f.gitUrl!, ref: f.gitRef || "main" } : { kind: "upload" as const, dir: ctx };
        const out = await buildInCluster({ id: job.id, namespace: job.namespace, kc: await identityClient(job.identity, job.namespace), target: job.target, source, contextDir: f.gitSubdir || ".", dockerfile, labels: withoutRevision(labels) }, rec, ac.signal);
        if (out.commit) await updateBuildRow(job.id, { gitCommit: out.commit });
        digest = out.digest;
      } else {
        if (f.source === "git") {
          rec.step("fetching the source");
          await checkoutAll(f.gitUrl!, f.gitRef || "main", ctx, { signal: ac.signal, maxBytes: job.maxSourceBytes });
        }
        rec.line(`FROM ${plan.from}; ${plan.copies.length} COPY step(s)`);
        base = f.base || plan.from;
        config = plan.config;
        const exposed = plan.config.exposedPorts?.[0];
        if (exposed) await updateBuildRow(job.id, { port: Number(exposed.split("/")[0]) });
        layers = await contextLayers(root, plan);
      }
    }
    digest ??= await buildHere(job, ac, rec, base, layers, { ...config, labels: { ...config.labels, ...labels } });
    return digest;
  }).finally(() => rm(job.dir, { recursive: true, force: true }).catch(() => undefined));
}

/**
 * Records one build from start to end: its Recorder and heartbeat while `produce` makes the
 * image, then Succeeded (and the app rolled out, when asked) or Failed with the reason, or
 * the steps so far when it was cancelled.
 */
async function record(id: string, ac: AbortController, job: Pick<BuildJob, "target" | "onSuccess">, produce: (rec: Recorder) => Promise<string | undefined>, rec = new Recorder(id, ac)) {
  const timer = metrics().builds.startTimer();
  let result = "failed";
  const heartbeat = setInterval(() => rec.flush(), 20_000);
  try {
    const digest = await produce(rec);
    if (!digest) return;
    rec.closeSteps();
    await rec.settle();
    await updateBuildRow(id, { status: "Succeeded", digest, finishedAt: new Date(), steps: rec.steps as never, log: rec.log });
    result = "succeeded";
    if (job.onSuccess) {
      const host = new URL(job.target.url).host;
      const updated = await job.onSuccess(`${host}/${job.target.repo}@${digest}`).catch((e) => {
        rec.line(`updating the app failed: ${(e as Error).message}`);
        return false;
      });
      await updateBuildRow(id, { appUpdated: updated, log: rec.log });
    }
  } catch (e) {
    const cancelled = ac.signal.aborted;
    if (cancelled) result = "cancelled";
    const message = cancelled ? undefined : describe(e, job);
    if (message) rec.line(`error: ${message}`);
    rec.closeSteps();
    await rec.settle();
    if (cancelled) await updateBuildRow(id, { steps: rec.steps as never, log: rec.log, finishedAt: new Date() }).catch(() => undefined);
    else await updateBuildRow(id, { status: "Failed", error: message, finishedAt: new Date(), steps: rec.steps as never, log: rec.log }).catch(() => undefined);
  } finally {
    clearInterval(heartbeat);
    timer({ result });
  }
}

/**
 * Follows an in-cluster build whose console stopped (claimed by sweepOrphans) to its end, as
 * if this console had started it: the steps and log up to the Job's start are kept, the
 * builder's log is read again from its beginning.
 */
export function resumeBuild(row: Build, kc: KubeConfig, job: Pick<BuildJob, "target" | "onSuccess">, uploaded: boolean) {
  const ac = new AbortController();
  running.set(row.id, ac);
  const rec = new Recorder(row.id, ac);
  const steps = (row.steps ?? []) as unknown as BuildStep[];
  const cut = steps.findIndex((x) => x.name === FETCH_STEP);
  rec.steps = cut >= 0 ? steps.slice(0, cut) : steps;
  const mark = row.log.indexOf(`Job ${buildJobName(row.id)} `);
  rec.log = mark >= 0 ? row.log.slice(0, row.log.indexOf("\n", mark) + 1) : row.log;
  rec.line("the console that started this build stopped: this one follows it from here");
  void record(row.id, ac, job, () => followBuildJob(kc, row.namespace, row.id, rec, ac.signal).then((out) => out.digest).finally(() => cleanUpClusterBuild(kc, row.namespace, row.id, uploaded ? job.target : undefined)), rec).finally(() => running.delete(row.id));
}

/** The in-process build: the base's layers, the new layers, the config, pushed; answers the digest. */
async function buildHere(job: BuildJob, ac: AbortController, rec: Recorder, base: string, layers: NewLayer[], config: ImageConfigChanges): Promise<string> {
  if (!base) throw new Error(msg("required", { what: "base image" }));
  const source = baseSource(parseImageRef(base), job, ac.signal);
  const target = { client: new RegistryClient(job.target.url, job.target.credentials, ac.signal), repo: job.target.repo, tag: job.target.tag };
  const out = await buildImage(
    { base: source, target, layers, config, cache: layerCacheDb },
    {
      step: (name) => (name.startsWith("pushing") ? rec.detail(name) : rec.step(name)),
      log: (line) => rec.line(line),
    },
  ).catch((e) => {
    if (e instanceof RegistryError && e.problem === "not_found" && /was not found/.test(e.message) && e.message.includes(source.repo)) {
      throw new Error(msg("baseNotFound", { image: base, registry: source.client.host }));
    }
    throw e;
  });
  return out.digest;
}

async function ensureDir(d: string) {
  await mkdir(d, { recursive: true });
  return d;
}

function describe(e: unknown, job: Pick<BuildJob, "target">): string {
  if (e instanceof DockerfileError) return e.message;
  if (e instanceof RegistryError) return describeRegistryError(e, new URL(job.target.url).host).message;
  if (isAppError(e)) return e.message;
  return (e as Error)?.message ?? String(e);
}

/**
 * Builds no console is running any more: those of a process of this host that has ended (a
 * restart) at once, and any whose runner has been silent for two minutes (a replica that died).
 * In-cluster builds among them are claimed and answered (the caller follows them on); the
 * others are marked Failed.
 */
export async function sweepOrphans(): Promise<Build[]> {
  const host = `${os.hostname()}:`;
  const gone = (await activeRunners(host)).filter((r) => r !== RUNNER && !processAlive(Number(r.slice(host.length))));
  const earlier = { runner: { in: gone } };
  const silent = { status: "Running" as const, heartbeatAt: { lt: new Date(Date.now() - 120_000) } };
  // In-cluster builds go on without a console: this one takes them over instead.
  const claimed = await claimClusterBuilds({ OR: [earlier, silent] }, RUNNER);
  const reason = msg("buildInterrupted");
  await failOrphanedBuilds(earlier, reason);
  await failOrphanedBuilds(silent, reason);
  return claimed;
}
