// Hostile input to every API route the console has (discovered from app/api), as a member of a
// team: malformed, oversized and hostile bodies and queries — YAML bombs with anchors, deeply
// nested JSON, unicode and path tricks in every string field, huge numbers, wrong types. Every
// answer is a 4xx (or a success) with a message, never a 5xx, and the server stays up.
import fc from "fast-check";
import { request } from "node:http";
import { beforeAll, describe, expect, inject, it } from "vitest";
import type { Client } from "../support/http";
import { apiRoutes } from "../support/routes";
import { teamWithNamespace } from "../support/teams";

let dev: Client;
let routes: [string, string][];

beforeAll(async () => {
  const t = await teamWithNamespace({ role: "developer" });
  dev = t.member;
  expect((await dev.call("POST", `/api/namespaces/${t.namespace}/apps`, { spec: { name: "web", image: "nginx:1.27", replicas: 1 } })).status).toBe(201);
  routes = apiRoutes({ namespace: t.namespace, app: "web", team: t.slug, userId: t.user.id, id: "abcdefghijabcdefghij", name: "web", cluster: "local", key: "password", release: "web", slug: "redis", version: "7.0.1" });
});

const BOMB = `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: [*f,*f,*f,*f,*f,*f,*f,*f,*f]
`;

const nested = (depth: number): unknown => (depth === 0 ? "deep" : { a: [nested(depth - 1)] });

const hostileString = fc.oneof(
  fc.constantFrom("../../etc/passwd", "..%2f..%2fkube-system", "kube-system", "default", "/", "", " ", "\u0000", "a\nb: c", "{{ process.env }}", "{{{ values.x }}}", "${jndi:ldap://x}", "<script>alert(1)</script>", "'; DROP TABLE \"User\";--", "system:masters", "\u202e\u0645\ufeff", "😀".repeat(50), BOMB),
  fc.string({ maxLength: 40 }),
  fc.fullUnicodeString({ maxLength: 20 }),
  fc.string({ minLength: 5000, maxLength: 9000 }),
);
const hostileNumber = fc.oneof(fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -1, 0, 1.5, 2 ** 31), fc.integer());
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(hostileString, hostileNumber, fc.boolean(), fc.constant(null), fc.constant(nested(200)), fc.array(hostileString, { maxLength: 5 }));
/** A body with the field names Berth's routes use, each given something hostile. */
const FIELDS = ["name", "image", "replicas", "spec", "yaml", "values", "template", "version", "email", "role", "password", "token", "current", "confirm", "data", "type", "limits", "quota", "parameters", "manifests", "slug", "team", "url", "username", "dryRun", "published", "deprecated", "scope", "expiresInDays", "cpu", "memory", "pods", "namespaces", "storage", "key", "value", "revision", "ports", "env"];
const hostileBody = fc.oneof(
  fc.dictionary(fc.constantFrom(...FIELDS), hostileValue, { maxKeys: 6 }),
  fc.record({ spec: fc.dictionary(fc.constantFrom(...FIELDS), hostileValue, { maxKeys: 5 }) }),
  fc.constant(nested(500)),
  hostileValue,
);
const hostileQuery = fc.dictionary(fc.constantFrom("limit", "cursor", "pod", "tailLines", "follow", "q", "category", "since", "action", "before", "app", "pods"), fc.oneof(hostileString.filter((s) => s.length < 300), hostileNumber.map(String)), { maxKeys: 3 });

describe("hostile input to every API route", () => {
  it("finds the routes", () => expect(routes.length).toBeGreaterThan(50));

  it("refuses a NUL character in a query or a body with a 400 that says so (PostgreSQL cannot keep one)", async () => {
    for (let i = 0; i < 2; i++) {
      // the second time from the queries route() remembers by their text: refused all the same
      const q = await dev.call("GET", "/api/templates?q=a%00b");
      expect(q.status).toBe(400);
      expect(q.body.error.message).toContain("NUL");
    }
    // a route that reads no query refuses one too
    const me = await dev.call("GET", "/api/me?x=a%00b");
    expect(me.status).toBe(400);
    const b = await dev.call("POST", "/api/teams", { slug: "nul", name: "a\u0000b" });
    expect(b.status).toBe(400);
    expect(b.body.error.message).toContain("NUL");
  });

  it("answers a URL over Node's 16 KB header limit with the JSON error shape", async () => {
    const r = await fetch(`${inject("baseUrl")}/api/templates?q=${"x".repeat(20_000)}`);
    expect(r.status).toBe(431);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe("bad_request");
  });

  it("answers a method it does not serve (TRACE) with 405 and Allow", async () => {
    const r = await new Promise<{ status: number; allow?: string; body: string }>((resolve, reject) => {
      const u = new URL(`${inject("baseUrl")}/api/me`);
      const req = request({ host: u.hostname, port: u.port, path: u.pathname, method: "TRACE" }, (res) => {
        let body = "";
        res.on("data", (c) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, allow: res.headers.allow, body }));
      });
      req.on("error", reject);
      req.end();
    });
    expect(r.status).toBe(405);
    expect(r.allow).toContain("GET");
    expect(JSON.parse(r.body).error.code).toBe("method_not_allowed");
  });

  it("answers every one with a 4xx and a message (or a success), never a 5xx", async () => {
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    // "sign out everywhere" ends the member's session: it goes last, and no other route may sign
    // them out (a 401 elsewhere would mean it did; a webhook's 401 is its missing signature)
    const ordered = [...routes.filter(([, p]) => p !== "/api/me/sessions"), ...routes.filter(([, p]) => p === "/api/me/sessions")];
    for (const [method, path] of ordered) {
      if (path.endsWith("/stream") || (path.endsWith("/logs") && method === "GET")) continue; // long-lived: covered by the stream tests
      await fc.assert(
        fc.asyncProperty(hostileBody, hostileQuery, async (body, query) => {
          const qs = new URLSearchParams(query as Record<string, string>).toString();
          const r = await dev.call(method, `${path}${qs ? `?${qs}` : ""}`, method === "GET" ? undefined : body);
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
          const ok = r.status < 500 && (r.status !== 401 || path === "/api/me/sessions" || path.startsWith("/api/hooks/")) && (r.status < 400 || (typeof r.body?.error?.message === "string" && r.body.error.message.length > 0));
          if (!ok) failures.push(`${method} ${path} → ${r.status} ${JSON.stringify(r.body).slice(0, 200)} for ${JSON.stringify(body).slice(0, 200)}`);
          return true;
        }),
        { numRuns: 12, seed: 20261127 },
      );
    }
    expect(failures).toEqual([]);
    // the inputs reached the checks they were aimed at: validation (400), access (403/404) …
    expect([...statuses.keys()]).toEqual(expect.arrayContaining([400, 403]));
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(500);
    expect((await fetch(`${inject("baseUrl")}/healthz`)).status).toBe(200);
  }, 600_000);

});
