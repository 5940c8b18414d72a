// Curating the marketplace through the API the pages use: drafts only their curators see,
// publishing, editing a curated template's texts (never overwritten by the next seeding),
// deprecating versions (not the last one offered), and the preview render authors check
// their work with. Who may do what: platform admins for everyone, a team's owners for the
// team's private templates, nobody else.
import { beforeAll, describe, expect, it } from "vitest";
import { seedCatalog } from "@/lib/services/catalog";
import { uniqueName } from "../support/cluster";
import type { Client } from "../support/http";
import { teamWithNamespace } from "../support/teams";

let admin: Client;
let dev: Client;
let ns: string;
let owner: Client;
let ownerTeam: string;
let otherOwner: Client;

const PARAMETERS = { type: "object", properties: { image: { type: "string", default: "nginx:1" }, replicas: { type: "integer", default: 1, minimum: 1 } } };
const MANIFESTS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: "{{release.name}}"
spec:
  replicas: "{{values.replicas}}"
  selector: { matchLabels: { app: "{{release.name}}" } }
  template:
    metadata: { labels: { app: "{{release.name}}" } }
    spec:
      containers: [{ name: app, image: "{{values.image}}" }]
`;
const template = (slug: string, extra: Record<string, unknown> = {}) => ({ slug, name: `T ${slug}`, category: "web", version: "1.0.0", parameters: PARAMETERS, manifests: MANIFESTS, ...extra });

beforeAll(async () => {
  const t = await teamWithNamespace();
  admin = t.admin;
  dev = t.member;
  ns = t.namespace;
  const o = await teamWithNamespace({ role: "owner" });
  owner = o.member;
  ownerTeam = o.slug;
  otherOwner = (await teamWithNamespace({ role: "owner" })).member;
});

describe("drafts and publishing", () => {
  it("keeps a draft to its curators until it is published", async () => {
    const slug = uniqueName("draft");
    const made = await admin.call("POST", "/api/templates", template(slug, { published: false }));
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ published: false, canEdit: true });
    expect(made.body.versions[0].manifests).toContain("kind: Deployment"); // curators get the manifests to start a version from

    expect((await dev.call("GET", `/api/templates/${slug}`)).status).toBe(404);
    expect((await dev.call("GET", "/api/templates")).body.items.map((x: { slug: string }) => x.slug)).not.toContain(slug);
    expect((await dev.call("POST", `/api/namespaces/${ns}/releases`, { template: slug, name: "early" })).status).toBe(404);
    expect((await dev.call("PATCH", `/api/templates/${slug}`, { published: true })).status).toBe(404);

    const pub = await admin.call("PATCH", `/api/templates/${slug}`, { published: true });
    expect(pub.status).toBe(200);
    const seen = await dev.call("GET", `/api/templates/${slug}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ published: true, canEdit: false });
    expect(seen.body.versions[0].manifests).toBeUndefined(); // not a curator: no manifests
    expect((await dev.call("PATCH", `/api/templates/${slug}`, { published: false })).status).toBe(403);
    expect((await dev.call("POST", `/api/namespaces/${ns}/releases`, { template: slug, name: "now", dryRun: true })).status).toBe(200);
  });

  it("lets a team's owner curate the team's private templates, and nobody else's", async () => {
    const slug = uniqueName("mine");
    expect((await owner.call("POST", "/api/templates", template(slug))).status).toBe(403); // not for everyone
    const made = await owner.call("POST", "/api/templates", template(slug, { team: ownerTeam, published: false }));
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ private: true, published: false, canEdit: true });
    expect((await owner.call("GET", "/api/templates")).body.items.find((x: { slug: string }) => x.slug === slug)).toMatchObject({ published: false });
    expect((await owner.call("PATCH", `/api/templates/${slug}`, { published: true, description: "Ours" })).body).toMatchObject({ published: true, description: "Ours" });
    expect((await otherOwner.call("PATCH", `/api/templates/${slug}`, { published: false })).status).toBe(404);
    expect((await otherOwner.call("PATCH", "/api/templates/redis", { name: "Mine now" })).status).toBe(403);
  });
});

