// `cluster up` starts a real node that changes this machine (iptables, a bridge, mounts,
// cgroups, sysctls); `cluster down` must leave it exactly as it was. Runs on its own
// (npm test runs this project before the shared test cluster starts: one real node per machine).
import { AppsV1Api, CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { down, status, up } from "../../scripts/cluster/cluster";
import { hostState } from "../support/host";

const dir = mkdtempSync(path.join(os.tmpdir(), "berth-host-"));
const saved = process.env.BERTH_CLUSTER_DIR;

async function until<T>(what: string, fn: () => Promise<T | undefined>, ms = 120_000): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}: ${String(last)}`);
}

afterAll(async () => {
  process.env.BERTH_CLUSTER_DIR = dir;
  await down({ quiet: true });
  process.env.BERTH_CLUSTER_DIR = saved;
});

describe("the real node's life on this machine", () => {
  it("runs containers while up, and down leaves no mounts, interfaces, iptables rules, sysctl changes or cgroups behind", async () => {
    const before = hostState();
    process.env.BERTH_CLUSTER_DIR = dir;
    const c = await up({ nodes: 1, quiet: true });
    expect(c.noRealNode, c.noRealNode).toBeUndefined();
    expect(await status()).toBe(true);
    const state = JSON.parse(readFileSync(path.join(dir, "state.json"), "utf8")) as { pids: Record<string, number> };
    expect(Object.keys(state.pids).sort()).toEqual(["containerd", "coredns", "etcd", "kube-apiserver", "kube-controller-manager", "kube-proxy", "kube-scheduler", "kubelet", "kwok", "metrics-server", "registry"]);

    // Something that uses every part: a pod with a Secret volume and a projected token (tmpfs
    // mounts), a hostPort (portmap's chains) and a NodePort Service (kube-proxy's rules).
    const kc = new KubeConfig();
    kc.loadFromFile(c.adminKubeconfig);
    const core = kc.makeApiClient(CoreV1Api);
    const apps = kc.makeApiClient(AppsV1Api);
    await core.createNamespacedSecret({ namespace: "default", body: { metadata: { name: "page" }, stringData: { "index.html": "served for real\n" } } });
    const labels = { app: "page" };
    await apps.createNamespacedDeployment({
      namespace: "default",
      body: {
        metadata: { name: "page" },
        spec: {
          replicas: 1,
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: {
              containers: [{ name: "httpd", image: "busybox:1", command: ["httpd", "-f", "-p", "8080", "-h", "/www"], ports: [{ containerPort: 8080, hostPort: 18080 }], volumeMounts: [{ name: "www", mountPath: "/www" }], readinessProbe: { httpGet: { path: "/", port: 8080 }, periodSeconds: 1 } }],
              volumes: [{ name: "www", secret: { secretName: "page" } }],
            },
          },
        },
      },
    });
    const svc = await core.createNamespacedService({ namespace: "default", body: { metadata: { name: "page" }, spec: { type: "NodePort", selector: labels, ports: [{ port: 80, targetPort: 8080 }] } } });
    const text = await until("the NodePort to answer", async () => {
      const r = await fetch(`http://127.0.0.1:${svc.spec!.ports![0].nodePort}/`);
      return r.ok ? r.text() : undefined;
    });
    expect(text).toBe("served for real\n");
    const during = hostState();
    expect(during.links).toContain("berth0");
    expect(during.iptables.some((l) => l.startsWith(":KUBE-SERVICES"))).toBe(true);
    expect(during.mounts.some((m) => m.startsWith(dir))).toBe(true);

    await down({ quiet: true });
    expect(existsSync(dir)).toBe(false);
    expect(hostState()).toEqual(before);
  });
});
