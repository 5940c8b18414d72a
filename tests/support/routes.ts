// The console's API routes, read from the App Router files: method and path, with the
// dynamic segments filled in ([namespace] → a namespace …), or as OpenAPI writes them.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../../app/api");

/** Every route file under app/api: its folder's segments and the methods it exports. */
function routeFiles(): { segments: string[]; file: string; methods: string[] }[] {
  const out: { segments: string[]; file: string; methods: string[] }[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === "route.ts") {
        const src = readFileSync(p, "utf8");
        const methods = new Set([...src.matchAll(/^export (?:const|async function) (GET|POST|PUT|PATCH|DELETE)\b/gm), ...src.matchAll(/\bas (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]));
        out.push({ segments: path.relative(root, dir).split(path.sep), file: p, methods: [...methods] });
      }
    }
  };
  walk(root);
  return out;
}

const sorted = (xs: [string, string][]) => xs.sort((a, b) => `${a[1]} ${a[0]}`.localeCompare(`${b[1]} ${b[0]}`));

/** Method and URL of every route a signed-in person calls, with test values in the path. */
export function apiRoutes(segments: Record<string, string>): [string, string][] {
  return sorted(
    routeFiles()
      // next-auth's sign-in endpoints are public by design; password-links too: the link's token is the credential (tests/integration/accounts.test.ts)
      .filter((r) => r.segments[0] !== "auth" && r.segments[0] !== "password-links")
      .flatMap((r) => {
        const url = "/api/" + r.segments.map((s) => s.replace(/^\[(\w+)\]$/, (_, k: string) => {
          if (!(k in segments)) throw new Error(`no test value for the [${k}] segment of ${r.file}`);
          return segments[k];
        })).join("/");
        return r.methods.map((m) => [m, url] as [string, string]);
      }),
  );
}

/**
 * Every method of every route file under app/api as OpenAPI writes it (`/api/teams/{team}/limits`),
 * the public ones included.
 */
export function apiRouteTemplates(): [string, string][] {
  return sorted(routeFiles().flatMap((r) => r.methods.map((m) => [m, "/api/" + r.segments.map((s) => s.replace(/^\[(?:\.\.\.)?(\w+)\]$/, "{$1}")).join("/")] as [string, string])));
}