describe("editing a curated template", () => {
  it("keeps the admin's texts when the catalog is seeded again", async () => {
    const before = (await admin.call("GET", "/api/templates/memcached")).body;
    try {
      const r = await admin.call("PATCH", "/api/templates/memcached", { name: "Memcached (ours)", descriptionZh: "我们的缓存" });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      await seedCatalog();
      expect((await dev.call("GET", "/api/templates/memcached")).body).toMatchObject({ name: "Memcached (ours)", descriptionZh: "我们的缓存" });
    } finally {
      await admin.call("PATCH", "/api/templates/memcached", { name: before.name, descriptionZh: before.descriptionZh });
    }
  });

  it("refuses bad texts with the field named", async () => {
    const r = await admin.call("PATCH", "/api/templates/memcached", { name: "", icon: "x".repeat(20), category: "weird" });
    expect(r.status).toBe(400);
    expect(Object.keys(r.body.error.details.fields).sort()).toEqual(["category", "icon", "name"]);
  });
});

describe("deprecating versions", () => {
  it("stops offering a version for new installs, but never the last one", async () => {
    const slug = uniqueName("ver");
    expect((await admin.call("POST", "/api/templates", template(slug))).status).toBe(201);
    expect((await admin.call("PUT", `/api/templates/${slug}`, { version: "2.0.0", changelog: "two", parameters: PARAMETERS, manifests: MANIFESTS })).status).toBe(200);
    const dep = await admin.call("PATCH", `/api/templates/${slug}/versions/2.0.0`, { deprecated: true });
    expect(dep.status, JSON.stringify(dep.body)).toBe(200);
    expect(dep.body.versions.find((v: { version: string }) => v.version === "2.0.0").deprecated).toBe(true);
    expect((await dev.call("GET", "/api/templates")).body.items.find((x: { slug: string }) => x.slug === slug).latest).toBe("1.0.0");
    const last = await admin.call("PATCH", `/api/templates/${slug}/versions/1.0.0`, { deprecated: true });
    expect(last.status).toBe(422);
    expect(last.body.error.message).toBe("Version 1.0.0 is the last one offered for installs, so it cannot be deprecated; unpublish the template instead");
    expect((await admin.call("PATCH", `/api/templates/${slug}/versions/9.9.9`, { deprecated: true })).status).toBe(404);
    expect((await admin.call("PATCH", `/api/templates/${slug}/versions/2.0.0`, { deprecated: false })).body.versions.every((v: { deprecated: boolean }) => !v.deprecated)).toBe(true);
    expect((await dev.call("PATCH", `/api/templates/${slug}/versions/2.0.0`, { deprecated: true })).status).toBe(403);
  });
});

describe("the preview render", () => {
  it("shows what a template being written makes, with sample values, saving nothing", async () => {
    const r = await owner.call("POST", "/api/templates/preview", { parameters: PARAMETERS, manifests: MANIFESTS, values: { replicas: 3 } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.objects).toEqual([{ kind: "Deployment", name: "preview" }]);
    expect(r.body.yaml).toContain("namespace: preview");
    expect(r.body.yaml).toContain("replicas: 3");
    expect(r.body.yaml).toContain("berth.dev/release: preview");
  });

  it("says why a template would be refused: broken YAML, a cluster-wide object, a bad schema, a reserved slug", async () => {
    const broken = await admin.call("POST", "/api/templates/preview", { parameters: PARAMETERS, manifests: "kind: [unclosed" });
    expect(broken.status).toBe(422);
    expect(broken.body.error.message).toMatch(/YAML/);
    const cluster = await admin.call("POST", "/api/templates/preview", { parameters: PARAMETERS, manifests: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: { name: x }\n" });
    expect(cluster.status).toBe(422);
    expect(cluster.body.error.message).toMatch(/ClusterRole/);
    const schema = await admin.call("POST", "/api/templates/preview", { parameters: { type: "object", properties: { x: { type: "date" } } }, manifests: MANIFESTS });
    expect(schema.status).toBe(422);
    const reserved = await admin.call("POST", "/api/templates", template("new"));
    expect(reserved.status).toBe(400);
    expect(reserved.body.error.details.fields.slug).toMatch(/reserved/);
  });

  it("is for template authors only", async () => {
    expect((await dev.call("POST", "/api/templates/preview", { parameters: PARAMETERS, manifests: MANIFESTS })).status).toBe(403);
  });
});
