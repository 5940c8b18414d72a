// A LIST that never finishes must not hang the namespace: a TCP proxy in front of the real
// apiserver cuts (or stalls) the first big pods LIST halfway; the request answers 503 with the
// reason within the timeout, and the next one succeeds once the proxy behaves. The same proxy
// counts connections: a LIST's pages, the LISTs after it, and typed calls (as Berth and as a
// person) reuse kept-open connections (lib/k8s/connections.ts); a read whose kept connection
// is reset under it is asked again on a new one, a write is not.
import { CoreV1Api, KubeConfig, type V1Pod } from "@kubernetes/client-node";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loggedIn } from "../../scripts/http-client";
import { closedUnder, PooledKubeConfig } from "../../lib/k8s/connections";
import { impersonate, teamGroup } from "../../lib/k8s/impersonate";
import { listPages } from "../../lib/k8s/raw-list";
import { adminKubeConfig } from "../support/cluster";
import { extraConsole, stopExtraConsoles } from "../support/console";
import { teamWithNamespace } from "../support/teams";

/** Bytes one connection may carry towards Berth before a "cut" or "stall" proxy acts: more than the small calls, less than the pods LIST. */
const ACT_AFTER = 96 * 1024;
let mode: "pass" | "cut" | "stall" = "pass";
const sockets = new Set<net.Socket>();
let proxy: net.Server;
/** Connections the proxy accepted. */
let accepted = 0;
let consoleUrl: string;
let t: Awaited<ReturnType<typeof teamWithNamespace>>;
const namespaces: string[] = [];
/** The pods only need to exist: they take (almost) nothing from the simulated nodes. */
const TINY = { requests: { cpu: "1m", memory: "1Mi" }, limits: { cpu: "1m", memory: "1Mi" } };

