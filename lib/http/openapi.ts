// The OpenAPI 3.1 contract of Berth's API, made from the zod schemas the route handlers parse
// with (each handler carries its `RouteSpec`, lib/http/route.ts) by zod-openapi, a kept
// generator built on zod's own JSON Schema output. One document: the API reference page reads
// it, schemathesis fuzzes against it, and a test checks every route under app/api is in it.
import { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from "zod-openapi";

export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type Method = (typeof METHODS)[number];

/** What a route's documentation says beyond its schemas, in both of the console's languages. */
export interface RouteDoc {
  summary: { en: string; zh: string };
  /** The answer's status when it succeeds (default 200, or 204 without `response`/`produces`); two for "201, or 200 for a dry run". */
  status?: number | [number, number];
  /** The JSON answer. Without it the answer is documented as JSON of any shape. */
  response?: z.ZodType;
  /** An answer that is not JSON: a YAML file, an event stream. */
  produces?: { type: string; description: string };
  /** A body that is not JSON and is streamed, never buffered (an upload). */
  consumes?: { type: string; description: string };
  /** Who may call it when that is not "a signed-in person or an API token". */
  auth?: "public" | "signature";
  /** A success answer with no content (an empty 204) is also possible, e.g. a second delete. */
  alsoEmpty?: boolean;
  /** A library's route that answers its errors in its own formats too (next-auth: text, HTML). */
  errorsAlsoAs?: string[];
}

export interface RouteSpec {
  doc: RouteDoc;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
}

export type Documented = { spec: RouteSpec };
/** A route module as Next.js loads it: its exported methods. */
export type RouteModule = Partial<Record<Method, unknown>>;

const SEGMENT = z.string().regex(/^(?!\.{1,2}$)[A-Za-z0-9._-]{1,253}$/);

/** The error answer every route gives (lib/errors.ts `errorBody`, with the request's id). */
export const errorSchema = z
  .object({
    error: z.object({
      code: z.enum(["bad_request", "unauthenticated", "forbidden", "not_found", "conflict", "gone", "rate_limited", "payload_too_large", "unprocessable", "cluster_unreachable", "cluster_forbidden", "database_unavailable", "internal", "method_not_allowed", "length_required"]),
      message: z.string().meta({ description: "What went wrong and what to do, in the language the request asked for (Accept-Language or the console's language cookie)." }),
      details: z.record(z.string(), z.unknown()).optional().meta({ description: "For a 400: `fields`, the message of each field that was refused." }),
      requestId: z.string().optional().meta({ description: "The x-request-id of the request, as in the console's log line." }),
    }),
  })
  .meta({ id: "Error" });

/** `/api/teams/[team]/limits` → `/api/teams/{team}/limits`, and the names of its parameters. */
export function openApiPath(template: string): { path: string; names: string[] } {
  const names: string[] = [];
  const path = template.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, (_, n: string) => {
    names.push(n);
    return `{${n}}`;
  });
  return { path, names };
}

/** The group an operation is listed under: what it acts on. */
export function tagOf(path: string): string {
  const parts = path.split("/").filter((p) => p && p !== "api" && !p.startsWith("{"));
  if (parts[0] === "namespaces") return parts[1] ?? "namespaces";
  if (parts[0] === "hooks") return "pipelines";
  if (parts[0] === "password-links" || parts[0] === "auth") return "me";
  if (parts[0] === "openapi.json") return "reference";
  return parts[0];
}

const isDocumented = (h: unknown): h is Documented => typeof h === "function" && typeof (h as Partial<Documented>).spec?.doc === "object";

