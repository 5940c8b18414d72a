// Several clusters in one console, against two real control planes: the tests' own cluster
// ("local", the console's) and a second, kwok-only one started here. A platform admin adds the
// second by its kubeconfig; one team gets a namespace on each; every route and the stream act
// on the namespace's own cluster; a cluster with namespaces cannot be removed; with the second
// control plane stopped its namespace says the cluster cannot be reached and refuses changes
// (read-only) while the first's keeps working.
import { AppsV1Api, CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loggedIn as loggedInAt } from "../../scripts/http-client";
import { adminKubeConfig, eventually, uniqueName } from "../support/cluster";
import { extraConsole, stopExtraConsoles } from "../support/console";
import { loggedIn, type Client } from "../support/http";
import { createUser } from "../support/users";
import { secondCluster } from "../support/second-cluster";
import { readEvents } from "../support/sse";
import { teamWithNamespace } from "../support/teams";

const B = secondCluster("b");
let admin: Client;
let dev: Client;
let slug: string;
let nsA: string;
let nsB: string;
let kubeconfigB: string;
const adminB = () => B.admin();

beforeAll(async () => {
  kubeconfigB = B.up();
  const t = await teamWithNamespace({ role: "developer" });
  admin = t.admin;
  dev = t.member;
  slug = t.slug;
  nsA = t.namespace;
  nsB = uniqueName("b");
}, 240_000);
afterAll(async () => {
  await stopExtraConsoles();
  B.down();
});

/** One kubeconfig holding several: each given (a YAML text) under its own context name, the first current. */
function merged(configs: [string, string][]): string {
  const out = new KubeConfig();
  const parts = configs.map(([context, text]) => {
    const kc = new KubeConfig();
    kc.loadFromString(text);
    return { cluster: { ...kc.getCurrentCluster()!, name: context }, user: { ...kc.getCurrentUser()!, name: context }, context: { name: context, cluster: context, user: context } };
  });
  out.loadFromOptions({ clusters: parts.map((p) => p.cluster), users: parts.map((p) => p.user), contexts: parts.map((p) => p.context), currentContext: configs[0][0] });
  return out.exportConfig();
}
const kubeconfigA = () => readFileSync(path.join(inject("clusterDir"), "berth.kubeconfig"), "utf8");

const spec = (name: string) => ({ name, image: "nginx:1.27-alpine", replicas: 1 });

