// Teams, memberships and team namespaces in the database.
import type { Role } from "./generated/client";
import { db } from "./client";
import { msg } from "../domain/messages";
import { AppError } from "../errors";

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

/** A user as every request sees them (no password hash). */
export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  platformAdmin: boolean;
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  platformAdmin: boolean;
  sessionVersion: number;
  memberships: { teamId: string; slug: string; name: string; role: Role; namespaces: string[] }[];
}

/**
 * A user with their memberships and each team's namespaces, in one SQL round trip:
 * every API request needs this to authorize, so it is kept to a single query.
 */
export async function userWithTeams(id: string): Promise<{ user: CurrentUser; memberships: TeamMembership[]; sessionVersion: number } | null> {
  const rows = await db().$queryRaw<UserRow[]>`
    SELECT u.id, u.email, u.name, u."platformAdmin", u."sessionVersion",
      COALESCE(json_agg(json_build_object(
          'teamId', t.id, 'slug', t.slug, 'name', t.name, 'role', m.role,
          'namespaces', COALESCE((SELECT json_agg(n.name ORDER BY n.name) FROM "TeamNamespace" n WHERE n."teamId" = t.id), '[]'::json)
        ) ORDER BY t.slug) FILTER (WHERE m.id IS NOT NULL), '[]'::json) AS memberships
    FROM "User" u
    LEFT JOIN "Membership" m ON m."userId" = u.id
    LEFT JOIN "Team" t ON t.id = m."teamId"
    WHERE u.id = ${id}
    GROUP BY u.id`;
  const u = rows[0];
  if (!u) return null;
  const memberships = typeof u.memberships === "string" ? (JSON.parse(u.memberships) as UserRow["memberships"]) : u.memberships;
  return { user: { id: u.id, email: u.email, name: u.name, platformAdmin: u.platformAdmin }, memberships, sessionVersion: u.sessionVersion };
}

export async function teamBySlug(slug: string) {
  return db().team.findUnique({ where: { slug } });
}

/** The team, or the 404 a person reads. */
export async function requireTeam(slug: string) {
  const t = await teamBySlug(slug);
  if (!t) throw new AppError("not_found", msg("noTeam", { team: slug }));
  return t;
}

export async function namespacesOfTeam(teamId: string): Promise<string[]> {
  const rows = await db().teamNamespace.findMany({ where: { teamId }, orderBy: { name: "asc" }, select: { name: true } });
  return rows.map((r) => r.name);
}

/** The team that owns a namespace, if Berth manages it. */
export async function namespaceOwner(name: string) {
  return db().teamNamespace.findUnique({ where: { name }, include: { team: true } });
}
