// Teams, memberships and team namespaces in the database.
import type { Role } from "./generated/client";
import { db } from "./client";

export type { Role };
export const ROLES: Role[] = ["owner", "developer", "viewer"];

export interface TeamMembership {
  teamId: string;
  slug: string;
  name: string;
  role: Role;
}

export async function membershipsOf(userId: string): Promise<TeamMembership[]> {
  const rows = await db().membership.findMany({ where: { userId }, include: { team: true }, orderBy: { team: { slug: "asc" } } });
  return rows.map((m) => ({ teamId: m.teamId, slug: m.team.slug, name: m.team.name, role: m.role }));
}

export async function teamBySlug(slug: string) {
  return db().team.findUnique({ where: { slug } });
}

export async function namespacesOfTeam(teamId: string): Promise<string[]> {
  const rows = await db().teamNamespace.findMany({ where: { teamId }, orderBy: { name: "asc" }, select: { name: true } });
  return rows.map((r) => r.name);
}

/** The team that owns a namespace, if Berth manages it. */
export async function namespaceOwner(name: string) {
  return db().teamNamespace.findUnique({ where: { name }, include: { team: true } });
}
