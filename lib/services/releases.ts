// Marketplace releases for a person: install, read, upgrade and uninstall a template in one
// of their team's namespaces. Every cluster call runs as the person (RBAC decides); every
// object is dry-run first, so a refusal leaves nothing behind; secret values are sealed in
// the database and live in the release's Secret, never returned.
//
// An operation holds the release ("applying", compare-and-set) while it applies; then the
// release waits ("pending") for its workloads until a deadline. settle() — on every read and
// from a sweeper each minute — finishes what a stopped console left: an install that did not
// become ready in time, or that was interrupted, is rolled back (unless kept for debugging).
import type { KubernetesObject } from "@kubernetes/client-node";
import { z } from "zod";
import type { Actor } from "../auth/actor";
import { generatePassword } from "../auth/password";
import { fingerprint, open, seal } from "../auth/secret-box";
import { summarizeWorkload, type Workload } from "../domain/app-status";
import { msg } from "../domain/messages";
import { dnsLabel } from "../domain/names";
import { checkParametersSchema, dropped, releaseStatus, refsOf, resolveValues, type ObjectRef, type ResolvedValues } from "../domain/templates";
import { addRevision, claimRelease, createRelease, deleteRelease, findRelease, listReleases as listReleaseRows, staleReleases, updateRelease } from "../db/templates";
import { AppError, isAppError } from "../errors";
import { applyObjects, type DiffEntry } from "../k8s/apps";
import type { Identity } from "../k8s/impersonate";
import { deleteOwned, readOwned, releaseClaims, releasePods } from "../k8s/releases";
import { audited, identityClient, namespaceClient } from "./namespace-client";
import { visibleTemplate } from "./catalog";
import { renderVersion, templateAppError } from "./render";
import { metrics } from "../metrics";
import { logEvent } from "../log";

const values = z.record(z.string().max(63), z.unknown()).default({});
export const installInput = z.object({
  template: z.string().min(1).max(63),
  version: z.string().max(40).optional(),
  name: dnsLabel("releaseName"),
  values,
  dryRun: z.boolean().default(false),
  keepOnFailure: z.boolean().default(false),
});
export const upgradeInput = z.object({ version: z.string().max(40).optional(), values, dryRun: z.boolean().default(false) });
export const uninstallInput = z.object({ confirm: z.string().max(63), deleteData: z.boolean().default(false) });
export const releaseParams = z.object({ namespace: dnsLabel("namespaceName"), release: dnsLabel("releaseName") });

/** How long a release may take to become ready (then it has failed), and to apply. */
const readyDeadlineMs = () => Number(process.env.BERTH_RELEASE_DEADLINE_MS ?? 5 * 60_000);
const applyDeadlineMs = () => Number(process.env.BERTH_RELEASE_APPLY_DEADLINE_MS ?? 2 * 60_000);

const WORKLOADS = new Set(["Deployment", "StatefulSet", "DaemonSet"]);

function pickVersion<T extends { version: string; deprecated: boolean }>(versions: T[], wanted?: string): T {
  const v = wanted ? versions.find((x) => x.version === wanted) : (versions.find((x) => !x.deprecated) ?? versions[0]);
  if (!v) throw new AppError("not_found", msg("templateVersionNotFound", { version: wanted ?? "latest" }));
  return v;
}

const sealedValues = (secrets: Record<string, string>) => (Object.keys(secrets).length ? seal(JSON.stringify(secrets)) : null);
const openedValues = (sealed: string | null): Record<string, string> => (sealed ? (JSON.parse(open(sealed)) as Record<string, string>) : {});

/** Every object dry-run as the person first (RBAC and the apiserver's validation): one refusal and nothing is applied. */
async function dryRunAll(kc: Parameters<typeof applyObjects>[0], objects: KubernetesObject[]): Promise<DiffEntry[]> {
  const diffs: DiffEntry[] = [];
  for (const o of objects) {
    try {
      diffs.push(...(await applyObjects(kc, [o], { dryRun: true })));
    } catch (e) {
      if (isAppError(e)) throw new AppError(e.code === "cluster_forbidden" || e.code === "forbidden" ? e.code : "unprocessable", msg("releaseRefused", { object: `${o.kind}/${o.metadata?.name}`, reason: e.message }));
      throw e;
    }
  }
  return diffs;
}

