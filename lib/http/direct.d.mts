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
export declare function matchRoute(table: Route[], pathname: string): { file: string; params: Record<string, string> } | null;
