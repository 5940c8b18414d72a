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
  /** The team's namespaces, read with the membership (one query per request). */
  namespaces: string[];
}

const withTeams = {
  memberships: {
    include: { team: { include: { namespaces: { select: { name: true }, orderBy: { name: "asc" as const } } } } },
    orderBy: { team: { slug: "asc" as const } },
  },
};

/** A user with their memberships and each team's namespaces: one query per request. */
export async function userWithTeams(id: string) {
  const u = await db().user.findUnique({ where: { id }, include: withTeams });
  if (!u) return null;
  const memberships: TeamMembership[] = u.memberships.map((m) => ({ teamId: m.teamId, slug: m.team.slug, name: m.team.name, role: m.role, namespaces: m.team.namespaces.map((n) => n.name) }));
  return { user: { id: u.id, email: u.email, name: u.name, platformAdmin: u.platformAdmin }, memberships };
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
