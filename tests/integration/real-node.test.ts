// The local cluster's real node runs what people deploy through Berth: images Berth built,
// pulled from the local registry by containerd; real probes, restarts, OOM kills, scheduling
// on real capacity, Service names through CoreDNS, NodePorts on this machine, storage that
// outlives a pod, logs of the real process, and a rollout that a missing image really stops.
import { CoreV1Api, RbacAuthorizationV1Api } from "@kubernetes/client-node";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminKubeConfig, eventually } from "../support/cluster";
import type { Client } from "../support/http";
import { containerPids, execIn, httpGetScript, namespaceReaderJar, redisCli, runPod } from "../support/real-node";
import { freeRealNode, teamWithNamespace } from "../support/teams";

const kc = adminKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
let ns: string;
let dev: Client;

/** A tar.gz build context from files (name → content). */
function context(files: Record<string, string>): Buffer {
  const dir = mkdtempSync(path.join(os.tmpdir(), "berth-ctx-"));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  const out = path.join(os.tmpdir(), `ctx-${Date.now()}-${Math.random().toString(36).slice(2)}.tar.gz`);
  expect(spawnSync("tar", ["-czf", out, "-C", dir, "."]).status).toBe(0);
  return readFileSync(out);
}

/** Builds an image through Berth's API; returns its reference in the local registry. */
async function build(fields: Record<string, string>, file: { bytes: Buffer; name: string }): Promise<string> {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  f.append("file", new Blob([new Uint8Array(file.bytes)]), file.name);
  const res = await dev.call("POST", `/api/namespaces/${ns}/builds`, f);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const b = await eventually(`build ${res.body.id}`, async () => {
    const r = await dev.call("GET", `/api/namespaces/${ns}/builds/${res.body.id}`);
    return ["Succeeded", "Failed", "Cancelled"].includes(r.body?.status) ? r.body : undefined;
  }, 180_000);
  expect(b.status, b.error).toBe("Succeeded");
  return b.image as string;
}

async function deploy(spec: Record<string, unknown>) {
  const r = await dev.call("POST", `/api/namespaces/${ns}/apps`, { spec });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
}

type Detail = { summary: { phase: string; ready: number; desired: number; image: string }; pods: { name: string; phase: string; ready: string; restarts: number; node?: string; reason?: string; lastTermination?: { reason: string; exitCode?: number }; help?: { en: string } }[]; events: { reason: string; message: string; help?: { en: string } }[]; endpoints: { kind: string; address: string; url?: string }[] };

const detail = async (app: string): Promise<Detail> => (await dev.call("GET", `/api/namespaces/${ns}/apps/${app}`)).body;

async function available(app: string, timeoutMs = 120_000): Promise<Detail> {
  return eventually(`${app} to be Available`, async () => {
    const d = await detail(app);
    return d.summary?.phase === "Available" && d.pods.every((p) => p.phase === "Running") ? d : undefined;
  }, timeoutMs, 500);
}

const nodePortOf = (d: Detail) => Number(d.endpoints.find((e) => e.kind === "nodePort")!.address.split(":").pop());

