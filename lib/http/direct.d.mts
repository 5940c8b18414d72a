/** The mark of a handler that needs nothing of Next's request scope (Symbol.for: one across bundles). */
export declare const DIRECT: unique symbol;
/** Marks a handler as callable directly by scripts/serve.mjs, without Next's request pipeline. */
export declare function direct<F extends Function>(handler: F): F;
export interface Route {
  segments: string[];
  file: string;
}
/** The route handlers of a build, from Next's server/app-paths-manifest.json, static segments first. */
export declare function routeTable(manifest: Record<string, string>): Route[];
/** The route a path goes to, with its parameters decoded as Next decodes them, or null. */
export declare function matchRoute(table: Route[], pathname: string): { file: string; template: string; params: Record<string, string> } | null;
/** A GET request as scripts/serve.mjs hands it to a direct handler (method, url, headers, signal; no body). */
export declare class DirectRequest {
  constructor(url: URL, headers: Record<string, string | string[] | undefined>, signal: () => AbortSignal, route?: { template: string; params: Record<string, string> });
  readonly method: "GET";
  readonly url: string;
  /** The parsed URL (not to be changed: it is the request's). */
  readonly parsedUrl: URL;
  /** The route serve.mjs matched (template and parameters), when it did. */
  readonly route: { template: string; params: Record<string, string> } | undefined;
  readonly headers: Headers;
  readonly signal: AbortSignal;
}
/** A request's URL, parsed: a DirectRequest's own, else parsed here. */
export declare function requestUrl(req: Request): URL;
/** The route a DirectRequest was matched to (template /api/namespaces/[namespace]/apps, parameters), or undefined for any other request. */
export declare function requestRoute(req: Request): { template: string; params: Record<string, string> } | undefined;
/** An answer to a DirectRequest, written by serve.mjs as it is. */
export interface DirectAnswer {
  body: string | Uint8Array | null;
  status: number;
  headers: Record<string, string>;
  /** The body is bytes given again, the same object unchanged, while the answer holds: its gzip is kept with it (gzip.mjs). */
  kept?: boolean;
}
/** The DirectAnswer a handler gave, or null for a Response. */
export declare function directAnswer(out: unknown): DirectAnswer | null;
/**
 * A whole answer: a DirectAnswer for a DirectRequest (only serve.mjs makes those requests and
 * only it receives these answers), else a Response.
 */
export declare function answer(req: Request, body: string | Uint8Array | null, init?: { status?: number; headers?: Record<string, string>; kept?: boolean }): Response;
/** The headers of a JSON answer (shared, frozen). */
export declare const JSON_HEADERS: Readonly<Record<string, string>>;