describe("a second cluster", () => {
  const name = uniqueName("c");

  it("is imported from a context of the console's own KUBECONFIG, the console's own context shown as registered", async () => {
    // A console started with a KUBECONFIG of two contexts: its own cluster (current) and B.
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "berth-kubeconfig-")), "config");
    writeFileSync(file, merged([["berth-local", kubeconfigA()], ["b-ctx", kubeconfigB]]), { mode: 0o600 });
    const a = await createUser({ platformAdmin: true });
    const own = await loggedInAt((await extraConsole({ KUBECONFIG: file })).url, a.email, a.password);
    const listed = await own.call("POST", "/api/clusters/contexts", {});
    expect(listed.status, JSON.stringify(listed.body)).toBe(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ context: "berth-local", current: true, cluster: "local" }), // the console's own: its name stays "local"
      expect.objectContaining({ context: "b-ctx", current: false, cluster: null }),
    ]);
    expect((await (await loggedIn(a.email, a.password)).call("POST", "/api/clusters/contexts", {})).body.items).toEqual([]); // the tests' console has no KUBECONFIG
    const imported = await own.call("POST", "/api/clusters", { name: `${name}-own`, displayName: "B (imported)", context: "b-ctx" });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    expect(imported.body.health).toMatchObject({ reachable: true, nodes: 1 }); // B's one node, not the console's own cluster
    expect((await own.call("POST", "/api/clusters", { name: `${name}-x`, displayName: "again", context: "b-ctx" })).status).toBe(409); // one cluster, one name
    expect((await own.call("POST", "/api/clusters", { name: `${name}-x`, displayName: "none", context: "nope" })).body.error.message).toBe("This kubeconfig has no context named nope.");
    expect((await own.call("DELETE", `/api/clusters/${name}-own`)).status).toBe(204); // gone again: the next test adds B by pasting
  });

  it("is added by a platform admin from its kubeconfig, after a test says what it runs; others may not", async () => {
    const test = await admin.call("POST", "/api/clusters/test", { kubeconfig: kubeconfigB });
    expect(test.status, JSON.stringify(test.body)).toBe(200);
    expect(test.body).toMatchObject({ version: "v1.37.2", nodes: 1, missing: [] });
    expect((await dev.call("POST", "/api/clusters", { name, displayName: "Cluster B", kubeconfig: kubeconfigB })).status).toBe(403);
    const bad = await admin.call("POST", "/api/clusters", { name, displayName: "Cluster B", kubeconfig: "not: a kubeconfig" });
    expect(bad.status).toBe(400);
    // A person's kubeconfig with several contexts: its contexts are listed, only the chosen one is kept.
    const both = merged([["here", kubeconfigA()], ["there", kubeconfigB]]);
    const contexts = await admin.call("POST", "/api/clusters/contexts", { kubeconfig: both });
    expect(contexts.body.items).toEqual([expect.objectContaining({ context: "here", current: true, cluster: "local" }), expect.objectContaining({ context: "there", current: false, cluster: null })]);
    const r = await admin.call("POST", "/api/clusters", { name, displayName: "Cluster B", kubeconfig: both, context: "there" });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.health).toMatchObject({ nodes: 1 }); // B, not the current context (the console's own cluster)
    const again = await admin.call("POST", "/api/clusters", { name: `${name}-2`, displayName: "B again", kubeconfig: kubeconfigB });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(`The cluster at ${r.body.health.server} is already registered, as ${name}.`);
    expect(JSON.stringify(r.body)).not.toContain("token");
    const list = await admin.call("GET", "/api/clusters");
    const b = list.body.items.find((c: { name: string }) => c.name === name);
    expect(b).toMatchObject({ displayName: "Cluster B", source: "kubeconfig", health: { reachable: true, nodes: 1 } });
    expect(JSON.stringify(list.body)).not.toMatch(/kubeconfigEnc|certificate-authority|token/);
    expect(list.body.items.map((c: { name: string }) => c.name)).toContain("local");
    // Everyone sees the names (the header's picker), never the health or the connection.
    expect((await dev.call("GET", "/api/clusters")).body.items).toContainEqual({ name, displayName: "Cluster B" });

    // Renamed for people; a new kubeconfig is checked like a new cluster's, and a bad one changes nothing.
    expect((await admin.call("PUT", `/api/clusters/${name}`, { displayName: "Staging B" })).body).toMatchObject({ name, displayName: "Staging B" });
    const unreachable = kubeconfigB.replace(/server: https:\/\/127\.0\.0\.1:\d+/, "server: https://127.0.0.1:1");
    const refused = await admin.call("PUT", `/api/clusters/${name}`, { kubeconfig: unreachable });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toMatch(/^cannot reach the cluster at https:\/\/127\.0\.0\.1:1/);
    expect((await admin.call("PUT", `/api/clusters/${name}`, { kubeconfig: kubeconfigB })).status).toBe(200);
    expect((await admin.call("GET", "/api/clusters")).body.items.find((c: { name: string }) => c.name === name).health.reachable).toBe(true);
  });

  it("holds a namespace of the team; apps deployed there are on B only, and every route finds them there", async () => {
    const r = await admin.call("POST", `/api/teams/${slug}/namespaces`, { name: nsB, cluster: name });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const listed = (await dev.call("GET", `/api/teams/${slug}/namespaces`)).body.items;
    expect(listed).toEqual(expect.arrayContaining([expect.objectContaining({ name: nsA, cluster: "local" }), expect.objectContaining({ name: nsB, cluster: name })]));
    await adminB().makeApiClient(CoreV1Api).readNamespace({ name: nsB }); // on B …
    await expect(adminKubeConfig().makeApiClient(CoreV1Api).readNamespace({ name: nsB })).rejects.toThrow(); // … not on A

    expect((await dev.call("POST", `/api/namespaces/${nsA}/apps`, { spec: spec("web-a") })).status).toBe(201);
    expect((await dev.call("POST", `/api/namespaces/${nsB}/apps`, { spec: spec("web-b") })).status).toBe(201);
    await adminB().makeApiClient(AppsV1Api).readNamespacedDeployment({ name: "web-b", namespace: nsB });
    await adminKubeConfig().makeApiClient(AppsV1Api).readNamespacedDeployment({ name: "web-a", namespace: nsA });

    const apps = await dev.call("GET", `/api/namespaces/${nsB}/apps`);
    expect(apps.body.items.map((a: { name: string }) => a.name)).toEqual(["web-b"]);
    expect((await dev.call("GET", `/api/namespaces/${nsB}/apps/web-b`)).status).toBe(200);
    expect((await dev.call("GET", `/api/namespaces/${nsB}/apps/web-a`)).status).toBe(404);
    const scaled = await dev.call("PUT", `/api/namespaces/${nsB}/apps/web-b/scale`, { replicas: 2 });
    expect(scaled.status, JSON.stringify(scaled.body)).toBeLessThan(300);
    expect((await adminB().makeApiClient(AppsV1Api).readNamespacedDeployment({ name: "web-b", namespace: nsB })).spec!.replicas).toBe(2);

    // The clusters side by side count what runs on each (B: web-b and its two pods).
    await eventually("B's pods to be counted", async () => {
      const h = (await admin.call("GET", "/api/clusters")).body.items.find((c: { name: string }) => c.name === name).health;
      return h.apps === 1 && h.pods === 2;
    });

    // The team's audit log says on which cluster each change was made.
    const audit = (await dev.call("GET", `/api/teams/${slug}/audit?action=app.&limit=200`)).body.items as { action: string; target: string; cluster: string | null }[];
    expect(audit).toContainEqual(expect.objectContaining({ action: "app.deploy", target: `${nsB}/web-b`, cluster: name }));
    expect(audit).toContainEqual(expect.objectContaining({ action: "app.scale", target: `${nsB}/web-b`, cluster: name }));
    expect(audit).toContainEqual(expect.objectContaining({ action: "app.deploy", target: `${nsA}/web-a`, cluster: "local" }));
    expect((await dev.call("GET", `/api/teams/${slug}/audit?cluster=${name}&limit=200`)).body.items.every((e: { cluster: string }) => e.cluster === name)).toBe(true);

    // The stream of B's namespace: a snapshot with B's app, and B's change.
    const events = await readEvents(`/api/namespaces/${nsB}/stream`, dev.cookie, (evs) => evs.some((e) => e.event === "snapshot"));
    const snap = events.events.find((e) => e.event === "snapshot")!;
    expect((snap.data as { apps: { name: string }[] }).apps.map((a) => a.name)).toEqual(["web-b"]);
  });

  it("holds the team's limits of its own when a platform admin sets them apart, else the team's", async () => {
    const o = await createUser();
    expect((await admin.call("POST", `/api/teams/${slug}/members`, { email: o.email, role: "owner" })).status).toBe(201);
    const owner = await loggedIn(o.email, o.password);
    const seen = await owner.call("GET", `/api/teams/${slug}/limits`);
    expect(seen.body.clusters).toEqual(expect.arrayContaining([expect.objectContaining({ cluster: name, own: false, limits: expect.objectContaining({ cpu: "32" }), reserved: expect.objectContaining({ cpu: 8, namespaces: 1 }) })]));

    const apart = { cpu: "10", memory: "40Gi", pods: 300, storage: "200Gi" };
    expect((await owner.call("PUT", `/api/teams/${slug}/limits/${name}`, apart)).status).toBe(403);
    const set = await admin.call("PUT", `/api/teams/${slug}/limits/${name}`, apart);
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.clusters.find((c: { cluster: string }) => c.cluster === name)).toMatchObject({ own: true, limits: apart });
    expect(set.body.clusters.find((c: { cluster: string }) => c.cluster === "local")).toMatchObject({ own: false, limits: expect.objectContaining({ cpu: "32" }) });

    // On B: nsB reserves 8 of its 10 CPUs; 4 more do not fit (the team's own 32 would have), 2 do.
    const quota = (cpu: string) => ({ quota: { cpu, memory: "1Gi", pods: 10, storage: "10Gi" } });
    const big = await owner.call("POST", `/api/teams/${slug}/namespaces`, { name: uniqueName("b4"), cluster: name, limits: quota("4") });
    expect(big.status).toBe(422);
    expect(big.body.error.message).toBe(`Team ${slug} may reserve at most 10 of CPU in its namespaces on cluster ${name}; with this change they would reserve 12. Ask a platform admin to raise the team's limit.`);
    expect((await owner.call("POST", `/api/teams/${slug}/namespaces`, { name: uniqueName("b2"), cluster: name, limits: quota("2") })).status).toBe(201);

    // Back to the team's own: 4 more fit on B again.
    const reset = await admin.call("DELETE", `/api/teams/${slug}/limits/${name}`);
    expect(reset.body.clusters.find((c: { cluster: string }) => c.cluster === name)).toMatchObject({ own: false, reserved: expect.objectContaining({ cpu: 10, namespaces: 2 }) });
    expect((await owner.call("POST", `/api/teams/${slug}/namespaces`, { name: uniqueName("b4"), cluster: name, limits: quota("4") })).status).toBe(201);
  });

  it("cannot be removed while namespaces live there; the console's own cluster never", async () => {
    const r = await admin.call("DELETE", `/api/clusters/${name}`);
    expect(r.status).toBe(409);
    expect(r.body.error.message).toContain(nsB);
    expect((await admin.call("DELETE", "/api/clusters/local")).status).toBe(409);
  });

  it("stopped, its namespace says the cluster cannot be reached, while the first keeps working", async () => {
    B.down();
    const b = await eventually("B's namespace to report the cluster unreachable", async () => {
      const x = await dev.call("GET", `/api/namespaces/${nsB}/apps/web-b`);
      return x.status === 503 ? x : undefined;
    }, 60_000, 1000);
    expect(b.body.error.code).toBe("cluster_unreachable");
    expect(b.body.error.message).toMatch(/cannot reach the cluster at https:\/\/127\.0\.0\.1:\d+/);
    const a = await dev.call("GET", `/api/namespaces/${nsA}/apps`);
    expect(a.status).toBe(200);
    expect(a.body.items.map((x: { name: string }) => x.name)).toEqual(["web-a"]);
    const health = (await admin.call("GET", "/api/clusters")).body.items.find((c: { name: string }) => c.name === name).health;
    expect(health.reachable).toBe(false);
    // Its namespace is read-only: a change is refused at once, saying why; the first cluster's namespace still takes changes.
    const refused = await eventually("a change in B's namespace to be refused as read-only", async () => {
      const x = await dev.call("PUT", `/api/namespaces/${nsB}/apps/web-b/scale`, { replicas: 1 });
      return x.status === 503 && /read-only/.test(x.body.error.message) ? x : undefined;
    }, 30_000, 1000);
    expect(refused.body.error.message).toMatch(new RegExp(`^Namespace ${nsB} is read-only while its cluster Staging B cannot be reached \\(cannot reach the cluster at https://127\\.0\\.0\\.1:\\d+: connection refused`));
    expect((await dev.call("PUT", `/api/namespaces/${nsA}/apps/web-a/scale`, { replicas: 2 })).status).toBeLessThan(300);
    const audit = (await dev.call("GET", `/api/teams/${slug}/audit?action=app.scale&limit=200`)).body.items;
    expect(audit).toContainEqual(expect.objectContaining({ target: `${nsB}/web-b`, result: "failed", detail: expect.stringContaining("read-only") }));
  });
});