export async function installRelease(actor: Actor, namespace: string, input: z.infer<typeof installInput>) {
  const { kc, teamId, identity } = await namespaceClient(actor, namespace, "write");
  const t = await visibleTemplate(actor, input.template);
  if (t.teamId !== null && t.teamId !== teamId) throw new AppError("not_found", msg("templateNotFound", { slug: input.template }));
  const v = pickVersion(t.versions, input.version);
  let resolved: ResolvedValues;
  let objects: KubernetesObject[];
  try {
    resolved = resolveValues(checkParametersSchema(v.parameters), input.values, generatePassword);
    objects = (await renderVersion(v, { name: input.name, namespace, template: t.slug, version: v.version, secretsFingerprint: fingerprint(JSON.stringify(resolved.secrets)) }, resolved)) as unknown as KubernetesObject[];
  } catch (e) {
    throw templateAppError(e);
  }
  if (await findRelease(namespace, input.name)) throw new AppError("conflict", msg("releaseExists", { name: input.name, namespace }));
  const diffs = await dryRunAll(kc, objects);
  if (input.dryRun) return { dryRun: true, objects: diffs };

  let row;
  try {
    row = await createRelease({
      namespace,
      name: input.name,
      teamId: teamId!,
      templateId: t.id,
      versionId: v.id,
      values: resolved.plain,
      secretValues: sealedValues(resolved.secrets),
      objects: refsOf(objects as never) as never,
      action: "install",
      phase: "applying",
      deadline: new Date(Date.now() + applyDeadlineMs()),
      keepOnFailure: input.keepOnFailure,
      identity: identity as never,
      createdById: actor.user.id,
    });
  } catch (e) {
    if ((e as { code?: string }).code === "P2002") throw new AppError("conflict", msg("releaseExists", { name: input.name, namespace }));
    throw e;
  }
  return audited(actor, namespace, "release.install", input.name, `${t.slug}@${v.version}`, async (kc) => {
    const created: ObjectRef[] = [];
    try {
      for (const [i, o] of objects.entries()) {
        await applyObjects(kc, [o], { dryRun: false });
        if (diffs[i].action === "create") created.push(refsOf([o as never])[0]);
      }
    } catch (e) {
      const reason = isAppError(e) ? e.message : (e as Error).message;
      if (input.keepOnFailure) await updateRelease(row.id, { phase: "failed", reason });
      else {
        await deleteOwned(kc, namespace, [...created].reverse()).catch(() => undefined);
        await deleteRelease(row.id);
      }
      throw new AppError("unprocessable", msg(input.keepOnFailure ? "releaseFailedKept" : "releaseRolledBack", { reason }));
    }
    await updateRelease(row.id, { phase: "pending", deadline: new Date(Date.now() + readyDeadlineMs()) });
    await addRevision({ releaseId: row.id, revision: 1, version: v.version, values: resolved.plain, action: "install", byEmail: actor.user.email });
    return getRelease(actor, namespace, input.name);
  });
}

/** A release's objects and their state; the release's status from them. */
async function observe(kc: Parameters<typeof applyObjects>[0], namespace: string, name: string, refs: ObjectRef[]) {
  const [live, pods] = await Promise.all([readOwned(kc, namespace, refs), releasePods(kc, namespace, name)]);
  const objects = refs.map((r, i) => {
    const o = live[i];
    if (!o) return { ...r, exists: false };
    if (!WORKLOADS.has(r.kind)) return { ...r, exists: true };
    const s = summarizeWorkload(o as Workload);
    return { ...r, exists: true, desired: s.desired, ready: s.ready, phase: s.phase, problem: s.reason };
  });
  const podProblem = pods.find((p) => p.reason)?.reason;
  const workloads = objects.flatMap((o) => ("desired" in o && o.desired !== undefined ? [{ kind: o.kind, name: o.name, desired: o.desired, ready: o.ready!, problem: podProblem ?? (o.phase === "Degraded" ? o.problem : undefined) }] : []));
  return { objects, pods, workloads, missing: objects.filter((o) => !o.exists).map((o) => `${o.kind}/${o.name}`) };
}

type ReleaseRow = NonNullable<Awaited<ReturnType<typeof findRelease>>>;

/**
 * Brings a release's operation to an end when it is due: ready → deployed; an apply that
 * outlived its deadline (the console stopped) or an install not ready by its deadline →
 * failed, an install rolled back unless kept. Runs as the person who started the operation.
 */
