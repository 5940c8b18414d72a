import { describe, expect, it } from "vitest";
import { DIRECT, direct, matchRoute, routeTable } from "@/lib/http/direct.mjs";

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
    expect(matchRoute(table, "/healthz")).toEqual({ file: "app/(ops)/healthz/route.js", params: {} });
    expect(matchRoute(table, "/api/auth/session")).toBeNull();
    expect(matchRoute(table, "/apps")).toBeNull();
  });

  it("prefers a static segment over a parameter, as Next does", () => {
    expect(matchRoute(table, "/api/clusters/contexts")).toEqual({ file: "app/api/clusters/contexts/route.js", params: {} });
    expect(matchRoute(table, "/api/clusters/prod")).toEqual({ file: "app/api/clusters/[name]/route.js", params: { name: "prod" } });
  });

  it("decodes parameters as Next does, and leaves what Next answers otherwise to Next", () => {
    expect(matchRoute(table, "/api/namespaces/team-a/apps/we%20b")).toEqual({ file: "app/api/namespaces/[namespace]/apps/[name]/route.js", params: { namespace: "team-a", name: "we b" } });
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
});
