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
import { andThen, type Maybe } from "../maybe";
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
 * request scope, so scripts/serve.mjs can call them directly. When everything it reads is
 * remembered (lib/auth/actor-cache.ts), the answer is given at once (lib/maybe.ts).
 */
export function resolveActor(given?: Headers): Maybe<Actor | null> {
  if (!given) return headers().then((h) => resolveActor(h));
  const h = given;
  const auth = h.get("authorization");
  const token = auth && /^bearer /i.test(auth) ? auth.slice(7).trim() : undefined;
  if (token !== undefined) {
    return andThen(remembered(`token:${hashToken(token)}`, () => tokenOwner(token)), (owner) => {
      if (!owner) throw new AppError("unauthenticated", msg("badToken"));
      return actorOf(h, owner.userId, { via: "token", token, scope: owner.scope });
    });
  }
  return andThen(sessionClaims(h), (claims) => (claims ? actorOf(h, claims.userId, { via: "session", sessionVersion: claims.version }) : null));
}

/** How a person signed in: a session (of a version) or an API token (with its scope). */
type Credential = { via: "session"; sessionVersion: number } | { via: "token"; token: string; scope: TokenScope };

/** The person `userId` with their teams, as they asked (the team chosen in the cookie or header), or null. */
function actorOf(h: Headers, userId: string, cred: Credential): Maybe<Actor | null> {
  return andThen(remembered(`user:${userId}`, () => userWithTeams(userId)), (found) => {
    if (!found) return null; // the user was deleted after signing in
    if (cred.via === "session" && found.sessionVersion !== cred.sessionVersion) return null; // a session ended since (sign-out everywhere, password change)
    const { user, memberships } = found;
    const wanted = requestCookie(h, TEAM_COOKIE) ?? h.get("x-berth-team") ?? undefined;
    const team = memberships.find((m) => m.slug === wanted) ?? memberships[0];
    const scope = cred.via === "token" ? cred.scope : undefined;
    // Through the same short-lived cache as a request (invalidated on every change to members,
    // roles, tokens and users): 5,000 open streams of one person re-check with one query, not 5,000.
    const recheck = async (): Promise<Actor | null> => {
      if (cred.via === "token" && (await remembered(`token:${hashToken(cred.token)}`, () => tokenOwner(cred.token)))?.userId !== userId) return null;
      const now = await remembered(`user:${user.id}`, () => userWithTeams(user.id));
      if (!now || (cred.via === "session" && now.sessionVersion !== cred.sessionVersion)) return null;
      return { user: now.user, via: cred.via, scope, memberships: now.memberships, team: now.memberships.find((m) => m.slug === team?.slug), recheck };
    };
    return { user, via: cred.via, scope, memberships, team, recheck };
  });
}

export function requireActor(given?: Headers): Maybe<Actor> {
  return andThen(resolveActor(given), (actor) => {
    if (!actor) throw new AppError("unauthenticated", msg("signIn"));
    return actor;
  });
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
export function namespaceAccess(actor: Actor, namespace: string, need: "read" | "write"): Maybe<{ identity: Identity; teamSlug?: string; teamId?: string }> {
  const m = actor.memberships.find((x) => x.namespaces.includes(namespace));
  if (!m) {
    if (actor.user.platformAdmin) {
      // through the same short memory as the actor: a platform admin's reads of another team's namespace ask the database once per 2 s, not per request
      return andThen(remembered(`namespace:${namespace}`, () => namespaceOwner(namespace)), (owner) => ({ identity: adminIdentity(actor), teamSlug: owner?.team.slug, teamId: owner?.teamId }));
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