async function settle(row: ReleaseRow, observed?: Awaited<ReturnType<typeof observe>>): Promise<ReleaseRow> {
  if (row.phase !== "pending" && row.phase !== "applying") return row;
  const due = row.deadline !== null && row.deadline < new Date();
  if (row.phase === "applying" && !due) return row;
  const kc = await identityClient(row.identity as unknown as Identity, row.namespace);
  const seen = observed ?? (await observe(kc, row.namespace, row.name, row.objects as unknown as ObjectRef[]));
  const status = releaseStatus({ phase: "pending", action: row.action as "install" | "upgrade", deadline: row.deadline ?? undefined }, seen.workloads, seen.missing);
  const ended = (result: string) => metrics().releases.inc({ action: row.action, result });
  if (row.phase === "pending" && status.status === "Ready") {
    ended("ready");
    return { ...row, ...(await updateRelease(row.id, { phase: "deployed", reason: null })) };
  }
  if (!due) return row;
  const reason = row.phase === "applying" ? msg("releaseInterrupted", { action: row.action }) : msg("releaseNotReady", { reason: status.reason ?? "" });
  if (row.action === "install" && !row.keepOnFailure) {
    await deleteOwned(kc, row.namespace, [...(row.objects as unknown as ObjectRef[])].reverse()).catch(() => undefined);
    await deleteRelease(row.id);
    ended(row.phase === "applying" ? "interrupted" : "rolled_back");
    return { ...row, phase: "rolledBack", reason };
  }
  ended(row.phase === "applying" ? "interrupted" : "failed");
  return { ...row, ...(await updateRelease(row.id, { phase: "failed", reason })) };
}

