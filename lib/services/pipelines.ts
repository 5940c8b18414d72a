// Pipelines: a saved build (Git URL/ref, Dockerfile, target image, app to update) with a
// webhook, so every push builds (the seed's "Jenkins triggers the pipeline"). A webhook
// call proves itself with an HMAC-SHA256 of the body (GitHub/Gitea X-Hub-Signature-256)
// or the shared token (GitLab X-Gitlab-Token); a delivery is accepted once; the build runs
// as the person who made the pipeline, with their current role in the team.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { copyFile, link, mkdir, mkdtemp, open, rename, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import type { Actor } from "../auth/actor";
import { open as openSecret, seal } from "../auth/secret-box";
import { audit } from "../db/audit";
import { listBuildRows } from "../db/builds";
import { db } from "../db/client";
import { ARTIFACT_KINDS, gitRef, gitSubdir, gitUrl, targetImage, type ArtifactKind } from "../domain/build";
import { teamBySlug } from "../db/teams";
import { receiveUpload, type Upload } from "../http/multipart";
import { teamGroup } from "../domain/identity";
import { msg } from "../domain/messages";
import { dnsLabel } from "../domain/names";
import { AppError } from "../errors";
import { redactUrl } from "../source/git";
import { checkFile, launchBuild } from "./builds";
import { namespaceClient } from "./namespace-client";
import { registryForTeam } from "./registries";

const common = {
  name: dnsLabel("appName"),
  base: z.string().trim().max(512).optional(),
  registry: z.string().trim().min(1).max(63).default("local"),
  image: targetImage,
  updateApp: dnsLabel("appName").optional(),
};
/** A Git pipeline builds the pushed commit's Dockerfile; an artifact pipeline builds the latest jar, war or site uploaded to it. */
export const pipelineInput = z.preprocess(
  (v) => (v && typeof v === "object" && !("sourceKind" in v) ? { ...v, sourceKind: "git" } : v), // Git unless said otherwise
  z.discriminatedUnion("sourceKind", [
    z.object({ sourceKind: z.literal("git"), gitUrl, gitRef: gitRef.default("main"), gitSubdir: gitSubdir.optional(), ...common }),
    z.object({ sourceKind: z.literal("artifact"), kind: z.enum(ARTIFACT_KINDS), ...common }),
  ]),
);

export const pipelineParams = z.object({ namespace: dnsLabel("namespaceName"), id: z.string().regex(/^[a-z0-9]{20,40}$/) });

/** Valid webhook calls a pipeline takes per minute; more get 429. */
const FLOOD = () => Number(process.env.BERTH_WEBHOOK_PER_MINUTE ?? 10);
const MAX_PAYLOAD = 1024 * 1024;

const PUBLIC = { id: true, namespace: true, name: true, sourceKind: true, artifactName: true, artifactSha256: true, artifactAt: true, gitUrl: true, gitRef: true, gitSubdir: true, strategy: true, base: true, registry: true, image: true, updateApp: true, createdBy: true, createdAt: true } as const;

export async function createPipeline(actor: Actor, namespace: string, input: z.infer<typeof pipelineInput>) {
  const access = await namespaceClient(actor, namespace, "write");
  const team = access.teamSlug ? await teamBySlug(access.teamSlug) : null;
  if (!team) throw new AppError("forbidden", msg("noNamespaceAccess", { namespace }));
  await registryForTeam(team, input.registry); // the registry exists
  if (await db().pipeline.findUnique({ where: { namespace_name: { namespace, name: input.name } } })) throw new AppError("conflict", msg("pipelineExists", { name: input.name, namespace }));
  const secret = randomBytes(32).toString("hex");
  const p = await db().pipeline.create({
    data: {
      teamId: team.id,
      namespace,
      name: input.name,
      sourceKind: input.sourceKind,
      ...(input.sourceKind === "git"
        ? { gitUrl: redactUrl(input.gitUrl), gitUrlEnc: seal(input.gitUrl), gitRef: input.gitRef, gitSubdir: input.gitSubdir || null, strategy: "dockerfile" }
        : { strategy: input.kind }),
      base: input.base || null,
      registry: input.registry,
      image: input.image,
      updateApp: input.updateApp || null,
      secretEnc: seal(secret),
      createdBy: actor.user.email,
      userId: actor.user.id,
    },
    select: PUBLIC,
  });
  await audit({ actor: actor.user.email, userId: actor.user.id, teamId: team.id, action: "pipeline.create", namespace, target: `${namespace}/${input.name}`, result: "ok", detail: input.sourceKind === "git" ? redactUrl(input.gitUrl) : `latest uploaded ${input.kind}` });
  // The secret is shown once, here.
  return { ...p, secret, webhook: `/api/hooks/pipelines/${p.id}` };
}

