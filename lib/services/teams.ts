// Team management: the database rows, the cluster objects and the audit trail together.
import type { KubeConfig } from "@kubernetes/client-node";
import { z } from "zod";
import { requireTeamRole, type Actor } from "../auth/actor";
import { endSessions } from "../db/accounts";
import { audit } from "../db/audit";
import { db } from "../db/client";
import { ROLES, requireTeam, teamBySlug, namespacesOfTeam } from "../db/teams";
import { teamSlug } from "../domain/names";
import { createNamespaceInput, namespaceLimits, type NamespaceLimits } from "../domain/team-namespace";
import { exceedsTeamLimits, reserved, type ClusterLimits, type TeamLimits } from "../domain/team-limits";
import { clusterByName, listClusterRows } from "../db/clusters";
import { AppError, isAppError } from "../errors";
import { clusterKubeConfig, defaultClusterName, forgetNamespace, namespaceCluster, namespaceKubeConfig } from "./clusters";
import { issuePasswordLink } from "./accounts";
import { pullSecretsForNewNamespace } from "./registries";
import { deleteNamespace } from "../k8s/namespaces";
import { createTeamNamespace, readNamespaceLimits, updateNamespaceLimits } from "../k8s/team-namespace";
import { msg } from "../domain/messages";

export const createTeamInput = z.object({ slug: teamSlug, name: z.string().trim().min(1, msg("teamNameRequired")).max(100) });
export const inviteInput = z.object({ email: z.string().trim().toLowerCase().email(msg("email")).max(254), role: z.enum(ROLES) });
export const roleInput = z.object({ role: z.enum(ROLES) });
export const deleteTeamInput = z.object({ confirm: z.string(), deleteNamespaces: z.boolean().default(false) });
export { createNamespaceInput, namespaceLimits };

const who = (a: Actor) => ({ actor: a.user.email, userId: a.user.id });

export async function createTeam(actor: Actor, input: z.infer<typeof createTeamInput>) {
  if (!actor.user.platformAdmin) throw new AppError("forbidden", msg("adminsOnlyTeams"));
  if (await teamBySlug(input.slug)) throw new AppError("conflict", msg("teamExists", { team: input.slug }));
  const t = await db().team.create({ data: { slug: input.slug, name: input.name, memberships: { create: { userId: actor.user.id, role: "owner" } } } });
  await audit({ ...who(actor), teamId: t.id, action: "team.create", target: t.slug, result: "ok" });
  return t;
}

export async function listMembers(actor: Actor, slug: string) {
  requireTeamRole(actor, slug, "read");
  const t = await requireTeam(slug);
  const rows = await db().membership.findMany({ where: { teamId: t.id }, include: { user: true }, orderBy: { user: { email: "asc" } } });
  return rows.map((m) => ({ userId: m.userId, email: m.user.email, name: m.user.name, role: m.role, since: m.createdAt }));
}

/**
 * Adds a member by email. A person without an account gets one with no password, and the
 * owner a single-use, expiring link to pass on, with which the person sets their own (or they
 * sign in by SSO): nobody but them ever knows their password.
 */
export async function inviteMember(actor: Actor, slug: string, input: z.infer<typeof inviteInput>, origin: string) {
  requireTeamRole(actor, slug, "own");
  const t = await requireTeam(slug);
  let user = await db().user.findUnique({ where: { email: input.email } });
  let setup: Awaited<ReturnType<typeof issuePasswordLink>> | undefined;
  if (!user) {
    user = await db().user.create({ data: { email: input.email, name: input.email.split("@")[0] } });
    setup = await issuePasswordLink(user.id, "invite", actor.user.id, origin);
  }
  const existing = await db().membership.findUnique({ where: { userId_teamId: { userId: user.id, teamId: t.id } } });
  if (existing) throw new AppError("conflict", msg("alreadyMember", { email: input.email, team: t.name, role: existing.role }));
  await db().membership.create({ data: { userId: user.id, teamId: t.id, role: input.role } });
  await audit({ ...who(actor), teamId: t.id, action: "membership.add", target: input.email, result: "ok", detail: `role ${input.role}` });
  return { userId: user.id, email: user.email, role: input.role, ...(setup ? { setupUrl: setup.setupUrl, setupExpiresAt: setup.expiresAt } : {}) };
}

