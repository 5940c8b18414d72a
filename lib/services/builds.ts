// Builds for a person: check the namespace and the registry, take the upload (streamed
// to disk), record the Build and hand it to the runner; list, read and cancel them.
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import type { Actor } from "../auth/actor";
import { audit } from "../db/audit";
import { buildById, buildsChangedSince, createBuildRow, listBuildRows, updateBuildRow } from "../db/builds";
import type { Build } from "../db/generated/client";
import { teamBySlug, userWithTeams } from "../db/teams";
import { buildJobName } from "../domain/build-job";
import { teamGroup } from "../domain/identity";
import { deleteBuildJob } from "../k8s/build-jobs";
import { buildFields, buildListQuery, DEFAULT_BASES, type ArtifactKind, type BuildFields } from "../domain/build";
import { parseImageRef, type ImageRef } from "../domain/image-ref";
import { msg } from "../domain/messages";
import { AppError } from "../errors";
import { maxUploadBytes, receiveUpload, type Upload } from "../http/multipart";
import type { Identity } from "../k8s/impersonate";
import { findApp, setImage } from "../k8s/apps";
import { LOCAL_REGISTRY } from "../registry/local";
import { isGzip, isZip } from "../source/archive";
import { redactUrl } from "../source/git";
import { abortBuild, resumeBuild, RUNNER, startBuild, sweepOrphans, type BuildJob } from "./build-runner";
import { identityClient, namespaceClient } from "./namespace-client";
import { registryForTeam, teamRegistriesByHost } from "./registries";
import { logEvent } from "../log";

export { buildListQuery };

/** The bases offered per artifact kind (BERTH_BUILD_BASES edits the list). */
export function baseSuggestions(): Record<ArtifactKind, string[]> {
  if (process.env.BERTH_BUILD_BASES) {
    try {
      return { ...DEFAULT_BASES, ...(JSON.parse(process.env.BERTH_BUILD_BASES) as Partial<Record<ArtifactKind, string[]>>) };
    } catch {
      logEvent("warn", 'BERTH_BUILD_BASES is not JSON like {"jar": ["eclipse-temurin:17-jre"]}: using the defaults');
    }
  }
  return DEFAULT_BASES;
}

let swept: Promise<void> | undefined;
/** Once per process, before the first build request: builds an earlier console left Running are failed; then every minute. */
export function ensureSweeper() {
  swept ??= sweepOrphans().then(resumeClaimed).then(() => {
    setInterval(() => sweepOrphans().then(resumeClaimed).catch(() => undefined), 60_000).unref();
  }, (e) => {
    swept = undefined;
    throw e;
  });
  return swept;
}

/**
 * In-cluster builds a stopped console was following: this console follows their Jobs on,
 * as the person who started each (still a member of its team), and finishes them as usual.
 */
async function resumeClaimed(rows: Build[]) {
  for (const row of rows) {
    try {
      const found = row.userId ? await userWithTeams(row.userId) : null;
      const m = found?.memberships.find((x) => x.teamId === row.teamId);
      if (!found || !m) throw new AppError("forbidden", msg("buildOwnerGone"));
      const identity: Identity = { user: found.user.email, group: teamGroup(m.slug, m.role) };
      const registry = await registryForTeam({ id: row.teamId, slug: m.slug }, row.registry);
      const { repository: repo, tag } = parseImageRef(row.image);
      const onSuccess = row.updateApp ? appUpdater(identity, row.namespace, row.updateApp, { actor: found.user.email, userId: row.userId, teamId: row.teamId }) : undefined;
      resumeBuild(row, await identityClient(identity, row.namespace), { target: { url: registry.url, credentials: registry.credentials, repo, tag: tag ?? "" }, onSuccess }, row.sourceKind !== "git");
      logEvent("info", "following an in-cluster build a stopped console started", { build: row.id, namespace: row.namespace });
    } catch (e) {
      await updateBuildRow(row.id, { status: "Failed", error: (e as Error).message, finishedAt: new Date() }).catch(() => undefined);
    }
  }
}

