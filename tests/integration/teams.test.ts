// Teams and isolation, enforced twice: by Berth's own checks (API → 401/403) and by
// the real apiserver's RBAC on the impersonated identity (Kubernetes Forbidden).
import { AppsV1Api, AuthenticationV1Api, AuthorizationV1Api, CoreV1Api, RbacAuthorizationV1Api, ApiException } from "@kubernetes/client-node";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { serviceKubeConfig } from "@/lib/k8s/config";
import { impersonate, teamGroup } from "@/lib/k8s/impersonate";
import { db } from "@/lib/db/client";
import { adminKubeConfig, eventually, uniqueName } from "../support/cluster";
import { client, loggedIn, signIn, type Client } from "../support/http";
import { apiRoutes } from "../support/routes";
import { createUser } from "../support/users";

const kc = adminKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const apps = kc.makeApiClient(AppsV1Api);

const slugA = uniqueName("ta");
const slugB = uniqueName("tb");
const nsA = `${slugA}-dev`;
const nsB = `${slugB}-dev`;
let admin: Client, alice: Client, bob: Client, victor: Client;
let aliceUser: Awaited<ReturnType<typeof createUser>>;

async function deployment(ns: string, name: string) {
  const labels = { app: name };
  await apps.createNamespacedDeployment({
    namespace: ns,
    body: { metadata: { name }, spec: { replicas: 1, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name, image: "nginx:1.27", resources: { requests: { cpu: "10m", memory: "16Mi" }, limits: { cpu: "10m", memory: "16Mi" } } }] } } } },
  });
}

beforeAll(async () => {
  const a = await createUser({ platformAdmin: true });
  aliceUser = await createUser({ name: "Alice" });
  const b = await createUser({ name: "Bob" });
  const v = await createUser({ name: "Victor" });
  admin = await loggedIn(a.email, a.password);

  for (const [slug, ns, member, role] of [
    [slugA, nsA, aliceUser.email, "developer"],
    [slugB, nsB, b.email, "developer"],
  ] as const) {
    expect((await admin.call("POST", "/api/teams", { slug, name: slug.toUpperCase() })).status).toBe(201);
    expect((await admin.call("POST", `/api/teams/${slug}/members`, { email: member, role })).status).toBe(201);
    expect((await admin.call("POST", `/api/teams/${slug}/namespaces`, { name: ns, limits: { quota: { cpu: "4", memory: "8Gi", pods: 20 } } })).status).toBe(201);
  }
  expect((await admin.call("POST", `/api/teams/${slugA}/members`, { email: v.email, role: "viewer" })).status).toBe(201);
  await deployment(nsA, "web");
  await deployment(nsB, "web");

  alice = await loggedIn(aliceUser.email, aliceUser.password);
  bob = await loggedIn(b.email, b.password);
  victor = await loggedIn(v.email, v.password);
});

