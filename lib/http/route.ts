// Every API route handler goes through `route()`: it resolves who is asking
// (session cookie or API token → 401), refuses cross-site writes made with a
// cookie (CSRF → 403), parses params and body with zod (→ 400 with the field
// messages), and maps every error to one JSON shape. Handlers stay a few lines.
import { z, ZodError } from "zod";
import { requireActor, type Actor } from "../auth/actor";
import { requestCookie } from "../auth/request";
import { forgettingAfterAccessWrites } from "../auth/actor-cache";
import { describeDbError } from "../db/client";
import { localize, msg } from "../domain/messages";
import { AppError, errorBody, isAppError } from "../errors";
import { requiredScope, scopeAllows } from "../domain/token-scopes";
import { countRequest, routeTemplate } from "../metrics";
import { DEFAULT_LOCALE, LOCALE_COOKIE, pickLocale, type Locale } from "../i18n/config";
import { zodLocale } from "../i18n/zod";
import { logEvent } from "../log";
import { andThen, type Maybe } from "../maybe";
import { answer, direct, JSON_HEADERS, requestRoute, requestUrl } from "./direct.mjs";
import { rememberedByText } from "./text-memo.mjs";
import type { Documented, RouteDoc } from "./openapi";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Any error as the AppError a person gets: validation → 400 with the field messages
 * (translated as they are put together, with the field's path in front), database → 503,
 * else 500 (logged).
 */
function asAppError(e: unknown, translate: (text: string) => string, requestId?: string | null): AppError {
  if (isAppError(e)) return e;
  if (e instanceof ZodError) {
    const fields: Record<string, string> = {};
    for (const i of e.issues) fields[i.path.join(".") || "_"] ??= translate(i.message); // the first problem of each field, as the forms show it
    const first = e.issues[0];
    const where = first?.path.length ? `${first.path.join(".")}: ` : "";
    return new AppError("bad_request", `${where}${first ? translate(first.message) : "invalid input"}`, { fields });
  }
  const text = e instanceof Error ? e.message : String(e);
  if (/prisma|database|ECONNREFUSED.*5432/i.test(text)) return new AppError("database_unavailable", describeDbError(e));
  logEvent("error", "unexpected error", { reqId: requestId ?? undefined, err: { message: text, stack: e instanceof Error ? e.stack : undefined } });
  return new AppError("internal", msg("internal"));
}

/**
 * The JSON error answer, its message and field messages in the person's language, with the
 * request's id (the one in the console's log line and the x-request-id header) to quote.
 */
export function errorResponse(e: unknown, locale: Locale = DEFAULT_LOCALE, requestId?: string | null, req?: Request): Response {
  const translate = (text: string) => localize(text, locale);
  const err = asAppError(e, translate, requestId);
  const body = errorBody(err, translate);
  const out = requestId ? { error: { ...body.error, requestId } } : body;
  // `req`: answered as the request was asked (a direct request gets no Response object; lib/http/direct.mjs)
  return req ? answer(req, JSON.stringify(out), { status: err.status, headers: JSON_HEADERS }) : Response.json(out, { status: err.status });
}

/** The language of the person asking (the same choice the pages make, lib/i18n/request.ts). */
function requestLocale(req: Request): Locale {
  return pickLocale(requestCookie(req.headers, LOCALE_COOKIE), req.headers.get("accept-language"));
}

/**
 * Input checked with its schema; when it does not pass, the error is made again with zod's
 * own messages in the person's language (worked out only then: most requests pass).
 */
function parsed<S extends z.ZodType>(schema: S, input: unknown, req: Request): z.infer<S> {
  const out = schema.safeParse(input);
  return out.success ? out.data : schema.parse(input, zodLocale(requestLocale(req)));
}

/** Same-origin check for cookie-authenticated writes (Bearer tokens carry no ambient authority). */
function checkCsrf(req: Request, actor: Actor) {
  if (actor.via === "token" || !UNSAFE.has(req.method)) return;
  const h = req.headers;
  const origin = h.get("origin");
  const host = h.get("x-forwarded-host") ?? h.get("host");
  const site = h.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") throw new AppError("forbidden", msg("csrf"));
  if (!origin) {
    if (site === "same-origin") return;
    throw new AppError("forbidden", msg("csrfNoOrigin"));
  }
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new AppError("forbidden", msg("csrfBadOrigin"));
  }
  if (originHost !== host) throw new AppError("forbidden", msg("csrf"));
}

