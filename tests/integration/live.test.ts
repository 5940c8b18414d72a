// The live side, through the real apiserver: the SSE stream fed by per-namespace
// watches, pods paged from the cache, and pod logs (kwok serves them like a kubelet).
import { gunzipSync } from "node:zlib";
import { AppsV1Api } from "@kubernetes/client-node";
import { beforeAll, describe, expect, it } from "vitest";
import { adminKubeConfig, eventually } from "../support/cluster";
import { rawGet, type Client } from "../support/http";
import { readEvents } from "../support/sse";
import { teamWithNamespace } from "../support/teams";

const apps = adminKubeConfig().makeApiClient(AppsV1Api);
let ns: string;
let dev: Client;
let outsider: Client;

beforeAll(async () => {
  const t = await teamWithNamespace({ pods: 40 });
  ns = t.namespace;
  dev = t.member;
  outsider = (await teamWithNamespace()).member;
  const r = await dev.call("POST", `/api/namespaces/${ns}/apps`, { spec: { name: "api", image: "nginx:1.27", replicas: 3, ports: [{ containerPort: 8080 }] } });
  expect(r.status).toBe(201);
  await eventually("3 ready", async () => ((await apps.readNamespacedDeployment({ name: "api", namespace: ns })).status?.readyReplicas === 3 ? true : undefined));
});

describe("live stream", () => {
  it("sends a snapshot, then the changes the watches see", async () => {
    let scaled = false;
    const r = await readEvents(`/api/namespaces/${ns}/stream?pods=all`, dev.cookie, (events) => {
      if (events.length && !scaled) {
        scaled = true;
        void apps.replaceNamespacedDeploymentScale({ name: "api", namespace: ns, body: { metadata: { name: "api", namespace: ns }, spec: { replicas: 4 } } });
      }
      return events.some((e) => e.event === "app" && e.data.app?.desired === 4 && e.data.app?.ready === 4);
    });
    expect(r.status).toBe(200);
    expect(r.events[0].event).toBe("snapshot");
    expect(r.events[0].data.apps.map((a: { name: string }) => a.name)).toEqual(["api"]);
    expect(r.events[0].data.pods).toHaveLength(3);
    expect(r.events.filter((e) => e.event === "pod" && e.data.type === "ADDED").length).toBeGreaterThanOrEqual(1);
    expect(r.events.at(-1)?.data.app).toMatchObject({ name: "api", desired: 4, ready: 4, phase: "Available" });
  });

  it("sends only the pods the page shows, by owner (app \"api\" does not get the pods of app \"api-gw\")", async () => {
    await apps.createNamespacedDeployment({
      namespace: ns,
      body: { metadata: { name: "api-gw" }, spec: { replicas: 1, selector: { matchLabels: { s: "1" } }, template: { metadata: { labels: { s: "1" } }, spec: { containers: [{ name: "s", image: "busybox" }] } } } },
    });
    await eventually("api-gw running", async () => ((await apps.readNamespacedDeployment({ name: "api-gw", namespace: ns })).status?.readyReplicas === 1 ? true : undefined));
    const none = await readEvents(`/api/namespaces/${ns}/stream`, dev.cookie, (ev) => ev.length > 0);
    expect(none.events[0].data.pods).toEqual([]);
    expect(none.events[0].data.apps.map((a: { name: string }) => a.name).sort()).toEqual(["api", "api-gw"]);
    const gw = await readEvents(`/api/namespaces/${ns}/stream?pods=app&app=api-gw`, dev.cookie, (ev) => ev.length > 0);
    expect(gw.events[0].data.pods.map((p: { name: string; app: string }) => [p.app, p.name])).toEqual([["api-gw", expect.stringMatching(/^api-gw-/)]]);
    const api = await readEvents(`/api/namespaces/${ns}/stream?pods=app&app=api`, dev.cookie, (ev) => ev.length > 0);
    expect(api.events[0].data.pods).toHaveLength(4);
    expect(api.events[0].data.pods.every((p: { name: string; app: string }) => p.app === "api" && !p.name.startsWith("api-gw-"))).toBe(true);
    const detail = (await dev.call("GET", `/api/namespaces/${ns}/apps/api`)).body;
    expect(detail.pods.some((p: { name: string }) => p.name.startsWith("api-gw-"))).toBe(false);
    expect(detail.events.some((e: { object: string }) => e.object.includes("api-gw"))).toBe(false);
    await apps.deleteNamespacedDeployment({ name: "api-gw", namespace: ns });
    await eventually("api-gw's pod gone", async () => ((await dev.call("GET", `/api/namespaces/${ns}/pods?app=api-gw`)).body.total === 0 ? true : undefined));
  });

  it("refuses another team's namespace before opening a stream", async () => {
    const r = await readEvents(`/api/namespaces/${ns}/stream`, outsider.cookie, () => true, 5000);
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe("forbidden");
  });
});