export async function listPipelines(actor: Actor, namespace: string) {
  await namespaceClient(actor, namespace, "read");
  const items = await db().pipeline.findMany({ where: { namespace }, orderBy: { name: "asc" }, select: { ...PUBLIC, builds: { orderBy: { createdAt: "desc" }, take: 1, select: { id: true, status: true, createdAt: true, appUpdated: true } } } });
  return { items: items.map(({ builds, ...p }) => ({ ...p, webhook: `/api/hooks/pipelines/${p.id}`, lastRun: builds[0] ?? null })) };
}

async function pipelineIn(namespace: string, id: string) {
  const p = await db().pipeline.findUnique({ where: { id } });
  if (!p || p.namespace !== namespace) throw new AppError("not_found", msg("noPipeline", { id }));
  return p;
}

/** A pipeline and its runs: each build, its result, whether the app was updated. */
export async function getPipeline(actor: Actor, namespace: string, id: string) {
  await namespaceClient(actor, namespace, "read");
  const { secretEnc: _s, gitUrlEnc: _g, userId: _u, teamId: _t, ...p } = await pipelineIn(namespace, id);
  const runs = await listBuildRows(namespace, { limit: 50, pipelineId: id });
  return { ...p, webhook: `/api/hooks/pipelines/${p.id}`, runs: runs.map((r) => ({ id: r.id, status: r.status, gitCommit: r.gitCommit, digest: r.digest, error: r.error, appUpdated: r.appUpdated, createdAt: r.createdAt, finishedAt: r.finishedAt })) };
}

export async function deletePipeline(actor: Actor, namespace: string, id: string) {
  const access = await namespaceClient(actor, namespace, "write");
  const p = await pipelineIn(namespace, id);
  await db().pipeline.delete({ where: { id: p.id } });
  await audit({ actor: actor.user.email, userId: actor.user.id, teamId: access.teamId, action: "pipeline.delete", namespace, target: `${namespace}/${p.name}`, result: "ok" });
}

const equal = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Reads at most MAX_PAYLOAD bytes of the body. */
async function rawBody(req: Request): Promise<Buffer> {
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (declared > MAX_PAYLOAD) throw new AppError("payload_too_large", msg("uploadTooLarge", { limit: "1 MB" }));
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of (req.body ?? []) as unknown as AsyncIterable<Uint8Array>) {
    size += c.length;
    if (size > MAX_PAYLOAD) throw new AppError("payload_too_large", msg("uploadTooLarge", { limit: "1 MB" }));
    chunks.push(Buffer.from(c));
  }
  return Buffer.concat(chunks);
}

/** What the push says: the commit and the branch (GitHub, Gitea, GitLab payloads). */
function pushOf(body: Buffer): { commit?: string; ref?: string } {
  try {
    const p = JSON.parse(body.toString("utf8")) as { after?: string; checkout_sha?: string; ref?: string };
    const commit = [p.checkout_sha, p.after].find((c) => typeof c === "string" && /^[0-9a-f]{40}$/.test(c) && !/^0+$/.test(c));
    return { commit, ref: typeof p.ref === "string" ? p.ref : undefined };
  } catch {
    return {};
  }
}

/**
 * POST /api/hooks/pipelines/<id>. 401 for an unknown pipeline, a missing or wrong
 * signature, or a delivery already seen (nothing started); 429 past the rate; 202 with
 * the build, or with why the push was ignored (another branch).
 */
export async function receiveWebhook(id: string, req: Request): Promise<Response> {
  const body = await rawBody(req);
  const p = /^[a-z0-9]{20,40}$/.test(id) ? await pipelineWithTeam(id) : null;
  const refuse = () => new AppError("unauthenticated", msg("webhookSignature"));
  if (!p) throw refuse();
  const secret = openSecret(p.secretEnc);
  const hub = req.headers.get("x-hub-signature-256");
  const token = req.headers.get("x-gitlab-token");
  const expected = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
  if (!(hub ? equal(hub, expected) : token ? equal(token, secret) : false)) throw refuse();

  const since = new Date(Date.now() - 60_000);
  if ((await db().webhookDelivery.count({ where: { pipelineId: p.id, at: { gt: since } } })) >= FLOOD()) throw new AppError("rate_limited", msg("webhookFlood"));
  const delivery = req.headers.get("x-github-delivery") ?? req.headers.get("x-gitea-delivery") ?? req.headers.get("x-gitlab-event-uuid") ?? `sha256:${createHash("sha256").update(body).digest("hex")}`;
  try {
    await db().webhookDelivery.create({ data: { pipelineId: p.id, deliveryId: delivery.slice(0, 200) } });
  } catch (e) {
    if ((e as { code?: string }).code === "P2002") throw new AppError("unauthenticated", msg("webhookReplay"));
    throw e;
  }

  const push = pushOf(body);
  if (p.sourceKind === "git" && push.ref && push.ref.startsWith("refs/heads/") && push.ref !== `refs/heads/${p.gitRef}` && !/^[0-9a-f]{40}$/.test(p.gitRef)) {
    return Response.json({ ignored: `a push to ${push.ref}; this pipeline follows ${p.gitRef}` }, { status: 202 });
  }
  if (p.sourceKind === "artifact" && !p.artifactSha256) throw new AppError("conflict", msg("noArtifactYet", { name: p.name }));
  const build = await runPipeline(p, push.commit);
  return Response.json({ build: build.id, commit: p.sourceKind === "git" ? (push.commit ?? null) : null }, { status: 202 });
}

