// @ts-check
// Route handlers the console's server (scripts/serve.mjs) calls directly, without Next.js's
// request pipeline: Next's routing, request scope and response handling cost about 1.4 ms of
// CPU per request (measured: /healthz through Next 712 req/s, p99 918 ms at 100 connections;
// the same handler called directly 11,337 req/s, p99 99 ms). A handler qualifies when it is
// marked DIRECT: it reads everything from the Request it is given (route() in lib/http/route.ts
// never uses next/headers) and answers a Response. Everything else goes through Next.
// Plain JavaScript, shared by the server (no TypeScript loader there) and lib/.

/** The mark of a handler that needs nothing of Next's request scope (Symbol.for: one across bundles). */
export const DIRECT = Symbol.for("berth.direct");

/**
 * Marks a handler as callable directly (see above).
 * @template {Function} F
 * @param {F} handler
 * @returns {F}
 */
export function direct(handler) {
  Object.defineProperty(handler, DIRECT, { value: true });
  return handler;
}

/** @typedef {{ segments: string[]; file: string }} Route */

/**
 * The route handlers of a build, from Next's server/app-paths-manifest.json ("/api/x/[id]/route"
 * → "app/api/x/[id]/route.js"): route groups left out; routes with catch-all segments are left
 * to Next. Static segments first, so `/api/clusters/contexts` wins over `/api/clusters/[name]`
 * as in Next.
 * @param {Record<string, string>} manifest
 * @returns {Route[]}
 */
export function routeTable(manifest) {
  /** @type {Route[]} */
  const routes = [];
  for (const [key, file] of Object.entries(manifest)) {
    if (!key.endsWith("/route")) continue;
    const segments = key.slice(1, -"/route".length).split("/").filter((s) => s && !/^\(.*\)$/.test(s));
    if (segments.some((s) => s.startsWith("[..") || s.startsWith("[[..."))) continue;
    routes.push({ segments, file });
  }
  const rank = (/** @type {Route} */ r) => r.segments.map((s) => (s.startsWith("[") ? "1" : "0")).join("");
  return routes.sort((a, b) => (rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : 0));
}

/**
 * The route a path (without its query) goes to, with its parameters decoded as Next decodes
 * them; null when none does, or when the path is one Next answers otherwise (a trailing slash
 * is redirected, a broken %-escape refused).
 * @param {Route[]} table
 * @param {string} pathname
 * @returns {{ file: string; params: Record<string, string> } | null}
 */
export function matchRoute(table, pathname) {
  if (!pathname.startsWith("/") || (pathname.length > 1 && pathname.endsWith("/"))) return null;
  const parts = pathname.slice(1).split("/");
  for (const r of table) {
    if (r.segments.length !== parts.length) continue;
    /** @type {Record<string, string>} */
    const params = {};
    let ok = true;
    for (let i = 0; ok && i < parts.length; i++) {
      const s = r.segments[i];
      if (s.startsWith("[")) {
        try {
          params[s.slice(1, -1)] = decodeURIComponent(parts[i]);
        } catch {
          return null;
        }
        ok = parts[i] !== "";
      } else ok = s === parts[i];
    }
    if (ok) return { file: r.file, params };
  }
  return null;
}