describe("team namespaces", () => {
  it("creates the real Namespace with labels, ResourceQuota, LimitRange and RoleBindings", async () => {
    const ns = await core.readNamespace({ name: nsA });
    expect(ns.metadata?.labels).toMatchObject({ "app.kubernetes.io/managed-by": "berth", "berth.dev/team": slugA });
    const quota = await core.readNamespacedResourceQuota({ name: "berth-quota", namespace: nsA });
    expect(quota.spec?.hard).toMatchObject({ "requests.cpu": "4", "requests.memory": "8Gi", pods: "20" });
    const lr = await core.readNamespacedLimitRange({ name: "berth-defaults", namespace: nsA });
    expect(lr.spec?.limits?.[0]).toMatchObject({ type: "Container", defaultRequest: { cpu: "100m", memory: "128Mi" } });
    const rbs = await kc.makeApiClient(RbacAuthorizationV1Api).listNamespacedRoleBinding({ namespace: nsA });
    const byRole = Object.fromEntries(rbs.items.map((rb) => [rb.roleRef.name, rb.subjects?.[0]?.name]));
    expect(byRole).toEqual({ admin: teamGroup(slugA, "owner"), edit: teamGroup(slugA, "developer"), view: teamGroup(slugA, "viewer") });
  });

  it("lists and edits quota defaults, and rejects quantities that are not Kubernetes quantities", async () => {
    const bad = await admin.call("POST", `/api/teams/${slugA}/namespaces`, { name: `${slugA}-x`, limits: { quota: { cpu: "2 cores", memory: "512MB" } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("CPU quota must be a Kubernetes quantity");
    await expect(core.readNamespace({ name: `${slugA}-x` })).rejects.toMatchObject({ code: 404 });

    const upd = await admin.call("PUT", `/api/teams/${slugA}/namespaces/${nsA}`, { quota: { cpu: "6", memory: "12Gi", pods: 30 }, defaults: { cpuRequest: "50m", memoryRequest: "64Mi", cpuLimit: "1", memoryLimit: "1Gi" } });
    expect(upd.status).toBe(204);
    const list = await alice.call("GET", `/api/teams/${slugA}/namespaces`);
    expect(list.body.items).toEqual([{ name: nsA, cluster: "local", limits: { quota: { cpu: "6", memory: "12Gi", pods: 30, storage: "50Gi" }, defaults: { cpuRequest: "50m", memoryRequest: "64Mi", cpuLimit: "1", memoryLimit: "1Gi" } } }]);
  });

  it("refuses a namespace name that is already taken in the cluster", async () => {
    const r = await admin.call("POST", `/api/teams/${slugA}/namespaces`, { name: "kube-system" });
    expect(r.status).toBe(409);
    expect(r.body.error.message).toContain('"kube-system" already exists');
  });
});

/** A well-formed id of a build or pipeline that does not exist (the refusal comes first). */
const FAKE_ID = "cfake0000000000000000000000";

describe("enforcement by Berth", () => {
  it("lets a developer read and scale in their own team's namespace", async () => {
    const list = await alice.call("GET", `/api/namespaces/${nsA}/apps`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((a: { name: string }) => a.name)).toEqual(["web"]);
    const r = await alice.call("PUT", `/api/namespaces/${nsA}/apps/web/scale`, { replicas: 2 });
    expect(r.status).toBe(200);
    expect((await apps.readNamespacedDeployment({ name: "web", namespace: nsA })).spec?.replicas).toBe(2);
  });

  /** A valid body for each namespace route, so the answer is about who asks, not about the input. */
  const validBody = (method: string, path: string): object | undefined => {
    if (method === "GET") return undefined;
    const verb = path.split("/").slice(4).join("/").replace(FAKE_ID, "<id>"); // after /api/namespaces/<ns>/
    const build = new FormData();
    for (const [k, v] of Object.entries({ source: "git", gitUrl: "https://git.example.com/app.git", image: "app:1" })) build.append(k, v);
    const bodies: Record<string, object> = {
      "POST apps": { spec: { name: "web2", image: "nginx:1.27", replicas: 1 } },
      "DELETE apps/web": { confirm: "web" },
      "PUT apps/web/scale": { replicas: 3 },
      "PUT apps/web/image": { image: "nginx:1.28" },
      "POST apps/web/rollback": { revision: 1 },
      "POST apps/web/restart": {},
      "PUT apps/web/yaml": { yaml: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 4\n" },
      "POST builds": build,
      "DELETE builds/<id>": {},
      "POST pipelines": { name: "ci", gitUrl: "https://git.example.com/app.git", image: "app:1" },
      "DELETE pipelines/<id>": {},
      "POST pipelines/<id>/artifact": (() => {
        const f = new FormData();
        f.append("file", new Blob([new Uint8Array(Buffer.from("PK\x03\x04 a jar", "latin1"))]), "app.jar");
        return f;
      })(),
      "POST configmaps": { name: "cfg", data: { a: "1" } },
      "PUT configmaps/web": { data: { a: "2" } },
      "DELETE configmaps/web": {},
      "POST configmaps/web/restart": {},
      "POST secrets": { type: "Opaque", name: "pw", data: { a: "1" } },
      "PUT secrets/web": { set: { a: "2" }, resourceVersion: "1" },
      "DELETE secrets/web": {},
      "POST secrets/web/restart": {},
      "POST import": { yaml: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: imported\ndata:\n  a: '1'\n", dryRun: false },
      "POST releases": { template: "redis", name: "cache" },
      "PUT releases/web": { values: { maxmemory: "64mb" } },
      "DELETE releases/web": { confirm: "web" },
    };
    const body = bodies[`${method} ${verb}`];
    if (!body) throw new Error(`no sample body for ${method} ${path}: add one`);
    return body;
  };
  const namespaceRoutes = (ns: string) => apiRoutes({ namespace: ns, app: "web", team: "-", userId: "-", id: FAKE_ID, name: "web", cluster: "local", key: "password", release: "web", slug: "redis", version: "7.0.1" }).filter(([, p]) => p.startsWith(`/api/namespaces/${ns}/`));

  it("refuses a viewer's every write with 403 and a message, and lets them read", async () => {
    const writes = namespaceRoutes(nsA).filter(([m]) => m !== "GET");
    expect(writes.length).toBeGreaterThanOrEqual(7);
    for (const [method, path] of writes) {
      const r = await victor.call(method, path, validBody(method, path));
      expect([method, path, r.status]).toEqual([method, path, 403]);
      expect(r.body.error.message).toMatch(/viewer/);
    }
    expect((await victor.call("GET", `/api/namespaces/${nsA}/apps`)).status).toBe(200);
    expect((await apps.readNamespacedDeployment({ name: "web", namespace: nsA })).spec?.replicas).toBe(2);
  });

  it("refuses team A every read and write in team B's namespace, and B's team pages", async () => {
    const routes = [
      ...namespaceRoutes(nsB).map(([m, p]) => [m, p, validBody(m, p)] as const),
      ["GET", `/api/teams/${slugB}/members`, undefined],
      ["GET", `/api/teams/${slugB}/audit`, undefined],
      ["GET", `/api/teams/${slugB}/registries`, undefined],
      ["POST", `/api/teams/${slugB}/registries`, { name: "hub", url: "https://registry.example.com" }],
      ["POST", `/api/teams/${slugB}/registries/local/test`, {}],
    ] as const;
    expect(routes.length).toBeGreaterThanOrEqual(14);
    for (const [method, path, body] of routes) {
      const r = await alice.call(method, path, body);
      expect([method, path, r.status]).toEqual([method, path, 403]);
      expect(r.body.error.code).toBe("forbidden");
    }
    const d = await apps.readNamespacedDeployment({ name: "web", namespace: nsB });
    expect(d.spec?.replicas).toBe(1);
  });

  it("gives the same answer for another team's namespace and a namespace that does not exist", async () => {
    const other = await alice.call("GET", `/api/namespaces/${nsB}/apps`);
    const missing = await alice.call("GET", `/api/namespaces/no-such-namespace/apps`);
    expect(missing.status).toBe(other.status);
    expect(missing.body.error.message.replace("no-such-namespace", "X")).toBe(other.body.error.message.replace(nsB, "X"));
  });
});

describe("the identities Berth acts as", () => {
  it("are berth:user:<email> in one berth: group, as the apiserver itself sees them", async () => {
    const asAlice = impersonate(serviceKubeConfig(), { user: aliceUser.email, group: teamGroup(slugA, "developer") });
    const review = await asAlice.makeApiClient(AuthenticationV1Api).createSelfSubjectReview({ body: { apiVersion: "authentication.k8s.io/v1", kind: "SelfSubjectReview" } });
    expect(review.status?.userInfo?.username).toBe(`berth:user:${aliceUser.email}`);
    expect(review.status?.userInfo?.groups).toContain(`berth:team:${slugA}:developer`);
  });

  it("are never system: names, real cluster users or other groups, refused before any call", () => {
    const kc = serviceKubeConfig();
    expect(() => impersonate(kc, { user: aliceUser.email, group: "system:masters" })).toThrow(/not a group Berth may act as/);
    expect(() => impersonate(kc, { user: "system:admin", group: teamGroup(slugA, "owner") })).toThrow(/not an email/);
    expect(() => impersonate(kc, { user: "kubernetes-admin", group: teamGroup(slugA, "owner") })).toThrow(/not an email/);
    expect(() => impersonate(kc, { user: "a@b.example\nImpersonate-Group: system:masters", group: teamGroup(slugA, "owner") })).toThrow(/not an email/);
  });

  it("never include service accounts: Berth's own RBAC does not let it impersonate one", async () => {
    const role = await kc.makeApiClient(RbacAuthorizationV1Api).readClusterRole({ name: "berth-console" });
    const impersonation = role.rules!.filter((r) => r.verbs.includes("impersonate"));
    expect(impersonation.flatMap((r) => r.resources ?? []).sort()).toEqual(["groups", "users"]);
    const sar = await kc.makeApiClient(AuthorizationV1Api).createSubjectAccessReview({ body: { spec: { user: "berth", resourceAttributes: { verb: "impersonate", resource: "serviceaccounts", namespace: nsA, name: "default" } } } });
    expect(sar.status?.allowed).toBe(false);
  });
});

describe("enforcement by the apiserver (impersonation + RBAC)", () => {
  const forbidden = async (p: Promise<unknown>) => {
    const e = await p.then(() => undefined, (x: unknown) => x);
    expect(e).toBeInstanceOf(ApiException);
    const ex = e as ApiException<unknown>;
    expect(ex.code).toBe(403);
    const body = typeof ex.body === "string" ? JSON.parse(ex.body) : ex.body;
    expect(body.reason).toBe("Forbidden");
    return body.message as string;
  };

  it("refuses team A's identity in team B's namespace, even when Berth's own check is bypassed", async () => {
    const asAlice = impersonate(serviceKubeConfig(), { user: aliceUser.email, group: teamGroup(slugA, "developer") });
    const a = asAlice.makeApiClient(AppsV1Api);
    const msg = await forbidden(a.listNamespacedDeployment({ namespace: nsB }));
    expect(msg).toContain(`User "berth:user:${aliceUser.email}" cannot list resource "deployments"`);
    await forbidden(a.replaceNamespacedDeploymentScale({ name: "web", namespace: nsB, body: { metadata: { name: "web", namespace: nsB }, spec: { replicas: 5 } } }));
    await forbidden(a.deleteNamespacedDeployment({ name: "web", namespace: nsB }));
    // and the same identity works in its own namespace
    expect((await a.listNamespacedDeployment({ namespace: nsA })).items).toHaveLength(1);
  });

  it("lets a viewer's identity read but not write in its namespace", async () => {
    const asViewer = impersonate(serviceKubeConfig(), { user: "viewer@example.test", group: teamGroup(slugA, "viewer") }).makeApiClient(AppsV1Api);
    expect((await asViewer.listNamespacedDeployment({ namespace: nsA })).items).toHaveLength(1);
    await forbidden(asViewer.deleteNamespacedDeployment({ name: "web", namespace: nsA }));
  });

  it("Berth's own identity cannot change workloads: every change is made as a person", async () => {
    const self = serviceKubeConfig().makeApiClient(AppsV1Api);
    await forbidden(self.replaceNamespacedDeploymentScale({ name: "web", namespace: nsA, body: { metadata: { name: "web", namespace: nsA }, spec: { replicas: 9 } } }));
    await forbidden(self.deleteNamespacedDeployment({ name: "web", namespace: nsA }));
  });
});

describe("authentication", () => {
  // Every API route the console has, read from app/api (next-auth's own sign-in routes aside),
  // so a route added later is covered without editing this list.
  const routes: [string, string][] = apiRoutes({ namespace: nsA, app: "web", team: slugA, userId: "someone", id: "abc", name: "local", cluster: "local", key: "password", release: "web", slug: "redis", version: "7.0.1" });

  it("finds every API route, the app verbs and the streams included", () => {
    expect(routes.length).toBeGreaterThanOrEqual(29);
    for (const r of [["GET", `/api/namespaces/${nsA}/stream`], ["GET", `/api/namespaces/${nsA}/apps/web/logs`], ["PUT", `/api/namespaces/${nsA}/apps/web/yaml`], ["POST", `/api/namespaces/${nsA}/apps/web/rollback`]]) expect(routes).toContainEqual(r);
  });

  it.each(routes)("%s %s without a session → 401", async (method, path) => {
    const r = await client().call(method, path, method === "GET" ? undefined : {});
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe("unauthenticated");
  });

  it("treats a tampered session cookie as no session", async () => {
    const tampered = alice.cookie.slice(0, -6) + (alice.cookie.endsWith("AAAAAA") ? "BBBBBB" : "AAAAAA");
    const r = await client({ cookie: tampered }).call("GET", "/api/me");
    expect(r.status).toBe(401);
  });

  it("accepts API tokens on the API, and refuses them once revoked or expired", async () => {
    const created = await alice.call("POST", "/api/tokens", { name: "ci", scope: "write" });
    expect(created.status).toBe(201);
    const token = created.body.token as string;
    const viaToken = client({ token });
    const me = await viaToken.call("GET", "/api/me");
    expect(me.body.user.email).toBe(aliceUser.email);
    expect(me.body.via).toBe("token");
    // a write with a token needs no Origin: it carries no ambient authority
    expect((await viaToken.call("PUT", `/api/namespaces/${nsA}/apps/web/scale`, { replicas: 1 })).status).toBe(200);

    expect((await alice.call("DELETE", `/api/tokens/${created.body.id}`)).status).toBe(204);
    const revoked = await viaToken.call("GET", "/api/me");
    expect(revoked.status).toBe(401);
    expect(revoked.body.error.message).toContain("not valid");

    const short = await alice.call("POST", "/api/tokens", { name: "short", expiresInDays: 1 });
    await db().apiToken.update({ where: { id: short.body.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await client({ token: short.body.token }).call("GET", "/api/me")).status).toBe(401);
    expect((await client({ token: "berth_not-a-real-token" }).call("GET", "/api/me")).status).toBe(401);
  });

  it("limits each API token to its scope and 90 days by default; no token makes tokens", async () => {
    const make = async (scope?: string) => {
      const r = await alice.call("POST", "/api/tokens", { name: `scoped-${scope ?? "default"}`, ...(scope ? { scope } : {}) });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return { ...r.body, c: client({ token: r.body.token }) } as { scope: string; expiresAt: string; c: ReturnType<typeof client> };
    };
    const read = await make();
    expect(read.scope).toBe("read");
    expect(Math.round((new Date(read.expiresAt).getTime() - Date.now()) / 86_400_000)).toBe(90);
    expect((await read.c.call("GET", `/api/namespaces/${nsA}/apps`)).status).toBe(200);
    const refused = await read.c.call("PUT", `/api/namespaces/${nsA}/apps/web/scale`, { replicas: 1 });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe("This API token's scope is read; this needs write. Make a token with that scope in Settings.");

    const write = await make("write");
    expect((await write.c.call("PUT", `/api/namespaces/${nsA}/apps/web/scale`, { replicas: 1 })).status).toBe(200);
    expect((await write.c.call("POST", `/api/teams/${slugA}/members`, { email: "tokenmade@example.test", role: "owner" })).status).toBe(403);
    expect((await write.c.call("DELETE", `/api/teams/${slugA}`, { confirm: slugA })).status).toBe(403);

    const admin = await make("admin");
    for (const c of [read.c, write.c, admin.c]) {
      const minted = await c.call("POST", "/api/tokens", { name: "from a token", scope: "admin" });
      expect(minted.status).toBe(403);
      expect(minted.body.error.message).toBe("API tokens cannot do this (make tokens, change a password): sign in in the browser.");
    }
    expect((await alice.call("POST", "/api/tokens", { name: "forever", expiresInDays: 10_000 })).status).toBe(400);
  });

  it("refuses cookie-authenticated writes from another site (CSRF)", async () => {
    const evil = await alice.call("PUT", `/api/namespaces/${nsA}/apps/web/scale`, { replicas: 4 }, { origin: "http://evil.example" });
    expect(evil.status).toBe(403);
    expect(evil.body.error.message).toContain("CSRF");
    const noOrigin = await client({ cookie: alice.cookie }).call("PUT", `/api/namespaces/${nsA}/apps/web/scale`, { replicas: 4 }, { origin: "" });
    expect(noOrigin.status).toBe(403);
    expect((await apps.readNamespacedDeployment({ name: "web", namespace: nsA })).spec?.replicas).not.toBe(4);
  });

  it("slows logins per account and does not reveal whether an email exists", async () => {
    const u = await createUser();
    const wrongKnown = await signIn(u.email, "wrong", "198.51.100.1");
    const wrongUnknown = await signIn(`nobody-${Date.now()}@example.test`, "wrong", "198.51.100.1");
    expect(wrongKnown).toEqual({ ok: false, error: "CredentialsSignin", cookie: "" });
    expect(wrongUnknown).toEqual(wrongKnown);
    for (let i = 0; i < 7; i++) await signIn(u.email, "wrong", `198.51.100.${10 + i}`);
    // 8 failures: the account slows down (8 s after the last one) for addresses that failed …
    const blocked = await signIn(u.email, u.password, "198.51.100.16");
    expect(blocked.ok).toBe(false);
    expect(blocked.error).toBe("rate_limited");
    // … while the owner, from an address that has not failed, gets in
    expect((await signIn(u.email, u.password, "198.51.100.99")).ok).toBe(true);
  });

  it("rate-limits logins per IP across accounts (credential stuffing), by the address the trusted proxy saw", async () => {
    const u = await createUser();
    const attacker = "203.0.113.66"; // not the default address the test client signs in from
    for (let i = 0; i < 20; i++) await signIn(`stuffing-${i}-${Date.now()}@example.test`, "guess", attacker);
    expect((await signIn(u.email, u.password, attacker)).error).toBe("rate_limited");
    // a client cannot pick another address: only the last hop (what the proxy appended) counts
    expect((await signIn(u.email, u.password, `198.51.100.200, ${attacker}`)).error).toBe("rate_limited");
    const elsewhere = await signIn(u.email, u.password, "198.51.100.201");
    expect(elsewhere.ok).toBe(true);
  });
});

describe("bad input in paths", () => {
  it.each([
    [`/api/namespaces/..%2Fkube-system/apps`],
    [`/api/namespaces/${nsA}%2F..%2Fkube-system/apps`],
    [`/api/namespaces/KUBE-SYSTEM/apps`],
    [`/api/namespaces/${"a".repeat(300)}/apps`],
    [`/api/namespaces/${nsA}/apps/Web`],
  ])("GET %s → 4xx with a clear message", async (path) => {
    const r = await alice.call("GET", path);
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    if (r.status !== 404) expect(r.body.error.message).toMatch(/lowercase|valid|at most 63/);
  });

  it("rejects a bad scale body with a field message", async () => {
    for (const replicas of [-1, 1.5, "3", 5000]) {
      const r = await alice.call("PUT", `/api/namespaces/${nsA}/apps/web/scale`, { replicas });
      expect(r.status).toBe(400);
      expect(r.body.error.details.fields.replicas).toBeTruthy();
    }
    const notJson = await fetch(`${inject("baseUrl")}/api/namespaces/${nsA}/apps/web/scale`, {
      method: "PUT",
      headers: { cookie: alice.cookie, origin: inject("baseUrl"), "content-type": "application/json" },
      body: "replicas=3",
    });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: { message: string } }).error.message).toBe("The request body must be JSON.");
  });
});

describe("members, audit and team deletion", () => {
  it("invites by email, changes a role, removes a member and keeps at least one owner", async () => {
    const email = `${uniqueName("new")}@example.test`;
    const invited = await admin.call("POST", `/api/teams/${slugA}/members`, { email, role: "viewer" });
    expect(invited.status).toBe(201);
    expect(invited.body.setupUrl).toMatch(/\/set-password#/);
    const again = await admin.call("POST", `/api/teams/${slugA}/members`, { email, role: "viewer" });
    expect(again.status).toBe(409);
    // the new person sets a password with the link, signs in and sees team A
    expect((await client().call("POST", "/api/password-links", { token: new URL(invited.body.setupUrl).hash.slice(1), password: "newbie's password" })).status).toBe(200);
    const newbie = await loggedIn(email, "newbie's password");
    expect((await newbie.call("GET", "/api/me")).body.teams.map((t: { slug: string }) => t.slug)).toEqual([slugA]);

    expect((await alice.call("POST", `/api/teams/${slugA}/members`, { email: "x@example.test", role: "owner" })).status).toBe(403);
    expect((await admin.call("PATCH", `/api/teams/${slugA}/members/${invited.body.userId}`, { role: "developer" })).status).toBe(204);
    // this console forgets who is asking as soon as a role or membership changes (its short memory of people)
    expect((await newbie.call("GET", "/api/me")).body.teams).toEqual([{ slug: slugA, name: expect.any(String), role: "developer" }]);
    expect((await admin.call("DELETE", `/api/teams/${slugA}/members/${invited.body.userId}`)).status).toBe(204);
    expect((await newbie.call("GET", "/api/me")).status).toBe(401); // a removed member's sessions end

    const members = (await admin.call("GET", `/api/teams/${slugA}/members`)).body.items as { userId: string; role: string }[];
    const owner = members.find((m) => m.role === "owner")!;
    const demote = await admin.call("PATCH", `/api/teams/${slugA}/members/${owner.userId}`, { role: "viewer" });
    expect(demote.status).toBe(409);
    expect(demote.body.error.message).toContain("at least one owner");
  });

  it("two owners demoting each other at the same moment leave the team with an owner", async () => {
    for (let round = 0; round < 10; round++) {
      const slug = uniqueName("race");
      const [x, y] = [await createUser(), await createUser()];
      expect((await admin.call("POST", "/api/teams", { slug, name: slug })).status).toBe(201);
      for (const u of [x, y]) expect((await admin.call("POST", `/api/teams/${slug}/members`, { email: u.email, role: "owner" })).status).toBe(201);
      // the platform admin who made the team steps out: x and y are its only owners
      const creator = ((await admin.call("GET", `/api/teams/${slug}/members`)).body.items as { userId: string }[]).find((m) => m.userId !== x.id && m.userId !== y.id)!;
      expect((await admin.call("DELETE", `/api/teams/${slug}/members/${creator.userId}`)).status).toBe(204);
      const [cx, cy] = [await loggedIn(x.email, x.password), await loggedIn(y.email, y.password)];
      const [a, b] = await Promise.all([cx.call("PATCH", `/api/teams/${slug}/members/${y.id}`, { role: "viewer" }), cy.call("PATCH", `/api/teams/${slug}/members/${x.id}`, { role: "viewer" })]);
      // One wins; the other is refused — 409 (the last owner) or 403 (no longer an owner by the time it is asked).
      expect([a.status, b.status].filter((x) => x === 204)).toHaveLength(1);
      expect([403, 409]).toContain(a.status === 204 ? b.status : a.status);
      const t = await db().team.findUnique({ where: { slug } });
      expect(await db().membership.count({ where: { teamId: t!.id, role: "owner" } })).toBe(1);
    }
  });

  it("writes every change to the audit log, filtered per team; only admins read all", async () => {
    const scale = await alice.call("GET", `/api/teams/${slugA}/audit?action=app.scale`);
    expect(scale.status).toBe(200);
    const actions = scale.body.items.map((e: { action: string; actor: string; result: string }) => `${e.action} ${e.actor} ${e.result}`);
    expect(actions).toContain(`app.scale ${aliceUser.email} ok`);
    expect(scale.body.items.every((e: { action: string }) => e.action === "app.scale")).toBe(true);

    const all = (await alice.call("GET", `/api/teams/${slugA}/audit?limit=200`)).body.items.map((e: { action: string }) => e.action);
    for (const a of ["team.create", "membership.add", "namespace.create", "namespace.limits", "membership.role", "membership.remove", "app.scale"]) expect(all).toContain(a);

    const denied = await alice.call("GET", `/api/teams/${slugA}/audit?result=denied`);
    expect(denied.body.items.length).toBeGreaterThan(0); // victor's refused scale

    expect((await alice.call("GET", "/api/audit")).status).toBe(403);
    const global = await admin.call("GET", "/api/audit?action=auth.login&limit=5");
    expect(global.status).toBe(200);
    expect(global.body.items.length).toBeGreaterThan(0);
  });

  it("does not delete a team's namespaces silently", async () => {
    const wrong = await admin.call("DELETE", `/api/teams/${slugB}`, { confirm: "nope" });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toContain(`type its slug "${slugB}"`);

    const keep = await admin.call("DELETE", `/api/teams/${slugB}`, { confirm: slugB });
    expect(keep.status).toBe(409);
    expect(keep.body.error.details.namespaces).toEqual([nsB]);
    expect((await core.readNamespace({ name: nsB })).status?.phase).toBe("Active");

    expect((await bob.call("DELETE", `/api/teams/${slugB}`, { confirm: slugB, deleteNamespaces: true })).status).toBe(403);
    const gone = await admin.call("DELETE", `/api/teams/${slugB}`, { confirm: slugB, deleteNamespaces: true });
    expect(gone.status).toBe(204);
    await eventually("namespace to terminate", async () => {
      const ns = await core.readNamespace({ name: nsB }).catch(() => undefined);
      return !ns || ns.status?.phase === "Terminating";
    });
    expect((await bob.call("GET", "/api/me")).body.teams).toEqual([]);
  });
});
