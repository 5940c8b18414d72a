// Several clusters in one console, against two real control planes: the tests' own cluster
// ("local", the console's) and a second, kwok-only one started here. A platform admin adds the
// second by its kubeconfig; one team gets a namespace on each; every route and the stream act
// on the namespace's own cluster; a cluster with namespaces cannot be removed; with the second
// control plane stopped its namespace says the cluster cannot be reached while the first's
// keeps working.
import { AppsV1Api, CoreV1Api } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminKubeConfig, eventually, uniqueName } from "../support/cluster";
import type { Client } from "../support/http";
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
afterAll(() => B.down());

const spec = (name: string) => ({ name, image: "nginx:1.27-alpine", replicas: 1 });

describe("a second cluster", () => {
  const name = uniqueName("c");

  it("is added by a platform admin from its kubeconfig, after a test says what it runs; others may not", async () => {
    const test = await admin.call("POST", "/api/clusters/test", { kubeconfig: kubeconfigB });
    expect(test.status, JSON.stringify(test.body)).toBe(200);
    expect(test.body).toMatchObject({ version: "v1.37.2", nodes: 1, missing: [] });
    expect((await dev.call("POST", "/api/clusters", { name, displayName: "Cluster B", kubeconfig: kubeconfigB })).status).toBe(403);
    const bad = await admin.call("POST", "/api/clusters", { name, displayName: "Cluster B", kubeconfig: "not: a kubeconfig" });
    expect(bad.status).toBe(400);
    const r = await admin.call("POST", "/api/clusters", { name, displayName: "Cluster B", kubeconfig: kubeconfigB });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
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

    // The stream of B's namespace: a snapshot with B's app, and B's change.
    const events = await readEvents(`/api/namespaces/${nsB}/stream`, dev.cookie, (evs) => evs.some((e) => e.event === "snapshot"));
    const snap = events.events.find((e) => e.event === "snapshot")!;
    expect((snap.data as { apps: { name: string }[] }).apps.map((a) => a.name)).toEqual(["web-b"]);
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
  });
});