/** An API token does only what its scope allows (lib/domain/token-scopes.ts). */
function checkTokenScope(req: Request, url: URL, actor: Actor) {
  if (actor.via !== "token" || !actor.scope) return;
  const needed = requiredScope(req.method, url.pathname);
  if (scopeAllows(actor.scope, needed)) return;
  throw new AppError("forbidden", needed === "session" ? msg("tokenSessionOnly") : msg("tokenScope", { scope: actor.scope, needed }));
}

// Path segments that are not plain names never reach lib/: `.`, `..`, encoded slashes and the
// like. A leading dot is a name (a Secret's `.dockerconfigjson` key).
const SEGMENT = /^(?!\.{1,2}$)[A-Za-z0-9._-]{1,253}$/;

/**
 * Whether any string in a parsed body or query holds a NUL character: no text column or
 * Kubernetes object can keep one, so it is refused before it reaches either (iterative, for
 * bodies nested deeper than the stack).
 */
export function containsNul(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === "string") {
      if (v.includes("\u0000")) return true;
    } else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        if (k.includes("\u0000")) return true;
        stack.push(x);
      }
    }
  }
  return false;
}

const NO_QUERY = Object.freeze({});

/**
 * A query's text as an object (a name asked twice: its last value), frozen; null when a value
 * holds a NUL character. Remembered by the text (up to 1,000 of up to 256 characters): reading
 * it through URLSearchParams was 0.6 µs and 700 bytes of a pods page's 8 µs (/pods?limit=50,
 * asked by every client the same).
 */
const queryOf = rememberedByText(
  (search): Readonly<Record<string, string>> | null => {
    const made = Object.fromEntries(new URLSearchParams(search));
    return containsNul(made) ? null : Object.freeze(made);
  },
  { entries: 1_000, chars: 256 },
);

/** A request's query as an object (see queryOf); refused when a value holds a NUL character. */
function rawQueryOf(url: URL): Readonly<Record<string, string>> {
  const q = url.search ? queryOf(url.search) : NO_QUERY;
  if (q === null) throw new AppError("bad_request", msg("nulChar"));
  return q;
}

interface Options<P extends z.ZodType, B extends z.ZodType, Q extends z.ZodType> {
  /** What the route does and answers, for /api/openapi.json (lib/http/openapi.ts). */
  doc: RouteDoc;
  params?: P;
  body?: B;
  query?: Q;
}

type Ctx<P, B, Q> = { actor: Actor; params: P; body: B; query: Q; req: Request };

export function route<P extends z.ZodType = z.ZodAny, B extends z.ZodType = z.ZodAny, Q extends z.ZodType = z.ZodAny>(
  opts: Options<P, B, Q>,
  handler: (ctx: Ctx<z.infer<P>, z.infer<B>, z.infer<Q>>) => Maybe<unknown>,
): ((req: Request, ctx: { params: Promise<Record<string, string>> }) => Maybe<Response>) & Documented {
  /** The checks and the handler for a person resolved: at once when nothing in them waits (lib/maybe.ts). */
  const respond = (req: Request, url: URL, actor: Actor, rawParams: Record<string, string>): Maybe<Response> => {
    checkCsrf(req, actor);
    checkTokenScope(req, url, actor);
    for (const k in rawParams) {
      if (!SEGMENT.test(rawParams[k])) throw new AppError("bad_request", msg("badSegment", { value: rawParams[k].slice(0, 80), what: k }));
    }
    const params = opts.params ? parsed(opts.params, rawParams, req) : rawParams;
    return andThen(opts.body ? readBody(req, opts.body) : undefined, (body) => {
      const rawQuery = rawQueryOf(url); // refused with a NUL character even where the route reads no query
      const query = opts.query ? parsed(opts.query, rawQuery, req) : undefined;
      const run = () => handler({ actor, params, body, query, req } as Ctx<z.infer<P>, z.infer<B>, z.infer<Q>>);
      // a write may change who may do what: this process then resolves people afresh
      const out = UNSAFE.has(req.method) ? forgettingAfterAccessWrites(async () => run()) : run();
      return andThen(out, (o) => (o instanceof Response ? o : o === undefined ? answer(req, null, { status: 204 }) : jsonAnswer(req, o)));
    });
  };
  const handle = (req: Request, ctx: { params: Promise<Record<string, string>> }): Maybe<Response> => {
    const started = performance.now();
    const url = requestUrl(req);
    const matched = requestRoute(req);
    let rawParams: Record<string, string> = matched?.params ?? {};
    // counted by route template (/api/namespaces/[namespace]/apps), never by the values in it
    const counted = (res: Response) => {
      countRequest(matched?.template ?? routeTemplate(url.pathname, rawParams), req.method, res.status, (performance.now() - started) / 1000);
      return res;
    };
    const refused = (e: unknown) => counted(errorResponse(e, requestLocale(req), req.headers.get("x-request-id"), req));
    try {
      // a request scripts/serve.mjs matched has its parameters at hand; Next's come as a promise
      // (first: even a refused request is counted by its template)
      const params = matched ? rawParams : Promise.resolve(ctx.params).then((p) => (rawParams = p ?? {}));
      const out = andThen(params, (p) => andThen(requireActor(req.headers), (actor) => respond(req, url, actor, p)));
      return out instanceof Promise ? out.then(counted, refused) : counted(out);
    } catch (e) {
      return refused(e);
    }
  };
  // Nothing here needs Next's request scope: scripts/serve.mjs may call it directly (lib/http/direct.mjs).
  return direct(Object.assign(handle, { spec: { doc: opts.doc, params: opts.params, body: opts.body, query: opts.query } }));
}