function view(row: ReleaseRow, seen: Awaited<ReturnType<typeof observe>>) {
  const status = releaseStatus({ phase: row.phase === "failed" ? "failed" : row.phase === "deployed" ? "deployed" : "pending", action: row.action as "install" | "upgrade", deadline: row.deadline ?? undefined, reason: row.reason }, seen.workloads, seen.missing);
  return {
    name: row.name,
    namespace: row.namespace,
    template: { slug: row.template.slug, name: row.template.name, icon: row.template.icon },
    version: row.version.version,
    revision: row.revision,
    status: status.status,
    reason: status.reason ?? null,
    values: row.values,
    // secret parameters are named, never shown
    secrets: Object.keys(openedValues(row.secretValues)),
    objects: seen.objects,
    pods: seen.pods,
    history: row.history.map((h) => ({ revision: h.revision, version: h.version, action: h.action, by: h.byEmail, at: h.createdAt, values: h.values })),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

async function releaseRow(namespace: string, name: string): Promise<ReleaseRow> {
  const row = await findRelease(namespace, name);
  if (!row) throw new AppError("not_found", msg("releaseNotFound", { name, namespace }));
  return row;
}

export async function getRelease(actor: Actor, namespace: string, name: string) {
  const { kc } = await namespaceClient(actor, namespace, "read");
  let row = await releaseRow(namespace, name);
  const seen = await observe(kc, namespace, name, row.objects as unknown as ObjectRef[]);
  row = await settle(row, seen);
  if (row.phase === "rolledBack") throw new AppError("not_found", msg("releaseRolledBackGone", { name, reason: row.reason ?? "" }));
  return view(row, seen);
}

/** How many releases the installed-apps list reads from the cluster at once. */
const LIST_CONCURRENCY = 8;

export async function listReleases(actor: Actor, namespace: string) {
  const { kc } = await namespaceClient(actor, namespace, "read");
  const rows = await listReleaseRows(namespace);
  const one = async (r: ReleaseRow) => {
    const seen = await observe(kc, namespace, r.name, r.objects as unknown as ObjectRef[]);
    const row = await settle(r, seen);
    if (row.phase === "rolledBack") return undefined;
    const latest = await visibleTemplate(actor, row.template.slug).then((t) => pickVersion(t.versions).version, () => row.version.version);
    const v = view(row, seen);
    return { name: v.name, template: v.template, version: v.version, latest, upgradeAvailable: latest !== v.version, status: v.status, reason: v.reason, updatedAt: v.updatedAt };
  };
  const items = [];
  for (let i = 0; i < rows.length; i += LIST_CONCURRENCY) items.push(...(await Promise.all(rows.slice(i, i + LIST_CONCURRENCY).map(one))));
  return { items: items.filter((x) => x !== undefined) };
}

export async function upgradeRelease(actor: Actor, namespace: string, name: string, input: z.infer<typeof upgradeInput>) {
  const { kc, identity } = await namespaceClient(actor, namespace, "write");
  const row = await releaseRow(namespace, name);
  const t = await visibleTemplate(actor, row.template.slug);
  const v = pickVersion(t.versions, input.version ?? row.version.version);
  const previous: ResolvedValues = { plain: row.values as Record<string, string | number | boolean>, secrets: openedValues(row.secretValues) };
  let resolved: ResolvedValues;
  let objects: KubernetesObject[];
  try {
    const schema = checkParametersSchema(v.parameters);
    // Values not given again are kept (never wiped by an upgrade); ones the new version dropped are left out.
    const kept = Object.fromEntries(Object.entries(previous.plain).filter(([k]) => Object.hasOwn(schema.properties, k)));
    resolved = resolveValues(schema, { ...kept, ...input.values }, generatePassword, previous);
    objects = (await renderVersion(v, { name, namespace, template: t.slug, version: v.version, secretsFingerprint: fingerprint(JSON.stringify(resolved.secrets)) }, resolved)) as unknown as KubernetesObject[];
  } catch (e) {
    throw templateAppError(e);
  }
  const before = row.objects as unknown as ObjectRef[];
  const after = refsOf(objects as never);
  const removed = dropped(before, after);
  const diffs = await dryRunAll(kc, objects);
  if (input.dryRun) return { dryRun: true, objects: diffs, removed };
  if (!(await claimRelease(row.id, "upgrade", new Date(Date.now() + applyDeadlineMs())))) throw new AppError("conflict", msg("releaseBusy", { name }));
  return audited(actor, namespace, "release.upgrade", name, `${t.slug}@${row.version.version} → ${v.version}`, async (kc) => {
    try {
      await updateRelease(row.id, { identity: identity as never, objects: [...after, ...removed] as never });
      for (const o of objects) await applyObjects(kc, [o], { dryRun: false });
      await deleteOwned(kc, namespace, [...removed].reverse());
    } catch (e) {
      const reason = isAppError(e) ? e.message : (e as Error).message;
      await updateRelease(row.id, { phase: "failed", reason });
      throw new AppError("unprocessable", msg("releaseUpgradeFailed", { reason }));
    }
    const revision = row.revision + 1;
    await updateRelease(row.id, { versionId: v.id, values: resolved.plain, secretValues: sealedValues(resolved.secrets), objects: after as never, revision, phase: "pending", deadline: new Date(Date.now() + readyDeadlineMs()) });
    await addRevision({ releaseId: row.id, revision, version: v.version, values: resolved.plain, action: "upgrade", byEmail: actor.user.email });
    return getRelease(actor, namespace, name);
  });
}

export async function uninstallRelease(actor: Actor, namespace: string, name: string, input: z.infer<typeof uninstallInput>) {
  await namespaceClient(actor, namespace, "write");
  const row = await releaseRow(namespace, name);
  if (input.confirm !== name) throw new AppError("bad_request", msg("releaseConfirm", { name }), { fields: { confirm: msg("releaseConfirm", { name }) } });
  if (!(await claimRelease(row.id, "uninstall", new Date(Date.now() + applyDeadlineMs())))) throw new AppError("conflict", msg("releaseBusy", { name }));
  return audited(actor, namespace, "release.uninstall", name, input.deleteData ? "with its data" : "data kept", async (kc) => {
    const refs = row.objects as unknown as ObjectRef[];
    // Volume claims are data: kept unless asked (their own and those StatefulSets made per replica).
    const claims = (await releaseClaims(kc, namespace, name)).map((c) => c.metadata!.name!);
    await deleteOwned(kc, namespace, [...refs].reverse().filter((r) => input.deleteData || r.kind !== "PersistentVolumeClaim"));
    if (input.deleteData) await deleteOwned(kc, namespace, claims.map((c) => ({ apiVersion: "v1", kind: "PersistentVolumeClaim", name: c })));
    await deleteRelease(row.id);
    return { uninstalled: name, keptVolumes: input.deleteData ? [] : claims };
  });
}

let sweeper: NodeJS.Timeout | undefined;

/** Each minute: operations a stopped console left, finished or rolled back (and once at start). */
export function ensureReleaseSweeper() {
  const sweep = async () => {
    for (const r of await staleReleases()) {
      const full = await findRelease(r.namespace, r.name);
      if (full) await settle(full).catch((e: unknown) => logEvent("error", "could not finish a release operation", { namespace: r.namespace, release: r.name, reason: (e as Error).message }));
    }
  };
  if (!sweeper) {
    sweeper = setInterval(() => void sweep().catch(() => undefined), 60_000);
    sweeper.unref();
  }
  return sweep();
}