type Tx = Parameters<Parameters<ReturnType<typeof db>["$transaction"]>[0]>[0];

/**
 * A change to a team's memberships that must leave it an owner, as one transaction that
 * holds the team's row: two owners demoting each other at the same moment are serialized,
 * and the second sees the first's change (never a team without an owner).
 */
async function keepingAnOwner(teamId: string, userId: string, losesOwner: boolean, change: (tx: Tx) => Promise<unknown>) {
  await db().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Team" WHERE id = ${teamId} FOR UPDATE`;
    if (losesOwner && (await tx.membership.count({ where: { teamId, role: "owner", userId: { not: userId } } })) === 0) throw new AppError("conflict", msg("lastOwner"));
    await change(tx);
  });
}

export async function changeRole(actor: Actor, slug: string, userId: string, input: z.infer<typeof roleInput>) {
  requireTeamRole(actor, slug, "own");
  const t = await requireTeam(slug);
  const m = await db().membership.findUnique({ where: { userId_teamId: { userId, teamId: t.id } }, include: { user: true } });
  if (!m) throw new AppError("not_found", msg("notAMember"));
  await keepingAnOwner(t.id, userId, m.role === "owner" && input.role !== "owner", (tx) => tx.membership.update({ where: { id: m.id }, data: { role: input.role } }));
  await audit({ ...who(actor), teamId: t.id, action: "membership.role", target: m.user.email, result: "ok", detail: `${m.role} → ${input.role}` });
}

export async function removeMember(actor: Actor, slug: string, userId: string) {
  requireTeamRole(actor, slug, "own");
  const t = await requireTeam(slug);
  const m = await db().membership.findUnique({ where: { userId_teamId: { userId, teamId: t.id } }, include: { user: true } });
  if (!m) throw new AppError("not_found", msg("notAMember"));
  await keepingAnOwner(t.id, userId, m.role === "owner", (tx) => tx.membership.delete({ where: { id: m.id } }));
  // their open pages and streams must not keep the team's data coming (leaving a team oneself ends nothing)
  if (userId !== actor.user.id) await endSessions(userId);
  await audit({ ...who(actor), teamId: t.id, action: "membership.remove", target: m.user.email, result: "ok" });
}

export async function listTeamNamespaces(actor: Actor, slug: string) {
  requireTeamRole(actor, slug, "read");
  const t = await requireTeam(slug);
  const names = await namespacesOfTeam(t.id);
  // A namespace whose cluster cannot be reached shows without its limits, saying why; the others as usual.
  return Promise.all(
    names.map(async (name) => {
      const cluster = (await namespaceCluster(name)).name;
      try {
        return { name, cluster, limits: await readNamespaceLimits(await namespaceKubeConfig(name), name) };
      } catch (e) {
        return { name, cluster, limits: undefined, problem: (e as Error).message };
      }
    }),
  );
}

type LimitColumns = { maxCpu: string; maxMemory: string; maxPods: number; maxStorage: string };
const limitsOf = (t: LimitColumns & { maxNamespaces: number }): TeamLimits => ({ cpu: t.maxCpu, memory: t.maxMemory, pods: t.maxPods, storage: t.maxStorage, namespaces: t.maxNamespaces });
const columnsOf = (l: ClusterLimits): LimitColumns => ({ maxCpu: l.cpu, maxMemory: l.memory, maxPods: l.pods, maxStorage: l.storage });
const reservedView = (quotas: NamespaceLimits["quota"][], namespaces: number) => {
  const used = reserved(quotas);
  return { cpu: used.cpu, memoryBytes: used.memory, pods: used.pods, storageBytes: used.storage, namespaces };
};

/**
 * A team's limits as a person reads them: the team's own (they hold on every cluster without
 * its own) with what all its namespaces reserve, and per cluster the limits that hold there
 * against what its namespaces there reserve.
 */