beforeAll(async () => {
  t = await teamWithNamespace({ pods: 100 });
  namespaces.push(t.namespace);
  // 40 pods with 4 KB of annotations each: the pods LIST is larger than ACT_AFTER
  const core = adminKubeConfig().makeApiClient(CoreV1Api);
  await Promise.all(Array.from({ length: 40 }, (_, i) => core.createNamespacedPod({ namespace: t.namespace, body: { metadata: { name: `p-${i}`, annotations: { padding: "x".repeat(4096) } }, spec: { containers: [{ name: "c", image: "busybox", resources: TINY }] } } })));

  const apiserver = new URL(adminKubeConfig().getCurrentCluster()!.server);
  proxy = net.createServer((client) => {
    accepted++;
    const upstream = net.connect(Number(apiserver.port), apiserver.hostname);
    sockets.add(client).add(upstream);
    let down = 0;
    client.pipe(upstream);
    upstream.on("data", (chunk: Buffer) => {
      down += chunk.length;
      if (mode !== "pass" && down > ACT_AFTER) {
        if (mode === "cut") {
          client.destroy();
          upstream.destroy();
        }
        return; // stall: what the apiserver sends is never passed on
      }
      client.write(chunk);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", end).on("close", end);
    // a stalled connection stays open and silent towards Berth, even after the apiserver is done
    upstream.on("error", end).on("close", () => (mode === "stall" && down > ACT_AFTER ? undefined : end()));
  });
  await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
  const port = (proxy.address() as net.AddressInfo).port;
  const dir = mkdtempSync(path.join(os.tmpdir(), "berth-proxy-kc-"));
  const kubeconfig = path.join(dir, "kubeconfig");
  writeFileSync(kubeconfig, readFileSync(path.join(inject("clusterDir"), "berth.kubeconfig"), "utf8").replace(`${apiserver.hostname}:${apiserver.port}`, `127.0.0.1:${port}`));
  consoleUrl = (await extraConsole({ KUBECONFIG: kubeconfig, BERTH_KUBE_LIST_TIMEOUT_MS: "3000" })).url;
}, 120_000);
afterAll(async () => {
  await stopExtraConsoles();
  const core = adminKubeConfig().makeApiClient(CoreV1Api);
  await Promise.all(namespaces.map((name) => core.deleteNamespace({ name }).catch(() => undefined)));
  sockets.forEach((s) => s.destroy());
  proxy?.close();
});

const cutConnections = () => sockets.forEach((s) => s.destroy());

describe("a LIST that breaks off", () => {
  it("answers 503 with the reason when the connection is cut mid-body, then recovers", async () => {
    const dev = await loggedIn(consoleUrl, t.user.email, t.user.password);
    cutConnections(); // start from fresh connections: the byte count is per connection
    mode = "cut";
    const started = Date.now();
    const r = await dev.call("GET", `/api/namespaces/${t.namespace}/pods`);
    expect(r.status, JSON.stringify(r.body)).toBe(503);
    expect(r.body.error.message).toMatch(new RegExp(`LIST /api/v1/namespaces/${t.namespace}/pods`));
    expect(Date.now() - started).toBeLessThan(10_000);
    mode = "pass";
    const ok = await dev.call("GET", `/api/namespaces/${t.namespace}/pods?limit=100`);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.items).toHaveLength(40);
  });

  it("answers 503 within the timeout when the answer stalls, then recovers", async () => {
    const dev = await loggedIn(consoleUrl, t.user.email, t.user.password);
    // a new namespace, so its cache starts (and LISTs) again
    const t2 = await teamWithNamespace({ pods: 100 });
    namespaces.push(t2.namespace);
    const core = adminKubeConfig().makeApiClient(CoreV1Api);
    await Promise.all(Array.from({ length: 40 }, (_, i) => core.createNamespacedPod({ namespace: t2.namespace, body: { metadata: { name: `p-${i}`, annotations: { padding: "x".repeat(4096) } }, spec: { containers: [{ name: "c", image: "busybox", resources: TINY }] } } })));
    const dev2 = await loggedIn(consoleUrl, t2.user.email, t2.user.password);
    cutConnections();
    mode = "stall";
    const started = Date.now();
    const r = await dev2.call("GET", `/api/namespaces/${t2.namespace}/pods`);
    const took = Date.now() - started;
    expect(r.status, JSON.stringify(r.body)).toBe(503);
    expect(r.body.error.message).toContain("no complete answer within 3 s");
    expect(took).toBeLessThan(8_000);
    mode = "pass";
    cutConnections();
    const ok = await dev2.call("GET", `/api/namespaces/${t2.namespace}/pods?limit=100`);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.items).toHaveLength(40);
    expect((await dev.call("GET", `/api/namespaces/${t.namespace}/pods?limit=100`)).status).toBe(200);
  });
});

/** The cluster's admin connection, through a proxy (the counting one above unless another port is given). */
function viaProxy(port = (proxy.address() as net.AddressInfo).port): KubeConfig {
  const admin = adminKubeConfig();
  const cluster = admin.getCurrentCluster()!;
  const kc = new KubeConfig();
  kc.loadFromOptions({ clusters: [{ ...cluster, server: `https://127.0.0.1:${port}` }], users: admin.users, contexts: admin.contexts, currentContext: admin.currentContext });
  return kc;
}

/**
 * A TCP proxy of one test's own before the real apiserver: it counts the connections it accepts
 * (`opened`), knows the open ones (`open`), and after `resetAtNextRequest()` resets those open
 * then at their next request, which never reaches the apiserver.
 */
