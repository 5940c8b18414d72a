// The audit log: every change, who made it, for which team, and how it ended. Refusals are
// aggregated so a flood cannot fill it: the same refusal within one minute is one row with a
// count, and one source (an address, a user) gets at most a few refusal rows a minute — the
// rest are counted on one "further refusals" row for that source.
import { createHash } from "node:crypto";
import { db } from "./client";

export interface AuditInput {
  actor: string;
  userId?: string | null;
  teamId?: string | null;
  action: string;
  target: string;
  result: "ok" | "denied" | "failed";
  detail?: string;
  /** The namespace it happened in: the entry records that namespace's cluster (by name). */
  namespace?: string;
}

/** The entry's row: the namespace turned into its cluster's name. */
async function row({ namespace, ...e }: AuditInput) {
  const ns = namespace ? await db().teamNamespace.findUnique({ where: { name: namespace }, select: { cluster: { select: { name: true } } } }) : null;
  return { ...e, detail: e.detail?.slice(0, 2000), cluster: ns?.cluster.name ?? null };
}

export async function audit(e: AuditInput) {
  await db().auditEvent.create({ data: await row(e) });
}

/** Distinct refusal rows one source may add per minute before the rest are only counted. */
export const REFUSALS_PER_SOURCE_MINUTE = 20;

/** A refused attempt (result "denied"), aggregated per minute and capped per `source`. */
export async function auditRefusal(e: Omit<AuditInput, "result"> & { source: string }, now = new Date()) {
  const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const { detail, cluster } = await row({ ...e, result: "denied" });
  const keyOf = (...parts: (string | null | undefined)[]) => createHash("sha256").update([minute.toISOString(), ...parts].map((p) => p ?? "").join("\u0000")).digest("hex");
  const key = keyOf(e.action, e.actor, e.target, detail, e.source, e.teamId);
  const entry = { at: minute, actor: e.actor, userId: e.userId, teamId: e.teamId, action: e.action, target: e.target, result: "denied", detail, cluster, source: e.source };
  const bump = (aggregateKey: string, data: typeof entry) =>
    db().auditEvent.upsert({ where: { aggregateKey }, create: { ...data, aggregateKey }, update: { count: { increment: 1 } } }).catch(async (err: { code?: string }) => {
      if (err.code !== "P2002") throw err; // two replicas created it at once: count on the row that won
      await db().auditEvent.update({ where: { aggregateKey }, data: { count: { increment: 1 } } });
    });
  if (await db().auditEvent.findUnique({ where: { aggregateKey: key }, select: { id: true } })) return void (await bump(key, entry));
  const rows = await db().auditEvent.count({ where: { source: e.source, at: { gte: minute }, aggregateKey: { not: null } } });
  if (rows < REFUSALS_PER_SOURCE_MINUTE) return void (await bump(key, entry));
  await bump(keyOf("overflow", e.source), { ...entry, cluster: null, actor: e.source, userId: null, teamId: null, action: "refusals", target: e.source, detail: `further refusals from ${e.source} this minute` });
}

export interface AuditFilter {
  teamId?: string;
  action?: string;
  actor?: string;
  result?: string;
  cluster?: string;
  before?: Date;
  limit: number;
}

/** Newest first, paged by time (pass the last row's time as `before`). */
export async function listAudit(f: AuditFilter) {
  return db().auditEvent.findMany({
    where: {
      ...(f.teamId ? { teamId: f.teamId } : {}),
      ...(f.action ? { action: { startsWith: f.action } } : {}),
      ...(f.actor ? { actor: { contains: f.actor, mode: "insensitive" as const } } : {}),
      ...(f.result ? { result: f.result } : {}),
      ...(f.cluster ? { cluster: f.cluster } : {}),
      ...(f.before ? { at: { lt: f.before } } : {}),
    },
    orderBy: { at: "desc" },
    take: f.limit,
  });
}
