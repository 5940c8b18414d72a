import { describe, expect, it } from "vitest";
import { answer, DIRECT, direct, directAnswer, DirectRequest, matchRoute, requestRoute, requestUrl, routeTable } from "@/lib/http/direct.mjs";

// The shape of Next's server/app-paths-manifest.json.
const manifest = {
  "/(console)/apps/page": "app/(console)/apps/page.js",
  "/api/me/route": "app/api/me/route.js",
  "/api/clusters/[name]/route": "app/api/clusters/[name]/route.js",
  "/api/clusters/contexts/route": "app/api/clusters/contexts/route.js",
  "/api/namespaces/[namespace]/apps/[name]/route": "app/api/namespaces/[namespace]/apps/[name]/route.js",
  "/api/auth/[...nextauth]/route": "app/api/auth/[...nextauth]/route.js",
  "/(ops)/healthz/route": "app/(ops)/healthz/route.js",
};

describe("routes called without Next's pipeline", () => {
  const table = routeTable(manifest);

  it("keeps route handlers only, route groups left out, catch-alls left to Next", () => {
    expect(table.map((r) => r.file).sort()).toEqual(
      ["app/(ops)/healthz/route.js", "app/api/clusters/[name]/route.js", "app/api/clusters/contexts/route.js", "app/api/me/route.js", "app/api/namespaces/[namespace]/apps/[name]/route.js"].sort(),
    );
    expect(matchRoute(table, "/healthz")).toEqual({ file: "app/(ops)/healthz/route.js", template: "/healthz", params: {} });
    expect(matchRoute(table, "/api/auth/session")).toBeNull();
    expect(matchRoute(table, "/apps")).toBeNull();
  });

  it("prefers a static segment over a parameter, as Next does", () => {
    expect(matchRoute(table, "/api/clusters/contexts")).toEqual({ file: "app/api/clusters/contexts/route.js", template: "/api/clusters/contexts", params: {} });
    expect(matchRoute(table, "/api/clusters/prod")).toEqual({ file: "app/api/clusters/[name]/route.js", template: "/api/clusters/[name]", params: { name: "prod" } });
  });

  it("goes back to a parameter when the static segment leads nowhere, as the table's order does", () => {
    const t = routeTable({ "/api/x/fixed/a/route": "fixed-a.js", "/api/x/[id]/b/route": "id-b.js", "/api/x/[id]/a/route": "id-a.js" });
    expect(matchRoute(t, "/api/x/fixed/a")).toMatchObject({ file: "fixed-a.js", params: {} });
    expect(matchRoute(t, "/api/x/fixed/b")).toEqual({ file: "id-b.js", template: "/api/x/[id]/b", params: { id: "fixed" } });
    expect(matchRoute(t, "/api/x/other/a")).toEqual({ file: "id-a.js", template: "/api/x/[id]/a", params: { id: "other" } });
    expect(matchRoute(t, "/api/x/other/c")).toBeNull();
    expect(matchRoute(t, "/api/x/other")).toBeNull();
    expect(matchRoute(t, "/")).toBeNull();
  });

  it("decodes parameters as Next does, and leaves what Next answers otherwise to Next", () => {
    expect(matchRoute(table, "/api/namespaces/team-a/apps/we%20b")).toEqual({ file: "app/api/namespaces/[namespace]/apps/[name]/route.js", template: "/api/namespaces/[namespace]/apps/[name]", params: { namespace: "team-a", name: "we b" } });
    expect(matchRoute(table, "/api/namespaces/team-a/apps/%E0%A4%A")).toBeNull(); // a broken escape: Next's 400
    expect(matchRoute(table, "/api/me/")).toBeNull(); // a trailing slash: Next's redirect
    expect(matchRoute(table, "/api/namespaces//apps/web")).toBeNull(); // an empty segment matches no parameter
    expect(matchRoute(table, "/api/me/extra")).toBeNull();
  });

  it("marks a handler once, across bundles (a registered symbol)", () => {
    const h = direct(() => new Response("ok"));
    expect((h as unknown as Record<symbol, unknown>)[Symbol.for("berth.direct")]).toBe(true);
    expect(DIRECT).toBe(Symbol.for("berth.direct"));
  });

  it("hands a direct handler Node's request headers read as a Headers object reads them", () => {
    const signal = new AbortController().signal;
    const url = new URL("http://localhost:3000/api/me?x=1");
    const route = { template: "/api/me", params: {} };
    const req = new DirectRequest(url, { authorization: "Bearer t", cookie: "a=1; b=2", "x-many": ["one", "two"] }, () => signal, route);
    expect(req.method).toBe("GET");
    expect(req.url).toBe("http://localhost:3000/api/me?x=1");
    // parsed once: route() reads serve.mjs's URL and the template it matched
    expect(requestUrl(req as unknown as Request)).toBe(url);
    expect(requestRoute(req as unknown as Request)).toBe(route);
    const other = new Request("http://localhost:3000/api/me?x=2");
    expect(requestUrl(other).searchParams.get("x")).toBe("2");
    expect(requestRoute(other)).toBeUndefined();
    expect(req.headers.get("Authorization")).toBe("Bearer t"); // any case, as Headers
    expect(req.headers.get("x-many")).toBe("one, two");
    expect(req.headers.get("origin")).toBeNull();
    expect(req.headers.has("cookie")).toBe(true);
    expect(req.headers.get("constructor")).toBeNull(); // only the request's own headers, never the object's
    expect([...req.headers]).toEqual([["authorization", "Bearer t"], ["cookie", "a=1; b=2"], ["x-many", "one, two"]]);
    expect(req.signal).toBe(signal);
  });

  it("answers a direct request without a Response, and any other request with one", async () => {
    const direct = new DirectRequest(new URL("http://localhost/healthz"), {}, () => new AbortController().signal);
    const whole = directAnswer(answer(direct as unknown as Request, '{"ok":true}', { status: 201, headers: { "content-type": "application/json" } }));
    expect(whole).toMatchObject({ body: '{"ok":true}', status: 201, headers: { "content-type": "application/json" } });
    const res = answer(new Request("http://localhost/healthz"), '{"ok":true}', { status: 201, headers: { "content-type": "application/json" } });
    expect(res).toBeInstanceOf(Response);
    expect(directAnswer(res)).toBeNull();
    expect(res.status).toBe(201);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(await res.json()).toEqual({ ok: true });
  });
});