async function ownProxy() {
  const apiserver = new URL(adminKubeConfig().getCurrentCluster()!.server);
  const open = new Set<net.Socket>();
  const doomed = new Set<net.Socket>();
  let opened = 0;
  const server = net.createServer((client) => {
    opened++;
    open.add(client);
    const upstream = net.connect(Number(apiserver.port), apiserver.hostname);
    client.on("data", (chunk: Buffer) => {
      if (!doomed.has(client)) return void upstream.write(chunk);
      client.resetAndDestroy();
      upstream.destroy();
    });
    upstream.pipe(client);
    const end = () => (open.delete(client), client.destroy(), upstream.destroy());
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    port: (server.address() as net.AddressInfo).port,
    get opened() {
      return opened;
    },
    open,
    resetAtNextRequest: () => open.forEach((c) => doomed.add(c)),
    close: () => (server.close(), open.forEach((c) => c.destroy())),
  };
}

describe("connections to the apiserver", () => {
  it("reads a LIST's pages, and the next LIST, over kept-alive connections", async () => {
    mode = "pass";
    cutConnections();
    const kc = viaProxy();
    const list = async () => {
      let pages = 0;
      let pods = 0;
      for await (const page of listPages<V1Pod>(kc, `/api/v1/namespaces/${t.namespace}/pods`, 5)) {
        pages++;
        pods += page.items.length;
      }
      return { pages, pods };
    };
    const before = accepted;
    for (let i = 0; i < 3; i++) expect(await list()).toEqual({ pages: 8, pods: 40 });
    // 24 pages asked for; each page's successor is asked for while it is read, so a few run at
    // once, but the connections are reused: without keep-alive, each page took one of its own
    expect(accepted - before).toBeGreaterThanOrEqual(1);
    expect(accepted - before).toBeLessThanOrEqual(12);
  });

  it("makes typed calls, as Berth and as a person, over one kept-open connection (client-node alone: one per call)", async () => {
    // a proxy of its own: the console above also goes through the other one (its watches reconnect when it cuts)
    const own = await ownProxy();
    try {
      const kc = viaProxy(own.port);
      /** New connections for ten reads of one pod each. */
      const connectionsFor = async (k: KubeConfig) => {
        const before = own.opened;
        const core = k.makeApiClient(CoreV1Api);
        for (let i = 0; i < 10; i++) expect((await core.listNamespacedPod({ namespace: t.namespace, limit: 1 })).items).toHaveLength(1);
        return own.opened - before;
      };
      expect(await connectionsFor(kc)).toBe(10); // client-node's own agent: a new connection (and TLS handshake) per call
      const pooled = new PooledKubeConfig(kc);
      expect(await connectionsFor(pooled)).toBe(1);
      const after = own.opened;
      // acting as a person goes over the same connection, and each request is still checked as its own asker
      const person = impersonate(pooled, { user: t.user.email, group: teamGroup(t.slug, "developer") });
      expect(await connectionsFor(person)).toBe(0);
      const asPerson = await person.makeApiClient(CoreV1Api).listNamespacedPod({ namespace: "kube-system", limit: 1 }).then(() => 200, (e: { code?: number }) => e.code);
      expect(asPerson).toBe(403);
      await expect(pooled.makeApiClient(CoreV1Api).listNamespacedPod({ namespace: "kube-system", limit: 1 })).resolves.toHaveProperty("items");
      expect(own.opened).toBe(after); // the refusal did not cost the connection
    } finally {
      own.close();
    }
  });

  it("asks a read again when its kept connection is reset under it, and never a write", async () => {
    const own = await ownProxy();
    try {
      const pooled = new PooledKubeConfig(viaProxy(own.port));
      const core = pooled.makeApiClient(CoreV1Api);
      expect((await core.listNamespacedPod({ namespace: t.namespace, limit: 1 })).items).toHaveLength(1);
      expect(own.open.size).toBe(1);

      own.resetAtNextRequest();
      const before = own.opened;
      expect((await core.listNamespacedPod({ namespace: t.namespace, limit: 1 })).items).toHaveLength(1);
      expect(own.opened - before).toBe(1); // asked again, on a new connection

      // a write (on the one connection open now) fails with the reason and is not repeated: the ConfigMap was never made
      own.resetAtNextRequest();
      const write = await core.createNamespacedConfigMap({ namespace: t.namespace, body: { metadata: { name: "asked-once" } } }).then(() => null, (e: unknown) => e);
      expect(closedUnder(write), String(write)).toBe(true);
      const read = await core.readNamespacedConfigMap({ namespace: t.namespace, name: "asked-once" }).then(() => 200, (e: { code?: number }) => e.code);
      expect(read).toBe(404);

      // a LIST's first page (lib/k8s/raw-list.ts) the same as a read
      expect(own.open.size).toBe(1);
      own.resetAtNextRequest();
      let pods = 0;
      for await (const page of listPages<V1Pod>(pooled, `/api/v1/namespaces/${t.namespace}/pods`, 5)) pods += page.items.length;
      expect(pods).toBe(40);
    } finally {
      own.close();
    }
  });
});
