// CPU and memory use over the last hour, sampled by the server: one poller per namespace
// someone is looking at (every viewer shares it) reads the metrics API every 15 s with
// Berth's own identity and keeps each pod's samples in memory; a poller nobody asked for in
// two minutes stops. What a person may see is checked per request, as for everything else.
import type { KubeConfig } from "@kubernetes/client-node";
import type { Actor } from "../auth/actor";
import { parseQuantity } from "../domain/quantity";
import type { AppUsage, Point } from "../domain/usage";
import { readApp } from "../k8s/apps";
import { nodeMetrics, podMetrics, type Usage } from "../k8s/metrics";
import { clusterServer } from "../k8s/config";
import { namespaceCache } from "../k8s/namespace-cache";
import { logEvent } from "../log";
import { namespaceKubeConfig } from "./clusters";
import { namespaceClient } from "./namespace-client";

const SAMPLE_MS = Number(process.env.BERTH_USAGE_SAMPLE_MS ?? 15_000);
const KEEP_MS = 60 * 60 * 1000;
const IDLE_MS = 2 * 60 * 1000;

interface Series {
  cpu: Point[];
  memory: Point[];
}

class Poller {
  readonly series = new Map<string, Series>();
  state: "starting" | "ok" | "unavailable" | "failing" = "starting";
  lastAsked = Date.now();
  private timer?: NodeJS.Timeout;
  private first?: Promise<void>;

  constructor(
    readonly key: string,
    private readonly read: () => Promise<Map<string, Usage> | "unavailable">,
    private readonly onIdle: () => void,
  ) {}

  /** Started on first use; the first sample is awaited so a new viewer sees a value at once. */
  async ready() {
    this.lastAsked = Date.now();
    this.first ??= this.sample().then(() => {
      this.timer = setInterval(() => void this.sample(), SAMPLE_MS);
      this.timer.unref();
    });
    await this.first;
  }

  private async sample() {
    if (Date.now() - this.lastAsked > IDLE_MS) {
      clearInterval(this.timer);
      this.onIdle();
      return;
    }
    try {
      const now = Date.now();
      const read = await this.read();
      if (read === "unavailable") {
        this.state = "unavailable";
        return;
      }
      this.state = "ok";
      for (const [name, u] of read) {
        const s = this.series.get(name) ?? { cpu: [], memory: [] };
        s.cpu.push([now, u.cpu]);
        s.memory.push([now, u.memory]);
        this.series.set(name, s);
      }
      for (const [name, s] of this.series) {
        while (s.cpu.length && s.cpu[0][0] < now - KEEP_MS) s.cpu.shift();
        while (s.memory.length && s.memory[0][0] < now - KEEP_MS) s.memory.shift();
        if (!s.cpu.length) this.series.delete(name);
      }
    } catch (e) {
      this.state = "failing";
      logEvent("warn", "could not read resource metrics", { scope: this.key, reason: (e as Error).message });
    }
  }
}

const g = globalThis as unknown as { __berthUsage?: Map<string, Poller> };

function poller(key: string, read: () => Promise<Map<string, Usage> | "unavailable">): Poller {
  g.__berthUsage ??= new Map();
  let p = g.__berthUsage.get(key);
  if (!p) {
    const made: Poller = new Poller(key, read, () => {
      if (g.__berthUsage!.get(key) === made) g.__berthUsage!.delete(key);
    });
    p = made;
    g.__berthUsage.set(key, p);
  }
  return p;
}

const sumResources = (containers: { resources?: { requests?: Record<string, string>; limits?: Record<string, string> } }[], kind: "requests" | "limits", what: "cpu" | "memory") => {
  let total = 0;
  for (const c of containers) {
    const q = c.resources?.[kind]?.[what];
    if (q === undefined) return undefined; // one container without it: no line to draw
    total += parseQuantity(q) ?? 0;
  }
  return total;
};


/** An app's pods' usage over the last hour, with what each pod requests and may use. */
export async function appUsage(actor: Actor, namespace: string, app: string): Promise<AppUsage> {
  const { kc } = await namespaceClient(actor, namespace, "read");
  const workload = await readApp(kc, namespace, app);
  const containers = workload.spec?.template.spec?.containers ?? [];
  const service = await namespaceKubeConfig(namespace);
  const p = poller(`pods/${clusterServer(service)}/${namespace}`, () => podMetrics(service, namespace));
  const [cache] = await Promise.all([namespaceCache(namespace, service), p.ready()]);
  const pods = [...cache.pods.store.values()].filter((s) => s.app === app);
  return {
    state: p.state,
    sampleSeconds: SAMPLE_MS / 1000,
    pods: pods.map((s) => ({ name: s.name, node: s.node, cpu: p.series.get(s.name)?.cpu ?? [], memory: p.series.get(s.name)?.memory ?? [] })),
    requests: { cpu: sumResources(containers, "requests", "cpu"), memory: sumResources(containers, "requests", "memory") },
    limits: { cpu: sumResources(containers, "limits", "cpu"), memory: sumResources(containers, "limits", "memory") },
  };
}

/** Each node's usage over the last hour on one cluster (the Overview; every signed-in person sees the nodes). */
export async function nodeUsage(service: KubeConfig): Promise<{ state: AppUsage["state"]; nodes: Map<string, Series> }> {
  const p = poller(`nodes/${clusterServer(service)}`, () => nodeMetrics(service));
  await p.ready();
  return { state: p.state, nodes: p.series };
}