export async function teamLimits(actor: Actor, slug: string) {
  requireTeamRole(actor, slug, "read");
  const t = await requireTeam(slug);
  const [rows, own, clusters] = await Promise.all([db().teamNamespace.findMany({ where: { teamId: t.id }, select: { name: true, clusterId: true } }), db().teamClusterLimits.findMany({ where: { teamId: t.id } }), listClusterRows()]);
  // A namespace on a cluster that cannot be reached counts with nothing (its quota is unknown right now).
  const quotas = await Promise.all(rows.map(async (n) => ({ clusterId: n.clusterId, quota: (await readNamespaceLimits(await namespaceKubeConfig(n.name), n.name).catch(() => undefined))?.quota })));
  const on = (clusterId?: string) => quotas.filter((q) => clusterId === undefined || q.clusterId === clusterId);
  const known = (qs: typeof quotas) => qs.flatMap((q) => (q.quota ? [q.quota] : []));
  const limits = limitsOf(t);
  return {
    limits,
    reserved: reservedView(known(on()), rows.length),
    clusters: clusters.map((c) => {
      const o = own.find((x) => x.clusterId === c.id);
      const { namespaces: _, ...held } = o ? limitsOf({ ...o, maxNamespaces: t.maxNamespaces }) : limits;
      return { cluster: c.name, displayName: c.displayName, own: !!o, limits: held, reserved: reservedView(known(on(c.id)), on(c.id).length) };
    }),
  };
}

/** Platform admins set what a team's namespaces may reserve together on each cluster (unless set apart for one), and how many it may have. */
export async function setTeamLimits(actor: Actor, slug: string, input: TeamLimits) {
  if (!actor.user.platformAdmin) throw new AppError("forbidden", msg("adminsOnlyTeamLimits"));
  const t = await requireTeam(slug);
  await db().team.update({ where: { id: t.id }, data: { ...columnsOf(input), maxNamespaces: input.namespaces } });
  await audit({ ...who(actor), teamId: t.id, action: "team.limits", target: t.slug, result: "ok", detail: JSON.stringify(input) });
  return teamLimits(actor, slug);
}

/** Platform admins set a team's limits on one cluster apart from the team's own (`input` undefined: back to the team's own). */
export async function setClusterLimits(actor: Actor, slug: string, cluster: string, input: ClusterLimits | undefined) {
  if (!actor.user.platformAdmin) throw new AppError("forbidden", msg("adminsOnlyTeamLimits"));
  const t = await requireTeam(slug);
  const c = await clusterByName(cluster);
  if (!c) throw new AppError("not_found", msg("noCluster", { name: cluster }));
  const key = { teamId_clusterId: { teamId: t.id, clusterId: c.id } };
  if (input) await db().teamClusterLimits.upsert({ where: key, create: { teamId: t.id, clusterId: c.id, ...columnsOf(input) }, update: columnsOf(input) });
  else await db().teamClusterLimits.deleteMany({ where: { teamId: t.id, clusterId: c.id } });
  await audit({ ...who(actor), teamId: t.id, action: "team.limits", target: t.slug, result: "ok", detail: input ? `on cluster ${c.name}: ${JSON.stringify(input)}` : `on cluster ${c.name}: the team's own again` });
  return teamLimits(actor, slug);
}

/**
 * A namespace quota change (a new namespace, or new limits for one) checked against the team's
 * limits on the namespace's cluster (the cluster's own if set apart, else the team's) with its
 * other namespaces there, and the number of namespaces across all, holding the team's row so
 * two changes at once are counted one after the other. Platform admins are not held to them (they set them).
 */
async function withinTeamLimits<T>(actor: Actor, team: { id: string; slug: string }, namespace: string, cluster: { id: string; name: string; kc: KubeConfig }, quota: NamespaceLimits["quota"], apply: (client: Tx | ReturnType<typeof db>) => Promise<T>): Promise<T> {
  if (actor.user.platformAdmin) return apply(db());
  return db().$transaction(
    async (tx) => {
      const [row] = await tx.$queryRaw<(LimitColumns & { maxNamespaces: number })[]>`SELECT "maxCpu", "maxMemory", "maxPods", "maxStorage", "maxNamespaces" FROM "Team" WHERE id = ${team.id} FOR NO KEY UPDATE`;
      const own = await tx.teamClusterLimits.findUnique({ where: { teamId_clusterId: { teamId: team.id, clusterId: cluster.id } } });
      const rows = (await tx.teamNamespace.findMany({ where: { teamId: team.id }, select: { name: true, clusterId: true } })).filter((n) => n.name !== namespace);
      // The cluster's connection was resolved before: no other database call inside the transaction (the embedded database has one connection).
      const sameCluster = rows.filter((n) => n.clusterId === cluster.id).map((n) => n.name);
      const others = (await Promise.all(sameCluster.map((n) => readNamespaceLimits(cluster.kc, n)))).flatMap((l) => (l ? [l.quota] : []));
      const problem = exceedsTeamLimits(team.slug, cluster.name, limitsOf({ ...row, ...own }), others, quota, rows.length + 1);
      if (problem) throw new AppError("unprocessable", problem);
      return apply(tx); // database writes in the same transaction (the embedded database has one connection)
    },
    { timeout: 60_000 },
  );
}

