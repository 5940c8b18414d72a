// Who is asking and as which team: the one place requests become an Actor.
// A browser session (next-auth cookie) or an API token (Authorization: Bearer).
import { headers } from "next/headers";
import { AppError } from "../errors";
import { namespaceOwner, userWithTeams, type Role, type TeamMembership } from "../db/teams";
import { PLATFORM_ADMIN_GROUP, teamGroup } from "../domain/identity";
import type { Identity } from "../k8s/impersonate";
import { TEAM_COOKIE } from "../preferences";
import { requestCookie } from "./request";
import { sessionClaims, type CurrentUser } from "./session";
import { hashToken, tokenOwner } from "./tokens";
import { remembered } from "./actor-cache";
import type { TokenScope } from "../domain/token-scopes";
import { msg } from "../domain/messages";

export interface Actor {
  user: CurrentUser;
  via: "session" | "token";
  /** What the API token may do (lib/domain/token-scopes.ts); none for a session. */
  scope?: TokenScope;
  memberships: TeamMembership[];
  /** The team chosen in the header (cookie) or the first one. */
  team?: TeamMembership;
  /**
   * The same person read again from the database, for long requests (streams): null once their
   * session ended (sign-out everywhere, password change, removal) or their token stopped working.
   */
  recheck?: () => Promise<Actor | null>;
}

/**
 * The person asking, from a request's headers: an API route passes its Request's; a page
 * leaves them out and Next's are used (next/headers). API routes never depend on Next's
 * request scope, so scripts/serve.mjs can call them directly.
 */
export async function resolveActor(given?: Headers): Promise<Actor | null> {
  const h = given ?? (await headers());
  const auth = h.get("authorization");
  let userId: string | null;
  let via: Actor["via"];
  let sessionVersion: number | undefined;
  let scope: TokenScope | undefined;
  const token = auth?.toLowerCase().startsWith("bearer ") ? auth.slice(7).trim() : undefined;
  if (token !== undefined) {
    const owner = await remembered(`token:${hashToken(token)}`, () => tokenOwner(token));
    if (!owner) throw new AppError("unauthenticated", msg("badToken"));
    userId = owner.userId;
    scope = owner.scope;
    via = "token";
  } else {
    const claims = await sessionClaims(h);
    userId = claims?.userId ?? null;
    sessionVersion = claims?.version;
    via = "session";
  }
  if (!userId) return null;
  const found = await remembered(`user:${userId}`, () => userWithTeams(userId));
  if (!found) return null; // the user was deleted after signing in
  if (via === "session" && found.sessionVersion !== sessionVersion) return null; // a session ended since (sign-out everywhere, password change)
  const { user, memberships } = found;
  const wanted = requestCookie(h, TEAM_COOKIE) ?? h.get("x-berth-team") ?? undefined;
  const team = memberships.find((m) => m.slug === wanted) ?? memberships[0];
  // Through the same short-lived cache as a request (invalidated on every change to members,
  // roles, tokens and users): 5,000 open streams of one person re-check with one query, not 5,000.
  const recheck = async (): Promise<Actor | null> => {
    if (token !== undefined && (await remembered(`token:${hashToken(token)}`, () => tokenOwner(token)))?.userId !== userId) return null;
    const now = await remembered(`user:${user.id}`, () => userWithTeams(user.id));
    if (!now || (via === "session" && now.sessionVersion !== sessionVersion)) return null;
    return { user: now.user, via, scope, memberships: now.memberships, team: now.memberships.find((m) => m.slug === team?.slug), recheck };
  };
  return { user, via, scope, memberships, team, recheck };
}

export async function requireActor(given?: Headers): Promise<Actor> {
  const actor = await resolveActor(given);
  if (!actor) throw new AppError("unauthenticated", msg("signIn"));
  return actor;
}

const WRITE_ROLES: Role[] = ["owner", "developer"];

export function canWrite(role: Role) {
  return WRITE_ROLES.includes(role);
}

export function requireTeamRole(actor: Actor, slug: string, need: "read" | "write" | "own"): TeamMembership | undefined {
  const m = actor.memberships.find((x) => x.slug === slug);
  if (!m) {
    if (actor.user.platformAdmin) return undefined;
    throw new AppError("forbidden", msg("notMember", { team: slug }));
  }
  if (need === "write" && !canWrite(m.role)) throw new AppError("forbidden", msg("viewerCannotWrite", { team: slug, role: m.role }));
  if (need === "own" && m.role !== "owner" && !actor.user.platformAdmin) throw new AppError("forbidden", msg("ownersOnly", { team: slug, role: m.role }));
  return m;
}

/**
 * Access to a namespace: it must belong to a team the actor is in (platform admins
 * pass everywhere). Returns the Kubernetes identity to impersonate for the call,
 * so the apiserver checks the same thing again with RBAC.
 */
export async function namespaceAccess(actor: Actor, namespace: string, need: "read" | "write"): Promise<{ identity: Identity; teamSlug?: string; teamId?: string }> {
  const m = actor.memberships.find((x) => x.namespaces.includes(namespace));
  if (!m) {
    if (actor.user.platformAdmin) {
      // through the same short memory as the actor: a platform admin's reads of another team's namespace ask the database once per 2 s, not per request
      const owner = await remembered(`namespace:${namespace}`, () => namespaceOwner(namespace));
      return { identity: adminIdentity(actor), teamSlug: owner?.team.slug, teamId: owner?.teamId };
    }
    // Same answer whether the namespace exists or belongs to another team: no probing.
    throw new AppError("forbidden", msg("noNamespaceAccess", { namespace }));
  }
  if (need === "write" && !canWrite(m.role)) throw new AppError("forbidden", msg("viewerCannotWrite", { team: m.slug, role: m.role }));
  return { identity: { user: actor.user.email, group: teamGroup(m.slug, m.role) }, teamSlug: m.slug, teamId: m.teamId };
}

export function adminIdentity(actor: Actor): Identity {
  return { user: actor.user.email, group: PLATFORM_ADMIN_GROUP };
}

/** The identity for reading the current team's namespaces (or everything, for a platform admin without a team). */
export function teamIdentity(actor: Actor): Identity | undefined {
  if (actor.team) return { user: actor.user.email, group: teamGroup(actor.team.slug, actor.team.role) };
  if (actor.user.platformAdmin) return adminIdentity(actor);
  return undefined;
}
