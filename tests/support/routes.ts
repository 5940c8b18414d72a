// The console's API routes, read from the App Router files: method and path, with the
// dynamic segments filled in ([namespace] → a namespace …).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../../app/api");

export function apiRoutes(segments: Record<string, string>): [string, string][] {
  const out: [string, string][] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === "route.ts") {
        const rel = path.relative(root, dir).split(path.sep);
        if (rel[0] === "auth") continue; // next-auth's sign-in endpoints are public by design
        if (rel[0] === "password-links") continue; // public too: the link's token is the credential (tests/integration/accounts.test.ts)
        const url = "/api/" + rel.map((s) => s.replace(/^\[(\w+)\]$/, (_, k: string) => {
          if (!(k in segments)) throw new Error(`no test value for the [${k}] segment of ${p}`);
          return segments[k];
        })).join("/");
        const methods = [...readFileSync(p, "utf8").matchAll(/^export (?:const|async function) (GET|POST|PUT|PATCH|DELETE)\b/gm)].map((m) => m[1]);
        for (const m of methods) out.push([m, url]);
      }
    }
  };
  walk(root);
  return out.sort((a, b) => `${a[1]} ${a[0]}`.localeCompare(`${b[1]} ${b[0]}`));
}

/**
 * Every method of every route file under app/api as OpenAPI writes it (`/api/teams/{team}/limits`),
 * the public ones included.
 */
export function apiRouteTemplates(): [string, string][] {
  const out: [string, string][] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === "route.ts") {
        const url = "/api/" + path.relative(root, dir).split(path.sep).map((s) => s.replace(/^\[(?:\.\.\.)?(\w+)\]$/, "{$1}")).join("/");
        const src = readFileSync(p, "utf8");
        const methods = new Set([...src.matchAll(/^export (?:const|async function) (GET|POST|PUT|PATCH|DELETE)\b/gm), ...src.matchAll(/\bas (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]));
        for (const m of methods) out.push([m, url]);
      }
    }
  };
  walk(root);
  return out.sort((a, b) => `${a[1]} ${a[0]}`.localeCompare(`${b[1]} ${b[0]}`));
}