/** The upload is what the build needs: there, not empty, and by its first bytes a zip (jar, war) or a zip/tar.gz archive. */
export function checkFile(f: Pick<BuildFields, "source" | "kind">, upload: Upload) {
  if (f.source === "git") return;
  const file = upload.file;
  if (!file) throw new AppError("bad_request", msg("uploadMissing"), { fields: { file: msg("uploadMissing") } });
  if (file.size === 0) throw new AppError("bad_request", msg("uploadEmpty"), { fields: { file: msg("uploadEmpty") } });
  if (f.source === "artifact" && f.kind !== "static") {
    if (!isZip(file.head)) throw new AppError("bad_request", msg("notJar", { name: file.name, kind: f.kind! }), { fields: { file: msg("notJar", { name: file.name, kind: f.kind! }) } });
  } else if (!isZip(file.head) && !isGzip(file.head)) {
    throw new AppError("bad_request", msg("notArchive", { name: file.name }), { fields: { file: msg("notArchive", { name: file.name }) } });
  }
}

/** The target repository in a registry; on the shared local registry, under the namespace so teams cannot overwrite each other. */
function targetRepo(registry: string, namespace: string, image: string): { repo: string; tag: string } {
  const ref: ImageRef = parseImageRef(`registry.invalid/${image}`);
  const repo = registry === LOCAL_REGISTRY && !ref.repository.startsWith(`${namespace}/`) ? `${namespace}/${ref.repository}` : ref.repository;
  return { repo, tag: ref.tag! };
}


/** Rolls an app out to a new image as a given identity (the person, or a pipeline's owner). */
export function appUpdater(identity: Identity, namespace: string, app: string, audited: { actor: string; userId?: string | null; teamId: string }) {
  return async (image: string) => {
    const kc = await identityClient(identity, namespace);
    try {
      const w = await findApp(kc, namespace, app);
      if (!w) throw new AppError("not_found", msg("noApp", { name: app, namespace }));
      await setImage(kc, w, image);
      await audit({ ...audited, action: "app.image", namespace, target: `${namespace}/${app}`, result: "ok", detail: `${image} (build)` });
      return true;
    } catch (e) {
      await audit({ ...audited, action: "app.image", namespace, target: `${namespace}/${app}`, result: "failed", detail: `${image} (build): ${(e as Error).message}` });
      throw e;
    }
  };
}

export interface StartBuildInput {
  teamId: string;
  teamSlug: string;
  namespace: string;
  fields: BuildFields;
  upload?: Upload;
  who: { email: string; userId?: string | null };
  identity: Identity;
  pipelineId?: string;
}

/** Records a build and hands it to the runner (shared by the form and pipeline webhooks). */
export async function launchBuild(input: StartBuildInput): Promise<{ id: string }> {
  const { fields: f, namespace } = input;
  const registry = await registryForTeam({ id: input.teamId, slug: input.teamSlug }, f.registry);
  const target = targetRepo(registry.name, namespace, f.image);
  const host = new URL(registry.url).host;
  const base = f.source === "artifact" ? f.base || baseSuggestions()[f.kind!][0] : f.base || undefined;
  await ensureSweeper();
  const row = await createBuildRow({
    teamId: input.teamId,
    namespace,
    userId: input.who.userId ?? undefined,
    createdBy: input.who.email,
    sourceKind: f.source,
    sourceName: input.upload?.file?.name,
    sourceSize: input.upload?.file ? BigInt(input.upload.file.size) : undefined,
    sourceSha256: input.upload?.file?.sha256,
    gitUrl: f.gitUrl ? redactUrl(f.gitUrl) : undefined,
    gitRef: f.source === "git" ? f.gitRef || "main" : undefined,
    gitSubdir: f.gitSubdir || undefined,
    strategy: f.source === "artifact" ? f.kind! : "dockerfile",
    base,
    registry: registry.name,
    image: `${host}/${target.repo}:${target.tag}`,
    port: f.port ?? (f.source === "artifact" ? (f.kind === "static" ? 80 : 8080) : undefined),
    updateApp: f.updateApp,
    pipelineId: input.pipelineId,
    runner: RUNNER,
  });
  const job: BuildJob = {
    id: row.id,
    namespace,
    fields: { ...f, base },
    file: input.upload?.file,
    dir: input.upload?.dir ?? (await mkdtemp(path.join(process.env.BERTH_BUILD_DIR || os.tmpdir(), "berth-build-"))),
    target: { url: registry.url, credentials: registry.credentials, ...target },
    teamRegistryAt: await teamRegistriesByHost(input.teamId),
    identity: input.identity,
    onSuccess: f.updateApp ? appUpdater(input.identity, namespace, f.updateApp, { actor: input.who.email, userId: input.who.userId, teamId: input.teamId }) : undefined,
    maxSourceBytes: maxUploadBytes(),
  };
  startBuild(job);
  await audit({ actor: input.who.email, userId: input.who.userId, teamId: input.teamId, action: "build.start", namespace, target: `${namespace}/${row.id}`, result: "ok", detail: row.image });
  return { id: row.id };
}

