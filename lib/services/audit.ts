// Reading the audit log: a team's events for its members, everything for platform admins.
import { z } from "zod";
import { requireTeamRole, type Actor } from "../auth/actor";
import { listAudit } from "../db/audit";
import { requireTeam } from "../db/teams";
import { AppError } from "../errors";
import { msg } from "../domain/messages";

export const auditQuery = z.object({
  action: z.string().max(64).optional(),
  actor: z.string().max(254).optional(),
  result: z.enum(["ok", "denied", "failed"]).optional(),
  cluster: z.string().max(63).optional(),
  before: z.coerce.date().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export async function teamAudit(actor: Actor, slug: string, q: z.infer<typeof auditQuery>) {
  requireTeamRole(actor, slug, "read");
  const team = await requireTeam(slug);
  return listAudit({ ...q, teamId: team.id });
}

export async function platformAudit(actor: Actor, q: z.infer<typeof auditQuery>) {
  if (!actor.user.platformAdmin) throw new AppError("forbidden", msg("adminsOnlyAudit"));
  return listAudit(q);
}