/** A request's JSON body checked with its schema: 400 when it is no JSON, holds a NUL or does not pass. */
function readBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  return req.json().then(
    (json: unknown) => {
      if (containsNul(json)) throw new AppError("bad_request", msg("nulChar"));
      return parsed(schema, json, req);
    },
    () => {
      throw new AppError("bad_request", msg("bodyJson"));
    },
  );
}

const JSON_INIT = { headers: JSON_HEADERS };
const KEPT_JSON_INIT = { headers: JSON_HEADERS, kept: true };

/**
 * The UTF-8 JSON of frozen answers, made once per object: a frozen answer never changes, and
 * the watch caches answer the same frozen page until the namespace changes
 * (lib/k8s/namespace-cache.ts). A page of 50 pods is 9.6 KB: about 25 µs to stringify and 4 µs
 * to encode, per request, without this. The bytes are the same object each time (kept: their
 * gzip is made once too, lib/http/gzip.mjs).
 */
const frozenJson = new WeakMap<object, Uint8Array<ArrayBuffer>>();

/**
 * The same answer as Response.json, for less: undici's Response.json encodes through its own
 * WebIDL serializer into a byte stream (a page of 50 pods: 67 µs made and read, 46 µs as
 * `new Response(text)`); a request scripts/serve.mjs answers directly gets no Response at all.
 */
function jsonAnswer(req: Request, out: unknown): Response {
  if (typeof out !== "object" || out === null || !Object.isFrozen(out)) return answer(req, JSON.stringify(out), JSON_INIT);
  let bytes = frozenJson.get(out);
  if (!bytes) frozenJson.set(out, (bytes = new TextEncoder().encode(JSON.stringify(out))));
  return answer(req, bytes, KEPT_JSON_INIT);
}

/**
 * A route anyone may call without a session (setting a password with a link): the body
 * parsed with zod and errors mapped like `route()`. The credential is in the body, so there
 * is no ambient authority for a cross-site request to borrow.
 */
export function publicRoute<B extends z.ZodType>(opts: { doc: RouteDoc; body: B }, handler: (ctx: { body: z.infer<B>; req: Request }) => Promise<unknown>): ((req: Request) => Promise<Response>) & Documented {
  const spec = { doc: { ...opts.doc, auth: "public" as const }, body: opts.body };
  return Object.assign(async (req: Request): Promise<Response> => {
    const locale = requestLocale(req);
    try {
      const body = await readBody(req, opts.body);
      const out = await forgettingAfterAccessWrites(() => handler({ body, req }));
      return out === undefined ? new Response(null, { status: 204 }) : Response.json(out);
    } catch (e) {
      return errorResponse(e, locale, req.headers.get("x-request-id"));
    }
  }, { spec });
}
