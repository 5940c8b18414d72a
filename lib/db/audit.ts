// The audit log: every change, who made it, for which team, and how it ended.
import { db } from "./client";

export interface AuditInput {
  actor: string;
  userId?: string | null;
  teamId?: string | null;
  action: string;
  target: string;
  result: "ok" | "denied" | "failed";
  detail?: string;
}

export async function audit(e: AuditInput) {
  await db().auditEvent.create({ data: { ...e, detail: e.detail?.slice(0, 2000) } });
}

export interface AuditFilter {
  teamId?: string;
  action?: string;
  actor?: string;
  result?: string;
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
      ...(f.before ? { at: { lt: f.before } } : {}),
    },
    orderBy: { at: "desc" },
    take: f.limit,
  });
}
