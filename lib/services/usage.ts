// CPU and memory use over the last hour, sampled by the server: one poller per namespace
// someone is looking at (every viewer shares it) reads the metrics API every 15 s with
// Berth's own identity and keeps each pod's samples in memory; an app page's stream gets each
// new sample as it is taken; a poller nobody follows or asked for in two minutes stops. What a
// person may see is checked per request (and per stream), as for everything else.
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
  /** Streams following it: told after every sample, and it keeps sampling while there is one. */
  private readonly listeners = new Set<() => void>();

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

  listen(l: () => void): () => void {
    this.lastAsked = Date.now(); // not stopped as idle between being found and being followed
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  private async sample() {
    if (this.listeners.size === 0 && Date.now() - this.lastAsked > IDLE_MS) {
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
    for (const l of this.listeners) l();
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


type Resources = Pick<AppUsage, "requests" | "limits">;

/** What each of the app's pods requests and may use (from its pod template), read as the person. */
async function appResources(actor: Actor, namespace: string, app: string): Promise<Resources> {
  const { kc } = await namespaceClient(actor, namespace, "read");
  const containers = (await readApp(kc, namespace, app)).spec?.template.spec?.containers ?? [];
  return {
    requests: { cpu: sumResources(containers, "requests", "cpu"), memory: sumResources(containers, "requests", "memory") },
    limits: { cpu: sumResources(containers, "limits", "cpu"), memory: sumResources(containers, "limits", "memory") },
  };
}

/** The namespace's pod poller, and its cache (which pods belong to the app). */
async function podsSampled(namespace: string) {
  const service = await namespaceKubeConfig(namespace);
  const p = poller(`pods/${clusterServer(service)}/${namespace}`, () => podMetrics(service, namespace));
  const cache = await namespaceCache(namespace, service);
  return { p, cache };
}

function usageOf({ p, cache }: Awaited<ReturnType<typeof podsSampled>>, app: string, resources: Resources): AppUsage {
  const pods = [...cache.pods.store.values()].filter((s) => s.app === app);
  return { state: p.state, sampleSeconds: SAMPLE_MS / 1000, pods: pods.map((s) => ({ name: s.name, node: s.node, cpu: p.series.get(s.name)?.cpu ?? [], memory: p.series.get(s.name)?.memory ?? [] })), ...resources };
}

/** An app's pods' usage over the last hour, with what each pod requests and may use. */
export async function appUsage(actor: Actor, namespace: string, app: string): Promise<AppUsage> {
  const resources = await appResources(actor, namespace, app);
  const sampled = await podsSampled(namespace);
  await sampled.p.ready();
  return usageOf(sampled, app, resources);
}

/**
 * An app's usage for its page's stream: sent once it is known, then after every sample of the
 * namespace's poller, until the returned stop. Its requests and limits are read again (as the
 * person) at most once a minute; `fail` gets why there is none (no such app, no access).
 */
export function followAppUsage(actor: Actor, namespace: string, app: string, send: (u: AppUsage) => void, fail: (message: string) => void): () => void {
  let stopped = false;
  let unlisten = () => {};
  void (async () => {
    let resources = await appResources(actor, namespace, app);
    let readAt = Date.now();
    const sampled = await podsSampled(namespace);
    const emit = async () => {
      if (Date.now() - readAt > 60_000) {
        resources = await appResources(actor, namespace, app).catch(() => resources);
        readAt = Date.now();
      }
      if (!stopped) send(usageOf(sampled, app, resources));
    };
    if (stopped) return;
    unlisten = sampled.p.listen(() => void emit().catch(() => undefined));
    await sampled.p.ready();
    await emit();
  })().catch((e: unknown) => {
    if (!stopped) fail((e as Error).message);
  });
  return () => {
    stopped = true;
    unlisten();
  };
}

/** Each node's usage over the last hour on one cluster (the Overview; every signed-in person sees the nodes). */
export async function nodeUsage(service: KubeConfig): Promise<{ state: AppUsage["state"]; nodes: Map<string, Series> }> {
  const p = poller(`nodes/${clusterServer(service)}`, () => nodeMetrics(service));
  await p.ready();
  return { state: p.state, nodes: p.series };
}