describe("pods from the cache", () => {
  it("pages pods by name and filters by app", async () => {
    await apps.createNamespacedDeployment({
      namespace: ns,
      body: { metadata: { name: "other" }, spec: { replicas: 2, selector: { matchLabels: { x: "o" } }, template: { metadata: { labels: { x: "o" } }, spec: { containers: [{ name: "o", image: "busybox" }] } } } },
    });
    const all = await eventually("6 pods in the cache", async () => {
      const r = await dev.call("GET", `/api/namespaces/${ns}/pods?limit=4`);
      return r.body.total === 6 ? r : undefined;
    });
    expect(all.body.items).toHaveLength(4);
    const rest = await dev.call("GET", `/api/namespaces/${ns}/pods?limit=4&cursor=${all.body.cursor}`);
    expect(rest.body.items).toHaveLength(2);
    expect(rest.body.cursor).toBeUndefined();
    const names = [...all.body.items, ...rest.body.items].map((p: { name: string }) => p.name);
    expect(names).toEqual([...names].sort());
    const onlyApi = await dev.call("GET", `/api/namespaces/${ns}/pods?app=api`);
    expect(onlyApi.body.items).toHaveLength(4);
    expect((await outsider.call("GET", `/api/namespaces/${ns}/pods`)).status).toBe(403);
  });

  it("gzips a page for a client that accepts it (as browsers do), the same page as plain", async () => {
    const get = (headers: Record<string, string>) => rawGet(`/api/namespaces/${ns}/pods`, { cookie: dev.cookie!, ...headers });
    const plain = await get({});
    expect(plain.body.length).toBeGreaterThan(1024); // compressed from 1 KB on
    expect(plain.headers["content-encoding"]).toBeUndefined();
    for (let i = 0; i < 2; i++) {
      // the first answer makes the page's gzip, the second is given the one kept (lib/http/gzip.mjs)
      const zipped = await get({ "accept-encoding": "gzip, deflate, br" });
      expect(zipped.headers["content-encoding"]).toBe("gzip");
      expect(Number(zipped.headers["content-length"])).toBe(zipped.body.length);
      expect(JSON.parse(gunzipSync(zipped.body).toString())).toEqual(JSON.parse(plain.body.toString()));
    }
    // a client that refuses gzip by its q-value gets the page as it is
    const refused = await get({ "accept-encoding": "gzip;q=0, identity" });
    expect(refused.headers["content-encoding"]).toBeUndefined();
    expect(refused.body.equals(plain.body)).toBe(true);
  });

  it("filters apps by name across every page, then pages them", async () => {
    const first = await dev.call("GET", `/api/namespaces/${ns}/apps?limit=1`);
    expect(first.body.items.map((a: { name: string }) => a.name)).toEqual(["api"]);
    expect(first.body.total).toBe(2);
    const second = await dev.call("GET", `/api/namespaces/${ns}/apps?limit=1&cursor=${first.body.cursor}`);
    expect(second.body.items.map((a: { name: string }) => a.name)).toEqual(["other"]);
    expect(second.body.cursor).toBeUndefined();
    const filtered = await dev.call("GET", `/api/namespaces/${ns}/apps?q=OTH&limit=1`);
    expect(filtered.body.items.map((a: { name: string }) => a.name)).toEqual(["other"]);
    expect(filtered.body.cursor).toBeUndefined();
  });
});

describe("pod logs (served by kwok through the apiserver)", () => {
  it("returns a bounded tail of one pod", async () => {
    const pods = (await dev.call("GET", `/api/namespaces/${ns}/pods?app=api`)).body.items;
    const r = await dev.call("GET", `/api/namespaces/${ns}/apps/api/logs?pod=${pods[0].name}&tailLines=5`);
    expect(r.status).toBe(200);
    expect(r.body.lines).toHaveLength(5);
    expect(r.body.lines[4]).toMatchObject({ pod: pods[0].name, text: expect.stringMatching(/^INFO GET \/api\/items\/\d+ 200/) });
    expect(r.body.lines[0].ts).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it("stops at limitBytes", async () => {
    const pods = (await dev.call("GET", `/api/namespaces/${ns}/pods?app=api`)).body.items;
    const r = await dev.call("GET", `/api/namespaces/${ns}/apps/api/logs?pod=${pods[0].name}&tailLines=5000&limitBytes=1024`);
    // the container's own output is what limitBytes bounds (the kubelet adds the timestamps)
    const bytes = r.body.lines.reduce((n: number, l: { text: string }) => n + l.text.length + 1, 0);
    expect(bytes).toBeLessThanOrEqual(1024);
    expect(r.body.lines.length).toBeGreaterThan(3);
  });

  it("merges the logs of all pods of an app by time", async () => {
    const r = await dev.call("GET", `/api/namespaces/${ns}/apps/api/logs?tailLines=12`);
    expect(r.body.pods).toHaveLength(4);
    expect(r.body.lines).toHaveLength(12);
    expect(new Set(r.body.lines.map((l: { pod: string }) => l.pod)).size).toBe(4);
    const stamps = r.body.lines.map((l: { ts: string }) => l.ts);
    expect(stamps).toEqual([...stamps].sort());
  });

  it("follows the logs as server-sent events", async () => {
    const r = await readEvents(`/api/namespaces/${ns}/apps/api/logs?tailLines=2&follow=1`, dev.cookie, (ev) => ev.filter((e) => e.event === "line").length >= 8);
    expect(r.events.filter((e) => e.event === "problem")).toEqual([]);
    expect(r.events[0]).toMatchObject({ event: "pods" });
    expect(r.events.filter((e) => e.event === "line").length).toBeGreaterThanOrEqual(8);
  });

  it("refuses a pod that is not the app's, bad bounds, and other teams", async () => {
    expect((await dev.call("GET", `/api/namespaces/${ns}/apps/api/logs?pod=other-123`)).status).toBe(404);
    expect((await dev.call("GET", `/api/namespaces/${ns}/apps/api/logs?tailLines=999999`)).status).toBe(400);
    expect((await dev.call("GET", `/api/namespaces/${ns}/apps/api/logs?limitBytes=10`)).status).toBe(400);
    expect((await outsider.call("GET", `/api/namespaces/${ns}/apps/api/logs`)).status).toBe(403);
  });
});