type PipelineWithTeam = NonNullable<Awaited<ReturnType<typeof pipelineWithTeam>>>;
function pipelineWithTeam(id: string) {
  return db().pipeline.findUnique({ where: { id }, include: { team: true } });
}

/** Where a pipeline's latest uploaded artifact is kept (BERTH_ARTIFACT_DIR; a shared volume when several consoles run). */
const artifactDir = () => process.env.BERTH_ARTIFACT_DIR || path.join(/*turbopackIgnore: true*/ process.cwd(), ".berth", "artifacts");
const artifactPath = (id: string) => path.join(artifactDir(), id);

/**
 * One run of a pipeline as the person who made it, in the role they hold today: a Git
 * pipeline at the pushed commit, an artifact pipeline from its latest uploaded file.
 */
async function runPipeline(p: PipelineWithTeam, commit?: string) {
  const m = p.userId ? await db().membership.findUnique({ where: { userId_teamId: { userId: p.userId, teamId: p.teamId } }, include: { user: true } }) : null;
  if (!m || m.role === "viewer") {
    await audit({ actor: `webhook:${p.name}`, teamId: p.teamId, action: "pipeline.run", namespace: p.namespace, target: `${p.namespace}/${p.name}`, result: "denied", detail: `${p.createdBy} can no longer build in ${p.team.slug}` });
    throw new AppError("forbidden", msg("viewerCannotWrite", { team: p.team.slug, role: m?.role ?? "none" }));
  }
  const common = { base: p.base ?? undefined, image: p.image, registry: p.registry, updateApp: p.updateApp ?? undefined };
  let upload: Upload | undefined;
  if (p.sourceKind === "artifact") {
    // The build gets its own link to the stored file: the runner removes its folder when done.
    const dir = await mkdtemp(path.join(process.env.BERTH_BUILD_DIR || os.tmpdir(), "berth-pipeline-"));
    const file = path.join(dir, "upload");
    await link(artifactPath(p.id), file).catch(() => copyFile(artifactPath(p.id), file));
    const head = Buffer.alloc(16);
    const fh = await open(file, "r");
    await fh.read(head, 0, 16, 0).finally(() => fh.close());
    upload = { fields: {}, dir, cleanup: () => rm(dir, { recursive: true, force: true }), file: { path: file, name: p.artifactName ?? "artifact", size: Number(p.artifactSize ?? 0), sha256: p.artifactSha256!, head } };
  }
  return launchBuild({
    teamId: p.teamId,
    teamSlug: p.team.slug,
    namespace: p.namespace,
    fields: p.sourceKind === "git" ? { source: "git", gitUrl: openSecret(p.gitUrlEnc!), gitRef: commit ?? p.gitRef, gitSubdir: p.gitSubdir ?? undefined, ...common } : { source: "artifact", kind: p.strategy as ArtifactKind, ...common },
    upload,
    who: { email: m.user.email, userId: m.userId },
    identity: { user: m.user.email, group: teamGroup(p.team.slug, m.role) },
    pipelineId: p.id,
  });
}

/**
 * POST …/pipelines/<id>/artifact: a new jar, war or site for an artifact pipeline (what a CI
 * job uploads with an API token), kept as its latest artifact, then built.
 */
export async function uploadArtifact(actor: Actor, namespace: string, id: string, req: Request) {
  await namespaceClient(actor, namespace, "write");
  const p = await pipelineWithTeam(id);
  if (!p || p.namespace !== namespace) throw new AppError("not_found", msg("noPipeline", { id }));
  if (p.sourceKind !== "artifact") throw new AppError("bad_request", msg("notArtifactPipeline", { name: p.name }));
  const upload = await receiveUpload(req);
  try {
    checkFile({ source: "artifact", kind: p.strategy as ArtifactKind }, upload);
    const f = upload.file!;
    await mkdir(artifactDir(), { recursive: true });
    await copyFile(f.path, `${artifactPath(p.id)}.tmp`);
    await rename(`${artifactPath(p.id)}.tmp`, artifactPath(p.id)); // a run never sees half a file
    const updated = await db().pipeline.update({ where: { id: p.id }, data: { artifactName: f.name, artifactSize: BigInt(f.size), artifactSha256: f.sha256, artifactAt: new Date() }, include: { team: true } });
    await audit({ actor: actor.user.email, userId: actor.user.id, teamId: p.teamId, action: "pipeline.artifact", namespace, target: `${namespace}/${p.name}`, result: "ok", detail: `${f.name} sha256:${f.sha256}` });
    return { build: (await runPipeline(updated)).id };
  } finally {
    await upload.cleanup();
  }
}
