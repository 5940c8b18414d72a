// What an API token may do, by its scope: "read" only reads; "write" also changes what runs in
// namespaces (apps, builds, config, releases …); "admin" also manages teams, members,
// namespaces, registries, users and templates. No token makes tokens or changes a password:
// those need the person, signed in.
export const TOKEN_SCOPES = ["read", "write", "admin"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** Days a token lives unless asked otherwise, and at most. */
export const TOKEN_DEFAULT_DAYS = 90;
export const TOKEN_MAX_DAYS = 365;

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);
/** Writes outside a namespace's workloads: teams and members, registries, users, the catalog. */
const ADMIN_PATHS = [/^\/api\/teams(\/|$)/, /^\/api\/users\//, /^\/api\/templates(\/|$)/];
/** What only the signed-in person does. */
const SESSION_ONLY = [/^\/api\/tokens(\/|$)/, /^\/api\/me\/password$/];

/** The scope a request needs from a token, or "session" when no token may make it. */
export function requiredScope(method: string, pathname: string): TokenScope | "session" {
  if (SAFE.has(method)) return "read";
  if (SESSION_ONLY.some((p) => p.test(pathname))) return "session";
  if (ADMIN_PATHS.some((p) => p.test(pathname))) return "admin";
  return "write";
}

export function scopeAllows(scope: TokenScope, needed: TokenScope | "session"): boolean {
  if (needed === "session") return false;
  return TOKEN_SCOPES.indexOf(scope) >= TOKEN_SCOPES.indexOf(needed);
}