/** POST /api/namespaces/<ns>/builds: multipart, streamed to disk. */
export async function createBuild(actor: Actor, namespace: string, req: Request): Promise<{ id: string }> {
  const access = await namespaceClient(actor, namespace, "write");
  const upload = await receiveUpload(req);
  try {
    const fields = buildFields.parse(upload.fields);
    checkFile(fields, upload);
    const team = access.teamSlug ? await teamBySlug(access.teamSlug) : null;
    if (!team) throw new AppError("forbidden", msg("noNamespaceAccess", { namespace }));
    return await launchBuild({ teamId: team.id, teamSlug: team.slug, namespace, fields, upload, who: { email: actor.user.email, userId: actor.user.id }, identity: access.identity });
  } catch (e) {
    await upload.cleanup();
    throw e;
  }
}

function serialize<T extends { sourceSize?: bigint | null }>(b: T) {
  return { ...b, sourceSize: b.sourceSize === null || b.sourceSize === undefined ? null : Number(b.sourceSize) };
}

export async function listBuilds(actor: Actor, namespace: string, q: z.infer<typeof buildListQuery>) {
  await namespaceClient(actor, namespace, "read");
  const items = await listBuildRows(namespace, q);
  return { items: items.map(serialize), next: items.length === q.limit ? items[items.length - 1].createdAt.toISOString() : null };
}

export async function getBuild(actor: Actor, namespace: string, id: string) {
  await namespaceClient(actor, namespace, "read");
  const b = await buildById(id);
  if (!b || b.namespace !== namespace) throw new AppError("not_found", msg("noBuild", { id, namespace }));
  const { runner: _r, heartbeatAt: _h, teamId: _t, userId: _u, builder: _b, ...rest } = b;
  return serialize(rest);
}

export async function cancelBuild(actor: Actor, namespace: string, id: string) {
  const access = await namespaceClient(actor, namespace, "write");
  const b = await buildById(id);
  if (!b || b.namespace !== namespace) throw new AppError("not_found", msg("noBuild", { id, namespace }));
  if (b.status !== "Pending" && b.status !== "Running") throw new AppError("conflict", msg("buildFinished", { id, status: b.status }));
  await updateBuildRow(id, { status: "Cancelled", error: msg("buildCancelled", { who: actor.user.email }), finishedAt: new Date() });
  abortBuild(id); // here, or the replica running it notices the status at its next write
  // An in-cluster build stops at once, whichever console follows it: its Job (and pod) go now.
  if (b.builder === "cluster") await deleteBuildJob(access.kc, namespace, buildJobName(id));
  await audit({ actor: actor.user.email, userId: actor.user.id, teamId: access.teamId, action: "build.cancel", namespace, target: `${namespace}/${id}`, result: "ok" });
  return getBuild(actor, namespace, id);
}

/**
 * Build changes of a namespace for the page's stream: read from the database every
 * second (any replica may be running the build), with the log of the one build a page has open.
 */
export function followBuilds(namespace: string, openId: string | undefined, from: Date | undefined, send: (build: unknown) => void): () => void {
  const now = Date.now();
  let since = new Date(Math.min(now, Math.max(from?.getTime() ?? now, now - 10 * 60_000)));
  let stopped = false;
  let busy = false;
  const tick = async () => {
    if (busy || stopped) return;
    busy = true;
    try {
      const changed = await buildsChangedSince(namespace, since);
      for (const b of changed) {
        if (b.updatedAt > since) since = b.updatedAt;
        if (b.id === openId) {
          const full = await buildById(b.id);
          send(serialize({ ...b, log: full?.log ?? "" }));
        } else send(serialize(b));
      }
    } catch {
      /* the next tick tries again */
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(tick, 1000);
  void tick();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
