// /api/openapi.json against the route files: every method of every route under app/api has its
// entry (a route added without one fails here), with a summary in both languages, its path
// parameters, and the shared error answer; nothing documented that does not exist.
import { beforeAll, describe, expect, it } from "vitest";
import { client, type Client } from "../support/http";
import { apiRouteTemplates } from "../support/routes";
import { teamWithNamespace } from "../support/teams";

type Operation = { summary?: string; "x-summary-zh-CN"?: string; parameters?: { in: string; name: string; required?: boolean }[]; responses: Record<string, { content?: Record<string, unknown> }>; security?: unknown[] };
type Doc = { openapi: string; info: { version: string }; paths: Record<string, Record<string, Operation>>; components: { securitySchemes: Record<string, { scheme?: string }>; schemas?: Record<string, unknown> } };

let member: Client;
let doc: Doc;

beforeAll(async () => {
  const t = await teamWithNamespace({ role: "viewer" });
  const made = await t.member.call("POST", "/api/tokens", { name: "openapi", scope: "read" });
  expect(made.status).toBe(201);
  member = client({ token: made.body.token });
  const r = await member.call("GET", "/api/openapi.json");
  expect(r.status).toBe(200);
  doc = r.body;
});

describe("/api/openapi.json", () => {
  it("is OpenAPI 3.1 with the Bearer token scheme, for signed-in people and tokens only", async () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(doc.components.securitySchemes.bearerToken.scheme).toBe("bearer");
    expect((await client().call("GET", "/api/openapi.json")).status).toBe(401);
  });

  it("has an entry for every method of every route file, and nothing else", () => {
    const files = apiRouteTemplates();
    expect(files.length).toBeGreaterThan(80);
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => [m.toUpperCase(), p] as [string, string]));
    const missing = files.filter(([m, p]) => !doc.paths[p]?.[m.toLowerCase()]);
    expect(missing, "routes without an OpenAPI entry").toEqual([]);
    const extra = documented.filter(([m, p]) => !files.some(([fm, fp]) => fm === m && fp === p));
    expect(extra, "entries without a route").toEqual([]);
  });

  it("gives each operation a summary in English and Chinese, its path parameters and the error answer", () => {
    for (const [p, ops] of Object.entries(doc.paths)) {
      const names = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const [m, op] of Object.entries(ops)) {
        const where = `${m.toUpperCase()} ${p}`;
        expect(op.summary, where).toBeTruthy();
        expect(op["x-summary-zh-CN"], where).toMatch(/[\u4e00-\u9fff]/);
        expect(op.parameters?.filter((x) => x.in === "path" && x.required).map((x) => x.name).sort() ?? [], where).toEqual([...names].sort());
        expect(JSON.stringify(op.responses.default?.content?.["application/json"]), where).toContain("Error");
        expect(Object.keys(op.responses).some((s) => /^2\d\d$/.test(s)), where).toBe(true);
      }
    }
    expect(doc.components.schemas?.Error).toBeDefined();
  });

  it("documents the bodies and queries the routes parse, and the public routes as public", () => {
    const deploy = doc.paths["/api/namespaces/{namespace}/apps"].post as Operation & { requestBody: { content: Record<string, { schema: { properties: Record<string, unknown> } }> } };
    expect(Object.keys(deploy.requestBody.content["application/json"].schema.properties)).toContain("spec");
    expect(deploy.responses).toHaveProperty("201");
    expect(deploy.responses).toHaveProperty("200"); // a dry run
    const list = doc.paths["/api/namespaces/{namespace}/apps"].get;
    expect(list.parameters?.map((x) => `${x.in}:${x.name}`)).toEqual(expect.arrayContaining(["path:namespace", "query:limit", "query:cursor"]));
    expect(doc.paths["/api/password-links"].post.security).toEqual([]);
    expect(doc.paths["/api/hooks/pipelines/{id}"].post.security).toEqual([{ webhookSignature: [] }]);
    expect(Object.keys(doc.paths["/api/namespaces/{namespace}/stream"].get.responses["200"].content ?? {})).toEqual(["text/event-stream"]);
  });
});
