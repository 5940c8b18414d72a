// ConfigMaps and Secrets through Berth's API on the real cluster: dry-run diffs, versions
// that refuse lost updates, Secret values that only leave one at a time (never to a
// viewer, by any route), "used by" and restarting the apps that use them.
import { AppsV1Api, AuthorizationV1Api, CoreV1Api } from "@kubernetes/client-node";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { adminKubeConfig, eventually } from "../support/cluster";
import type { Client } from "../support/http";
import { loggedIn } from "../support/http";
import { tlsPair } from "../support/images";
import { teamWithNamespace } from "../support/teams";
import { createUser } from "../support/users";

const kc = adminKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const apps = kc.makeApiClient(AppsV1Api);
let ns: string;
let dev: Client;
let viewer: Client;

beforeAll(async () => {
  const t = await teamWithNamespace();
  ns = t.namespace;
  dev = t.member;
  const v = await createUser();
  expect((await t.admin.call("POST", `/api/teams/${t.slug}/members`, { email: v.email, role: "viewer" })).status).toBe(201);
  viewer = await loggedIn(v.email, v.password);
});

describe("ConfigMaps", () => {
  let rv: string;

  it("shows the dry-run diff, then creates; lists keys and sizes", async () => {
    const dry = await dev.call("POST", `/api/namespaces/${ns}/configmaps`, { name: "app-config", data: { "app.properties": "mode=prod\nport=8080\n", LEVEL: "info" }, dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body.diffs[0]).toMatchObject({ kind: "ConfigMap", name: "app-config", action: "create" });
    expect(dry.body.diffs[0].diff).toContain("+  app.properties: |");
    await expect(core.readNamespacedConfigMap({ name: "app-config", namespace: ns })).rejects.toMatchObject({ code: 404 });

    expect((await dev.call("POST", `/api/namespaces/${ns}/configmaps`, { name: "app-config", data: { "app.properties": "mode=prod\nport=8080\n", LEVEL: "info" } })).status).toBe(201);
    const list = await dev.call("GET", `/api/namespaces/${ns}/configmaps`);
    const item = list.body.items.find((c: { name: string }) => c.name === "app-config");
    expect(item.keys).toEqual([{ key: "LEVEL", bytes: 4 }, { key: "app.properties", bytes: 20 }]);
    const again = await dev.call("POST", `/api/namespaces/${ns}/configmaps`, { name: "app-config", data: { a: "1" } });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(`ConfigMap "app-config" already exists in ${ns}: open it to edit it.`);
    rv = (await dev.call("GET", `/api/namespaces/${ns}/configmaps/app-config`)).body.resourceVersion;
  });

  it("edits as loaded: a removed key goes, and an edit made on an old version is refused", async () => {
    const r = await dev.call("PUT", `/api/namespaces/${ns}/configmaps/app-config`, { data: { "app.properties": "mode=prod\nport=9090\n" }, resourceVersion: rv });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.diffs[0].diff).toContain("-  LEVEL: info");
    const cm = await core.readNamespacedConfigMap({ name: "app-config", namespace: ns });
    expect(cm.data).toEqual({ "app.properties": "mode=prod\nport=9090\n" });
    const stale = await dev.call("PUT", `/api/namespaces/${ns}/configmaps/app-config`, { data: { x: "1" }, resourceVersion: rv });
    expect(stale.status).toBe(409);
    expect((await core.readNamespacedConfigMap({ name: "app-config", namespace: ns })).data).toEqual({ "app.properties": "mode=prod\nport=9090\n" });
  });

  it("refuses bad keys and oversized data with the field named", async () => {
    const bad = await dev.call("POST", `/api/namespaces/${ns}/configmaps`, { name: "bad", data: { "a b": "x" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields["data.a b"]).toBe("Keys may contain letters, digits, '-', '_' and '.'");
    const big = await dev.call("POST", `/api/namespaces/${ns}/configmaps`, { name: "big", data: { a: "x".repeat(1024 * 1024) } });
    expect(big.status).toBe(400);
    expect(big.body.error.message).toMatch(/All keys and values together must stay under 1 MiB/);
  });
});

describe("Secrets", () => {
  it("never sends a value with a list or a read; a developer reveals one value, audited", async () => {
    const r = await dev.call("POST", `/api/namespaces/${ns}/secrets`, { type: "Opaque", name: "db", data: { username: "shop", password: "s3cr3t-value" } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(JSON.stringify(r.body)).not.toContain("s3cr3t-value");
    const list = await dev.call("GET", `/api/namespaces/${ns}/secrets`);
    const one = await dev.call("GET", `/api/namespaces/${ns}/secrets/db`);
    for (const body of [list.body, one.body]) {
      expect(JSON.stringify(body)).not.toContain("s3cr3t-value");
      expect(JSON.stringify(body)).not.toContain(Buffer.from("s3cr3t-value").toString("base64"));
    }
    expect(one.body.keys).toEqual([{ key: "password", bytes: 12 }, { key: "username", bytes: 4 }]);
    const v = await dev.call("GET", `/api/namespaces/${ns}/secrets/db/values/password`);
    expect(v.body).toEqual({ key: "password", value: "s3cr3t-value" });
    expect(await db().auditEvent.count({ where: { action: "secret.reveal", target: `${ns}/db/password`, result: "ok" } })).toBe(1);
  });

  it("a viewer gets no Secret by any route, and Berth's own identity cannot read Secrets either", async () => {
    for (const p of [`/api/namespaces/${ns}/secrets`, `/api/namespaces/${ns}/secrets/db`, `/api/namespaces/${ns}/secrets/db/values/password`]) {
      const r = await viewer.call("GET", p);
      expect([p, r.status]).toEqual([p, 403]);
      expect(JSON.stringify(r.body)).not.toContain("s3cr3t-value");
    }
    // Berth's service identity ("berth") holds no permission on Secrets anywhere.
    const review = await kc.makeApiClient(AuthorizationV1Api).createSubjectAccessReview({ body: { spec: { user: "berth", groups: ["berth:console"], resourceAttributes: { namespace: ns, verb: "get", resource: "secrets" } } } });
    expect(review.status?.allowed).toBe(false);
    const listReview = await kc.makeApiClient(AuthorizationV1Api).createSubjectAccessReview({ body: { spec: { user: "berth", groups: ["berth:console"], resourceAttributes: { namespace: ns, verb: "list", resource: "secrets" } } } });
    expect(listReview.status?.allowed).toBe(false);
  });

  it("an edit sends only the changed keys; its diff carries no value", async () => {
    const { resourceVersion } = (await dev.call("GET", `/api/namespaces/${ns}/secrets/db`)).body;
    const dry = await dev.call("PUT", `/api/namespaces/${ns}/secrets/db`, { set: { password: "n3w-value" }, remove: [], resourceVersion, dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body.diffs[0].diff).toContain("password: (hidden, changed)");
    expect(JSON.stringify(dry.body)).not.toMatch(/n3w-value|s3cr3t-value|bjN3LXZhbHVl/);
    const r = await dev.call("PUT", `/api/namespaces/${ns}/secrets/db`, { set: { token: "t0ken" }, remove: ["password"], resourceVersion });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const s = await core.readNamespacedSecret({ name: "db", namespace: ns });
    expect(Object.fromEntries(Object.entries(s.data!).map(([k, v]) => [k, Buffer.from(v, "base64").toString()]))).toEqual({ username: "shop", token: "t0ken" });
    const stale = await dev.call("PUT", `/api/namespaces/${ns}/secrets/db`, { set: { x: "1" }, resourceVersion });
    expect(stale.status).toBe(409);
  });

  it("makes registry logins and TLS Secrets, checking the certificate and key pair", async () => {
    const reg = await dev.call("POST", `/api/namespaces/${ns}/secrets`, { type: "kubernetes.io/dockerconfigjson", name: "harbor", registry: "harbor.example.com", username: "robot", password: "tok" });
    expect(reg.status).toBe(201);
    const s = await core.readNamespacedSecret({ name: "harbor", namespace: ns });
    expect(s.type).toBe("kubernetes.io/dockerconfigjson");
    expect(JSON.parse(Buffer.from(s.data![".dockerconfigjson"], "base64").toString()).auths["harbor.example.com"]).toMatchObject({ username: "robot", password: "tok" });
    expect((await dev.call("GET", `/api/namespaces/${ns}/secrets/harbor/values/.dockerconfigjson`)).status).toBe(200);

    const { cert, key, otherKey } = tlsPair();
    expect((await dev.call("POST", `/api/namespaces/${ns}/secrets`, { type: "kubernetes.io/tls", name: "site-tls", cert, key })).status).toBe(201);
    expect((await core.readNamespacedSecret({ name: "site-tls", namespace: ns })).type).toBe("kubernetes.io/tls");
    const mismatch = await dev.call("POST", `/api/namespaces/${ns}/secrets`, { type: "kubernetes.io/tls", name: "bad-tls", cert, key: otherKey });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error.details.fields.cert).toBe("The key does not belong to this certificate");
    const notPem = await dev.call("POST", `/api/namespaces/${ns}/secrets`, { type: "kubernetes.io/tls", name: "bad-tls", cert: "hello", key });
    expect(notPem.body.error.details.fields.cert).toBe("The certificate is not a PEM certificate (-----BEGIN CERTIFICATE-----)");
  });
});

describe("used by, and restarting the apps that use it", () => {
  it("names the apps that reference a ConfigMap or Secret, and restarts them", async () => {
    const spec = {
      name: "shop",
      image: "nginx:1.27",
      replicas: 1,
      env: [{ from: "secret", name: "DB_USER", secret: "db", key: "username" }],
      imagePullSecrets: ["harbor"],
    };
    expect((await dev.call("POST", `/api/namespaces/${ns}/apps`, { spec })).status).toBe(201);
    const secrets = (await dev.call("GET", `/api/namespaces/${ns}/secrets`)).body.items;
    expect(secrets.find((s: { name: string }) => s.name === "db").usedBy).toEqual([{ app: "shop", kind: "Deployment", how: ["env"] }]);
    expect(secrets.find((s: { name: string }) => s.name === "harbor").usedBy).toEqual([{ app: "shop", kind: "Deployment", how: ["imagePullSecrets"] }]);
    expect(secrets.find((s: { name: string }) => s.name === "site-tls").usedBy).toEqual([]);

    const before = (await apps.readNamespacedDeployment({ name: "shop", namespace: ns })).metadata?.generation;
    const r = await dev.call("POST", `/api/namespaces/${ns}/secrets/db/restart`);
    expect(r.body).toEqual({ restarted: ["shop"] });
    const d = await eventually("a rolling restart", async () => {
      const x = await apps.readNamespacedDeployment({ name: "shop", namespace: ns });
      return (x.metadata?.generation ?? 0) > (before ?? 0) ? x : undefined;
    });
    expect(d.spec?.template.metadata?.annotations?.["kubectl.kubernetes.io/restartedAt"]).toBeTruthy();
    expect((await viewer.call("POST", `/api/namespaces/${ns}/secrets/db/restart`)).status).toBe(403);
  });

  it("deletes, as the person", async () => {
    expect((await dev.call("DELETE", `/api/namespaces/${ns}/configmaps/app-config`)).status).toBe(204);
    expect((await viewer.call("DELETE", `/api/namespaces/${ns}/secrets/db`)).status).toBe(403);
    expect((await dev.call("DELETE", `/api/namespaces/${ns}/secrets/site-tls`)).status).toBe(204);
    await expect(core.readNamespacedSecret({ name: "site-tls", namespace: ns })).rejects.toMatchObject({ code: 404 });
  });
});