beforeAll(async () => {
  const t = await teamWithNamespace({ realNode: true });
  ns = t.namespace;
  dev = t.member;
  // The app's pods may read their namespace (the namespace-reader test): the default ServiceAccount gets `view` there.
  await kc.makeApiClient(RbacAuthorizationV1Api).createNamespacedRoleBinding({
    namespace: ns,
    body: { metadata: { name: "default-view" }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" }, subjects: [{ kind: "ServiceAccount", name: "default", namespace: ns }] },
  });
}, 600_000);
afterAll(() => freeRealNode(ns));

describe("an app Berth built, on the real node", () => {
  let image: string;
  it("becomes Ready through a real HTTP readiness probe and answers on its NodePort on this machine", async () => {
    image = await build(
      { source: "dockerfile", image: "web:v1" },
      { bytes: context({ Dockerfile: 'FROM busybox:1\nCOPY index.html /www/index.html\nCMD ["httpd", "-f", "-v", "-p", "8080", "-h", "/www"]\n', "index.html": "hello from a real node\n" }), name: "ctx.tar.gz" },
    );
    await deploy({ name: "web", image, replicas: 1, ports: [{ containerPort: 8080 }], exposure: { type: "nodePort", port: 8080 }, probes: { readiness: { type: "http", path: "/", port: 8080, periodSeconds: 1 } } });
    const d = await available("web");
    expect(d.pods[0].node).toBe("berth-node");
    const port = nodePortOf(d);
    // the app page links the NodePort, since the node is this machine
    expect(d.endpoints).toContainEqual({ kind: "nodePort", address: `127.0.0.1:${port}`, url: `http://127.0.0.1:${port}` });
    // kube-proxy programs the NodePort moments after the Service exists
    const res = await eventually("the NodePort to answer", () => fetch(`http://127.0.0.1:${port}/`), 30_000);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("hello from a real node\n");
  });

  it("is reached by another pod by its Service name (cluster DNS) and by its ClusterIP", async () => {
    const svc = await core.readNamespacedService({ name: "web", namespace: ns });
    const byName = await runPod(kc, ns, `${httpGetScript("web", 8080)}; ${httpGetScript(`web.${ns}.svc.cluster.local`, 8080)}; ${httpGetScript(svc.spec!.clusterIP!, 8080)}`);
    expect(byName.phase).toBe("Succeeded");
    expect(byName.log.match(/hello from a real node/g)).toHaveLength(3);
  });

  it("shows the process's own output as its logs (pods/log through the apiserver)", async () => {
    await fetch(`http://127.0.0.1:${nodePortOf(await detail("web"))}/index.html`);
    const r = await eventually("httpd's access line", async () => {
      const l = await dev.call("GET", `/api/namespaces/${ns}/apps/web/logs?tailLines=50`);
      return l.body.lines?.some((x: { text: string }) => /response:200/.test(x.text)) ? l : undefined;
    });
    expect(r.status).toBe(200);
  });

  it("runs exec through the apiserver, while the kubelet refuses a request without credentials", async () => {
    const pod = (await detail("web")).pods[0].name;
    expect(await execIn(kc, ns, pod, "web", ["cat", "/www/index.html"])).toBe("hello from a real node\n");
    const node = await core.readNode({ name: "berth-node" });
    const ip = node.status!.addresses!.find((a) => a.type === "InternalIP")!.address;
    const port = node.status!.daemonEndpoints!.kubeletEndpoint!.Port;
    const status = await new Promise<number>((resolve, reject) =>
      https.get({ host: ip, port, path: `/pods`, rejectUnauthorized: false }, (res) => resolve(res.statusCode ?? 0)).on("error", reject),
    );
    expect(status).toBe(401);
  });

  it("rolls out to a tag that does not exist only as far as the new pod: ImagePullBackOff shown, the old pod serves, rollback restores", async () => {
    const broken = image.replace(/:v1$/, ":does-not-exist");
    expect((await dev.call("PUT", `/api/namespaces/${ns}/apps/web/image`, { image: broken })).status).toBe(200);
    const stuck = await eventually("the new pod to fail pulling", async () => {
      const d = await detail("web");
      return d.pods.some((p) => p.reason === "ImagePullBackOff" || p.reason === "ErrImagePull") ? d : undefined;
    }, 90_000);
    expect(stuck.summary.ready).toBe(1); // the old ReplicaSet's pod still serves
    expect(stuck.pods.find((p) => p.reason === "ImagePullBackOff" || p.reason === "ErrImagePull")!.help?.en).toMatch(/cannot be pulled|Pulling the image failed/);
    expect(await (await fetch(`http://127.0.0.1:${nodePortOf(stuck)}/`)).text()).toBe("hello from a real node\n");
    expect((await dev.call("POST", `/api/namespaces/${ns}/apps/web/rollback`, { revision: 1 })).status).toBe(200);
    const back = await eventually("the rollback", async () => {
      const d = await detail("web");
      return d.summary.image === image && d.pods.length === 1 && d.pods[0].ready === "1/1" ? d : undefined;
    }, 90_000);
    expect(back.summary.phase).toBe("Available");
  });
});

describe("per-replica names of an app with per-replica storage (a StatefulSet)", () => {
  it("resolve through cluster DNS to each replica's pod", async () => {
    await deploy({ name: "kv", image: "busybox:1", replicas: 2, command: ["sleep", "3600"], volumes: [{ type: "pvc", name: "data", mountPath: "/data", size: "64Mi", perReplica: true }] });
    const d = await available("kv", 180_000);
    const pattern = d.endpoints.find((e) => e.kind === "replica")!.address; // kv-<n>.<service>.<ns>.svc.cluster.local
    const ips = await Promise.all([0, 1].map(async (n) => (await core.readNamespacedPod({ name: `kv-${n}`, namespace: ns })).status!.podIP!));
    const out = await runPod(kc, ns, [0, 1].map((n) => `nslookup ${pattern.replace("<n>", String(n))}`).join("; "));
    expect(out.phase).toBe("Succeeded");
    for (const ip of ips) expect(out.log).toContain(`Address: ${ip}`);
  });
});

describe("a Java app reads its own namespace from the apiserver", () => {
  it("with its ServiceAccount token, at https://kubernetes.default.svc", async () => {
    const jar = namespaceReaderJar();
    const image = await build({ source: "artifact", kind: "jar", image: "nsreader:v1" }, { bytes: readFileSync(jar), name: "nsreader.jar" });
    await deploy({ name: "nsreader", image, replicas: 1 });
    const r = await eventually("the program's output", async () => {
      const l = await dev.call("GET", `/api/namespaces/${ns}/apps/nsreader/logs?tailLines=10`);
      return l.body.lines?.find((x: { text: string }) => x.text.startsWith("namespace="));
    }, 120_000);
    expect(r.text).toBe(`namespace=${ns} status=200 sees-kube-root-ca=true`);
  });
});

describe("self-healing", () => {
  it("restarts a container whose process was killed, and the app page says why", async () => {
    await deploy({ name: "heal", image: "busybox:1", replicas: 1, command: ["sh", "-c", "echo started; exec sleep 3600"] });
    const d = await available("heal");
    const pod = await core.readNamespacedPod({ name: d.pods[0].name, namespace: ns });
    const pids = containerPids(pod.status!.containerStatuses![0].containerID!);
    expect(pids.length).toBeGreaterThan(0);
    for (const pid of pids) process.kill(pid, "SIGKILL");
    const after = await eventually("the restart", async () => {
      const x = await detail("heal");
      return x.pods[0]?.restarts >= 1 && x.pods[0].phase === "Running" ? x : undefined;
    }, 60_000, 500);
    expect(after.pods[0].lastTermination).toEqual({ reason: "Error", exitCode: 137 });
    expect(after.pods[0].help?.en).toMatch(/restarted it/);
  });

  it("restarts a container whose liveness probe starts failing", async () => {
    // healthy for 5 s, then /healthz disappears
    await deploy({ name: "flaky", image: "busybox:1", replicas: 1, ports: [{ containerPort: 8080 }], command: ["sh", "-c", "mkdir -p /www && echo ok > /www/healthz && (sleep 5; rm /www/healthz) & exec httpd -f -p 8080 -h /www"], probes: { liveness: { type: "http", path: "/healthz", port: 8080, periodSeconds: 1, failureThreshold: 2 } } });
    const d = await eventually("a liveness restart", async () => {
      const x = await detail("flaky");
      // the kubelet records its events asynchronously: the restart count can be seen before the event that says why
      return x.pods[0]?.restarts >= 1 && x.events.some((e) => e.reason === "Unhealthy") ? x : undefined;
    }, 90_000, 500);
    expect(d.events.find((e) => e.reason === "Unhealthy")?.message).toMatch(/Liveness probe failed/);
  });
});

describe("bin packing on real capacity", () => {
  it("OOM-kills a container over its memory limit, and the app page says so in plain words", async () => {
    await deploy({
      name: "hog",
      image: "busybox:1",
      replicas: 1,
      // 200 MB in a shell variable, under a 32 MiB limit
      command: ["sh", "-c", 'x=$(head -c 200000000 /dev/zero | tr "\\000" a); echo never'],
      resources: { cpuRequest: "50m", memoryRequest: "16Mi", cpuLimit: "500m", memoryLimit: "32Mi" },
    });
    const d = await eventually("an OOM kill", async () => {
      const x = await detail("hog");
      const p = x.pods[0];
      return p && (p.reason === "OOMKilled" || p.lastTermination?.reason === "OOMKilled") ? x : undefined;
    }, 90_000, 500);
    expect(d.pods[0].help?.en).toBe("The container used more memory than its limit and was stopped: raise the memory limit or reduce usage.");
  });

  it("leaves a pod that asks for more CPU than the node has Pending, with the scheduler's reason", async () => {
    await deploy({ name: "greedy", image: "busybox:1", replicas: 1, command: ["sleep", "3600"], resources: { cpuRequest: "32", memoryRequest: "16Mi", cpuLimit: "32", memoryLimit: "32Mi" } });
    const d = await eventually("the scheduler's verdict", async () => {
      const x = await detail("greedy");
      return x.events.find((e) => e.reason === "FailedScheduling") ? x : undefined;
    }, 60_000, 500);
    expect(d.pods[0]).toMatchObject({ phase: "Pending", reason: "Unschedulable" });
    const ev = d.events.find((e) => e.reason === "FailedScheduling")!;
    expect(ev.message).toMatch(/Insufficient cpu/);
  });
});

describe("the seed's Redis, with its own redis.conf and a data volume", () => {
  const password = "seed-s3cret";
  it("answers PONG on its NodePort, honours requirepass from the file, and keeps a key across a pod's deletion", async () => {
    await deploy({
      name: "redis",
      image: "redis:7",
      replicas: 1,
      ports: [{ containerPort: 6379 }],
      command: ["redis-server", "/etc/redis/redis.conf"],
      volumes: [
        { type: "configFiles", name: "config", mountPath: "/etc/redis", files: { "redis.conf": `bind 0.0.0.0\nprotected-mode no\nport 6379\nrequirepass ${password}\nappendonly yes\ndir /data\n` } },
        { type: "pvc", name: "data", mountPath: "/data", size: "1Gi" },
      ],
      exposure: { type: "nodePort", port: 6379 },
      probes: { readiness: { type: "tcp", port: 6379, periodSeconds: 1 } },
    });
    const d = await available("redis", 180_000);
    const port = nodePortOf(d);
    await eventually("the NodePort to answer", async () => !/Connection refused/.test(redisCli(port, ["ping"])) || undefined, 30_000);
    expect(redisCli(port, ["ping"])).toMatch(/NOAUTH/);
    expect(redisCli(port, ["ping"], password)).toBe("PONG");
    expect(redisCli(port, ["set", "greeting", "kept across pods"], password)).toBe("OK");
    const first = d.pods[0].name;
    await core.deleteNamespacedPod({ name: first, namespace: ns });
    await eventually("a new Redis pod", async () => {
      const x = await detail("redis");
      return x.pods.length === 1 && x.pods[0].name !== first && x.pods[0].ready === "1/1" ? x : undefined;
    }, 120_000, 500);
    expect(await eventually("the key back", async () => redisCli(port, ["get", "greeting"], password) === "kept across pods" || undefined, 30_000)).toBe(true);
  });
});

// The test environment is the real node's only tenant here: nothing else may run on it.
it("placed every pod of this namespace on the real node", async () => {
  const pods = await core.listNamespacedPod({ namespace: ns });
  expect(pods.items.length).toBeGreaterThan(0);
  expect(pods.items.every((p) => !p.spec?.nodeName || p.spec.nodeName === "berth-node")).toBe(true);
});