export async function createNamespace(actor: Actor, slug: string, input: z.infer<typeof createNamespaceInput>) {
  requireTeamRole(actor, slug, "own");
  const t = await requireTeam(slug);
  if (await db().teamNamespace.findUnique({ where: { name: input.name } })) throw new AppError("conflict", msg("namespaceTaken", { namespace: input.name }));
  const cluster = await clusterKubeConfig(input.cluster ?? (await defaultClusterName()));
  try {
    await withinTeamLimits(actor, t, input.name, cluster, input.limits.quota, async (client) => {
      await createTeamNamespace(cluster.kc, t.slug, input.name, input.limits);
      await client.teamNamespace.create({ data: { name: input.name, teamId: t.id, clusterId: cluster.id } });
    });
    forgetNamespace(input.name);
  } catch (e) {
    await audit({ ...who(actor), teamId: t.id, action: "namespace.create", target: input.name, namespace: input.name, result: isAppError(e) && e.code === "unprocessable" ? "denied" : "failed", detail: (e as Error).message });
    throw e;
  }
  await pullSecretsForNewNamespace(actor, t.slug, t.id, input.name);
  await audit({ ...who(actor), teamId: t.id, action: "namespace.create", target: input.name, namespace: input.name, result: "ok" });
  return { name: input.name, limits: input.limits };
}

export async function updateLimits(actor: Actor, slug: string, name: string, limits: z.infer<typeof namespaceLimits>) {
  requireTeamRole(actor, slug, "own");
  const t = await requireTeam(slug);
  const row = await db().teamNamespace.findUnique({ where: { name } });
  if (!row || row.teamId !== t.id) throw new AppError("not_found", msg("teamHasNoNamespace", { team: t.name, namespace: name }));
  const cluster = { id: row.clusterId, name: (await namespaceCluster(name)).name, kc: await namespaceKubeConfig(name) };
  await withinTeamLimits(actor, t, name, cluster, limits.quota, () => updateNamespaceLimits(cluster.kc, t.slug, name, limits)); // no database write inside
  await audit({ ...who(actor), teamId: t.id, action: "namespace.limits", target: name, namespace: name, result: "ok", detail: JSON.stringify(limits) });
}

/**
 * Deleting a team never deletes its namespaces silently: the owner types the team's
 * slug, and namespaces (with every app in them) go only when asked for explicitly.
 */
export async function deleteTeam(actor: Actor, slug: string, input: z.infer<typeof deleteTeamInput>) {
  requireTeamRole(actor, slug, "own");
  const t = await requireTeam(slug);
  if (input.confirm !== t.slug) throw new AppError("bad_request", msg("typeTeamSlug", { team: t.slug }));
  const namespaces = await namespacesOfTeam(t.id);
  if (namespaces.length && !input.deleteNamespaces) {
    throw new AppError("conflict", msg("teamOwnsNamespaces", { team: t.name, count: namespaces.length, namespaces: namespaces.join(", ") }), { namespaces });
  }
  for (const ns of namespaces) {
    await deleteNamespace(await namespaceKubeConfig(ns), ns);
    await audit({ ...who(actor), teamId: t.id, action: "namespace.delete", target: ns, namespace: ns, result: "ok", detail: "with its team" }); // while the namespace still names its cluster
    await db().teamNamespace.delete({ where: { name: ns } });
    forgetNamespace(ns);
  }
  await audit({ ...who(actor), teamId: t.id, action: "team.delete", target: t.slug, result: "ok" });
  await db().team.delete({ where: { id: t.id } });
}