function operation(method: Method, path: string, names: string[], spec: RouteSpec): ZodOpenApiOperationObject {
  const { doc } = spec;
  const pathParams = (spec.params as z.ZodObject | undefined) ?? z.object(Object.fromEntries(names.map((n) => [n, SEGMENT])));
  const [ok, ...more] = [doc.status ?? (doc.response || doc.produces ? 200 : 204)].flat().map(String);
  const content = {
    ...(doc.response || !doc.produces ? { "application/json": { schema: doc.response ?? z.unknown().meta({ description: "JSON" }) } } : {}),
    ...(doc.produces ? { [doc.produces.type]: { schema: z.string().meta({ description: doc.produces.description }) } } : {}),
  };
  const success = ok === "204" ? { description: "Done; no content." } : { description: doc.summary.en, content };
  const requestBody = doc.consumes
    ? { required: true, description: doc.consumes.description, content: { [doc.consumes.type]: { schema: z.string().meta({ format: "binary" }) } } }
    : spec.body
      ? { required: true, content: { "application/json": { schema: spec.body } } }
      : undefined;
  return {
    operationId: `${method.toLowerCase()}${path.replace(/^\/api/, "").replace(/[{}]/g, "").replace(/[/.-](\w)/g, (_, c: string) => c.toUpperCase())}`,
    summary: doc.summary.en,
    "x-summary-zh-CN": doc.summary.zh,
    tags: [tagOf(path)],
    ...(doc.auth === "public" ? { security: [] } : doc.auth === "signature" ? { security: [{ webhookSignature: [] }] } : {}),
    requestParams: { ...(names.length ? { path: pathParams } : {}), ...(spec.query ? { query: spec.query as z.ZodObject } : {}) },
    ...(requestBody ? { requestBody } : {}),
    responses: {
      [ok]: success,
      ...Object.fromEntries(more.map((s) => [s, success])),
      ...(doc.alsoEmpty && ok !== "204" ? { "204": { description: "Nothing left to do; no content." } } : {}),
      default: {
        description: "An error: 4xx for a request Berth refuses (bad input, no access, not found, a conflict), 503 when the cluster or the database cannot be reached.",
        content: { "application/json": { schema: errorSchema }, ...Object.fromEntries((doc.errorsAlsoAs ?? []).map((t) => [t, { schema: z.string() }])) },
      },
    },
  };
}

/**
 * The document for the given route modules, keyed by their folder under app/api
 * (`teams/[team]/limits`). A method exported without a spec is an error: every route is documented.
 */
export function openApiDocument(modules: Record<string, RouteModule>, version: string) {
  const paths: ZodOpenApiPathsObject = {};
  for (const [dir, mod] of Object.entries(modules).sort(([a], [b]) => a.localeCompare(b))) {
    const { path, names } = openApiPath(`/api/${dir}`);
    for (const method of METHODS) {
      const handler = mod[method];
      if (!handler) continue;
      if (!isDocumented(handler)) throw new Error(`${method} ${path} has no OpenAPI entry (give its route() a doc)`);
      (paths[path] ??= {})[method.toLowerCase() as Lowercase<Method>] = operation(method, path, names, handler.spec);
    }
  }
  return createDocument(
    {
      openapi: "3.1.0",
      info: {
        title: "Berth API",
        version,
        description:
          "Everything the console does, as JSON over HTTPS. Authenticate with an API token (Settings → API tokens) as `Authorization: Bearer <token>`; a token acts as the person who made it, within its scope. Errors share one shape (`Error`) and carry the request id the console logs.",
      },
      servers: [{ url: "/" }],
      security: [{ bearerToken: [] }],
      components: {
        securitySchemes: {
          bearerToken: { type: "http", scheme: "bearer", description: "An API token made in Settings; or the console's session cookie in a browser." },
          webhookSignature: { type: "apiKey", in: "header", name: "X-Hub-Signature-256", description: "HMAC-SHA256 of the body with the pipeline's webhook secret (GitHub, Gitea and GitLab style)." },
        },
      },
      paths,
    },
    { allowEmptySchema: { custom: true } },
  );
}

/** A method wrapped by hand (not by route()) with its documentation attached. */
export function documented<H extends (...args: never[]) => unknown>(doc: RouteDoc, handler: H, schemas: Omit<RouteSpec, "doc"> = {}): H & Documented {
  return Object.assign(handler, { spec: { doc, ...schemas } });
}
