// @ts-check
// Route handlers the console's server (scripts/serve.mjs) calls directly, without Next.js's
// request pipeline: Next's routing, request scope and response handling cost about 1.4 ms of
// CPU per request (measured: /healthz through Next 712 req/s, p99 918 ms at 100 connections;
// the same handler called directly 11,337 req/s, p99 99 ms). A handler qualifies when it is
// marked DIRECT: it reads everything from the Request it is given (route() in lib/http/route.ts
// never uses next/headers) and answers a Response. Everything else goes through Next.
// The server hands such a handler a DirectRequest (below: Node's request read as a Request) and
// a whole answer made with answer() comes back as a plain DirectAnswer: web Request and
// Response objects were most of what was left of a direct /healthz (20 → 2 µs in-process).
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

/**
 * The request headers of Node's http server, read the way a Headers object reads them
 * (names in any case, null when absent, several values joined): what a direct handler reads of
 * its request's headers, without copying them into undici's Headers.
 */
class NodeHeaders {
  /** @type {Record<string, string | string[] | undefined>} */
  #h;
  /** @param {Record<string, string | string[] | undefined>} h Node's request headers (names in lower case) */
  constructor(h) {
    this.#h = h;
  }
  /** @param {string} name */
  get(name) {
    const k = name.toLowerCase();
    const v = Object.hasOwn(this.#h, k) ? this.#h[k] : undefined;
    return v === undefined ? null : Array.isArray(v) ? v.join(", ") : v;
  }
  /** @param {string} name */
  has(name) {
    return this.get(name) !== null;
  }
  getSetCookie() {
    return [];
  }
  /** @returns {IterableIterator<[string, string]>} */
  *entries() {
    for (const k of Object.keys(this.#h).sort()) {
      const v = this.get(k);
      if (v !== null) yield [k, v];
    }
  }
  *keys() {
    for (const [k] of this.entries()) yield k;
  }
  *values() {
    for (const [, v] of this.entries()) yield v;
  }
  [Symbol.iterator]() {
    return this.entries();
  }
  /** @param {(value: string, name: string, headers: NodeHeaders) => void} fn @param {unknown} [self] */
  forEach(fn, self) {
    for (const [k, v] of this.entries()) fn.call(self, v, k, this);
  }
}

/**
 * Marks of a request serve.mjs made and of an answer for it (Symbol.for: the route bundles
 * have their own copy of this module, so a class would not be the same class there).
 */
const DIRECT_REQUEST = Symbol.for("berth.direct-request");
const DIRECT_ANSWER = Symbol.for("berth.direct-answer");

/**
 * A GET request as scripts/serve.mjs hands it to a direct handler: what handlers read of a
 * Request (method, url, headers, signal, no body) over Node's own request. An undici Request
 * costs about 9 µs to make (its headers copied, an AbortSignal of its own), a twentieth of a
 * whole /healthz.
 */
export class DirectRequest {
  method = "GET";
  body = null;
  bodyUsed = false;
  /** @type {() => AbortSignal} */
  #signal;
  /** @type {URL} */
  #url;
  /** @type {{ template: string; params: Record<string, string> } | undefined} */
  #route;
  /**
   * @param {URL} url the whole URL, parsed (once: route() reads it through requestUrl)
   * @param {Record<string, string | string[] | undefined>} headers Node's request headers
   * @param {() => AbortSignal} signal made when first read (aborted when the client leaves)
   * @param {{ template: string; params: Record<string, string> }} [route] the route matched: its
   *   template (/api/namespaces/[namespace]/apps) and parameters (route() reads them at once,
   *   without awaiting the context's promise of them)
   */
  constructor(url, headers, signal, route) {
    this.url = url.href;
    this.#url = url;
    this.#route = route;
    this.headers = new NodeHeaders(headers);
    this.#signal = signal;
  }
  /** The parsed URL (not to be changed: it is the request's). */
  get parsedUrl() {
    return this.#url;
  }
  /** The route serve.mjs matched (template and parameters), when it did. */
  get route() {
    return this.#route;
  }
  get [DIRECT_REQUEST]() {
    return true;
  }
  get signal() {
    return this.#signal();
  }
  async json() {
    throw new SyntaxError("a GET request has no body");
  }
  async text() {
    return "";
  }
}

/**
 * The request as the DirectRequest serve.mjs made, or null for any other (Next's).
 * @param {Request} req
 * @returns {DirectRequest | null}
 */
function asDirect(req) {
  return /** @type {Record<symbol, unknown>} */ (/** @type {unknown} */ (req))[DIRECT_REQUEST] === true ? /** @type {DirectRequest} */ (/** @type {unknown} */ (req)) : null;
}

/**
 * A request's URL, parsed: a DirectRequest's own (serve.mjs parsed it), else parsed here.
 * @param {Request} req
 * @returns {URL}
 */
export function requestUrl(req) {
  return asDirect(req)?.parsedUrl ?? new URL(req.url);
}

/**
 * The route a DirectRequest was matched to: its template (/api/namespaces/[namespace]/apps,
 * from the route table) and parameters; undefined for any other request.
 * @param {Request} req
 * @returns {{ template: string; params: Record<string, string> } | undefined}
 */
export function requestRoute(req) {
  return asDirect(req)?.route;
}

/**
 * An answer to a DirectRequest: status, headers and a body already whole (a string or bytes),
 * which serve.mjs writes as it is. An undici Response costs about 9 µs to make and 4 µs to read
 * back (its body is a web stream), more than the rest of a /healthz handler. `kept`: the body is
 * bytes given again, the same object unchanged, for as long as the answer holds (a watch
 * cache's frozen page): what is made of them (their gzip, lib/http/gzip.mjs) is kept with them.
 * @typedef {{ body: string | Uint8Array | null; status: number; headers: Record<string, string>; kept?: boolean }} DirectAnswer
 */

/** The headers of a JSON answer (frozen: answers share it; whoever writes them copies it first). */
export const JSON_HEADERS = Object.freeze({ "content-type": "application/json" });

/**
 * A whole answer: for a DirectRequest a DirectAnswer (only serve.mjs makes those requests, and
 * only it receives these answers); for any other request (Next's) a Response.
 * @param {Request} req
 * @param {string | Uint8Array | null} body
 * @param {{ status?: number; headers?: Record<string, string>; kept?: boolean }} [init] `kept`: see DirectAnswer
 * @returns {Response}
 */
export function answer(req, body, init = {}) {
  const status = init.status ?? 200;
  const headers = init.headers ?? {};
  // typed as a Response for the handlers' sake: the DirectAnswer goes back to serve.mjs, which asked
  if (asDirect(req)) return /** @type {Response} */ (/** @type {unknown} */ ({ [DIRECT_ANSWER]: true, body, status, headers, kept: init.kept === true }));
  return new Response(/** @type {BodyInit | null} */ (body), { status, headers });
}

/**
 * The DirectAnswer a handler gave, or null for a Response.
 * @param {unknown} out
 * @returns {DirectAnswer | null}
 */
export function directAnswer(out) {
  return out !== null && typeof out === "object" && /** @type {Record<symbol, unknown>} */ (out)[DIRECT_ANSWER] === true ? /** @type {DirectAnswer} */ (out) : null;
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
 * @typedef {{ file?: string; template?: string; fixed: Map<string, Node>; param?: { name: string; node: Node } }} Node
 * A table's routes as a tree of segments, made once per table: a path is matched segment by
 * segment, not against every route (a namespace's pods page was 2 µs of a request that way).
 */
/** @type {WeakMap<Route[], Node>} */
const trees = new WeakMap();

/** @param {Route[]} table @returns {Node} */
function treeOf(table) {
  let root = trees.get(table);
  if (root) return root;
  root = { fixed: new Map() };
  for (const r of table) {
    let node = root;
    for (const s of r.segments) {
      if (s.startsWith("[")) {
        const name = s.slice(1, -1);
        if (node.param && node.param.name !== name) throw new Error(`two parameter names at one place: ${node.param.name}, ${name}`);
        node = (node.param ??= { name, node: { fixed: new Map() } }).node;
      } else {
        let next = node.fixed.get(s);
        if (!next) node.fixed.set(s, (next = { fixed: new Map() }));
        node = next;
      }
    }
    node.file = r.file;
    node.template = `/${r.segments.join("/")}`;
  }
  trees.set(table, root);
  return root;
}

/** Thrown inside the match: a parameter with a broken %-escape (Next answers those). */
const BROKEN = Symbol("broken escape");

/**
 * The route below `node` for parts[i..], static segments tried before a parameter as Next
 * does (the table's order); the parameters found are pushed on `found` as name, value.
 * @param {Node} node @param {string[]} parts @param {number} i @param {string[]} found
 * @returns {Node | null}
 */
function walk(node, parts, i, found) {
  if (i === parts.length) return node.file ? node : null;
  const fixed = node.fixed.get(parts[i]);
  const hit = fixed && walk(fixed, parts, i + 1, found);
  if (hit) return hit;
  if (!node.param || parts[i] === "") return null;
  let value;
  try {
    value = decodeURIComponent(parts[i]);
  } catch {
    throw BROKEN;
  }
  found.push(node.param.name, value);
  const below = walk(node.param.node, parts, i + 1, found);
  if (!below) found.length -= 2;
  return below;
}

/**
 * The route a path (without its query) goes to, with its template (/api/namespaces/[namespace]/apps)
 * and its parameters decoded as Next decodes them; null when none does, or when the path is one
 * Next answers otherwise (a trailing slash is redirected, a broken %-escape refused).
 * @param {Route[]} table
 * @param {string} pathname
 * @returns {{ file: string; template: string; params: Record<string, string> } | null}
 */
export function matchRoute(table, pathname) {
  if (!pathname.startsWith("/") || (pathname.length > 1 && pathname.endsWith("/"))) return null;
  /** @type {string[]} */
  const found = [];
  let node;
  try {
    node = walk(treeOf(table), pathname.slice(1).split("/"), 0, found);
  } catch (e) {
    if (e === BROKEN) return null;
    throw e;
  }
  if (!node) return null;
  /** @type {Record<string, string>} */
  const params = {};
  for (let i = 0; i < found.length; i += 2) params[found[i]] = found[i + 1];
  return { file: /** @type {string} */ (node.file), template: /** @type {string} */ (node.template), params };
}
