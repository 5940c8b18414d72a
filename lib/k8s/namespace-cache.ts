// One in-memory cache per namespace, fed by watches (Berth's read-only identity)
// and shared by every browser tab that shows that namespace. It keeps summaries,
// not whole objects. Started on first use; stopped a while after the last
// subscriber leaves. Who may read a namespace is decided per request, as the person.
import type { KubeConfig, V1Deployment, V1Pod, V1StatefulSet } from "@kubernetes/client-node";
import { summarizeDeployment, summarizeStatefulSet, type AppKind, type AppSummary } from "../domain/app-status";
import { summarizePod, type PodSummary } from "../domain/pods";
import { clusterServer } from "./config";
import { toAppError } from "./errors";
import { Informer, type EventType } from "./informer";
import { reportCaches } from "../metrics";
import type { Maybe } from "../maybe";

export type CacheEvent =
  | { kind: "app"; type: EventType; name: string; app?: AppSummary }
  | { kind: "pod"; type: EventType; name: string; pod?: PodSummary }
  /** The watches lost the apiserver (false) or all follow it again (true). */
  | { kind: "status"; connected: boolean };

type Listener = (e: CacheEvent) => void;

const IDLE_MS = 5 * 60_000;

export class NamespaceCache {
  readonly deployments: Informer<V1Deployment, AppSummary>;
  readonly statefulSets: Informer<V1StatefulSet, AppSummary>;
  readonly pods: Informer<V1Pod, PodSummary>;
  /**
   * Apps of both kinds by name. Berth never deploys two of one name; for one made
   * outside Berth, the Deployment is shown (as the app page reads it).
   */
  readonly apps = new Map<string, AppSummary>();
  private listeners = new Set<Listener>();
  /** Names sorted once per add/delete, not per page. */
  private order: { app?: string[]; pod?: string[] } = {};
  /**
   * Pages answered since the last change of their kind, by query: asked again, the same frozen
   * object is answered (route() serializes a frozen answer once; lib/http/route.ts).
   */
  private readonly pages = { app: new Pages<AppSummary>(), pod: new Pages<PodSummary>() };
  private idleTimer?: NodeJS.Timeout;
  lastUsed = Date.now();

  constructor(
    readonly namespace: string,
    kc: KubeConfig,
    private readonly onIdle: () => void,
  ) {
    const emit = (e: CacheEvent) => {
      if (e.kind !== "status") {
        if (e.type !== "MODIFIED") this.order[e.kind] = undefined; // names changed: sort again on next read
        this.pages[e.kind].clear();
      }
      this.listeners.forEach((l) => l(e));
    };
    const lost = new Set<string>();
    const status = (which: string) => (connected: boolean) => {
      const before = lost.size === 0;
      if (connected) lost.delete(which);
      else lost.add(which);
      if (before !== (lost.size === 0)) emit({ kind: "status", connected: lost.size === 0 });
    };
    const appChange = (kind: AppKind) => (type: EventType, name: string, app?: AppSummary) => {
      const shown = this.apps.get(name);
      if (type === "DELETED") {
        if (shown?.kind !== kind) return;
        this.apps.delete(name);
      } else {
        if (shown && shown.kind !== kind && kind === "StatefulSet") return;
        this.apps.set(name, app!);
      }
      emit({ kind: "app", type: type === "DELETED" || shown ? type : "ADDED", name, app });
    };
    const workloads = <W extends V1Deployment | V1StatefulSet>(resource: string, kind: AppKind, reduce: (w: W) => AppSummary) =>
      new Informer<W, AppSummary>({ kc, path: `/apis/apps/v1/namespaces/${namespace}/${resource}`, reduce, key: (w) => w.metadata!.name!, onChange: appChange(kind), onStatus: status(resource) });
    this.deployments = workloads("deployments", "Deployment", summarizeDeployment);
    this.statefulSets = workloads("statefulsets", "StatefulSet", summarizeStatefulSet);
    this.pods = new Informer<V1Pod, PodSummary>({
      kc,
      path: `/api/v1/namespaces/${namespace}/pods`,
      reduce: summarizePod,
      key: (p) => p.metadata!.name!,
      onChange: (type, name, pod) => emit({ kind: "pod", type, name, pod }),
      onStatus: status("pods"),
    });
  }

  private started?: Promise<void>;
  /** Whether the first LISTs are in (a request then waits for nothing). */
  synced = false;

  ready(): Promise<void> {
    this.started ??= Promise.all([this.deployments.start(), this.statefulSets.start(), this.pods.start()]).then(() => {
      this.synced = true;
    });
    return this.started;
  }

  subscribe(l: Listener): () => void {
    this.listeners.add(l);
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    return () => {
      this.listeners.delete(l);
      this.touch();
    };
  }

  /**
   * Marks a use. Costs no timer per request: one idle timer is armed while nobody subscribes,
   * and when it fires it stops the cache only if nothing used it for IDLE_MS, else waits the rest.
   */
  touch() {
    this.lastUsed = Date.now();
    if (this.listeners.size === 0 && !this.idleTimer) this.idleAfter(IDLE_MS);
  }

  private idleAfter(ms: number) {
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (this.listeners.size > 0) return;
      const idle = Date.now() - this.lastUsed;
      if (idle >= IDLE_MS) this.onIdle();
      else this.idleAfter(IDLE_MS - idle);
    }, ms).unref();
  }

  stop() {
    clearTimeout(this.idleTimer);
    this.deployments.stop();
    this.statefulSets.stop();
    this.pods.stop();
  }

  /** A page of pods in name order, of one app's when `app` is given. */
  podPage(limit: number, cursor?: string, app?: string): Page<PodSummary> {
    this.touch();
    return this.pages.pod.get(limit, cursor, app, () => {
      this.order.pod ??= [...this.pods.store.keys()].sort();
      return page(this.order.pod, this.pods.store, limit, cursor, app === undefined ? undefined : (p) => p.app === app);
    });
  }

  /** A page of apps in name order, of those whose name contains `needle` when given. */
  appPage(limit: number, cursor?: string, needle?: string): Page<AppSummary> {
    this.touch();
    return this.pages.app.get(limit, cursor, needle, () => {
      this.order.app ??= [...this.apps.keys()].sort();
      return page(this.order.app, this.apps, limit, cursor, needle === undefined ? undefined : (a) => a.name.includes(needle));
    });
  }
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly cursor?: string;
}

/**
 * The pages of one kind answered since its last change, by query, frozen. Bounded by the items
 * they hold together (a person paging with many cursors cannot make it grow past that: then
 * it starts again empty).
 */
class Pages<T> {
  private readonly byQuery = new Map<string, Page<T>>();
  private items = 0;

  get(limit: number, cursor: string | undefined, filter: string | undefined, make: () => Page<T>): Page<T> {
    const key = JSON.stringify([limit, cursor, filter]);
    let p = this.byQuery.get(key);
    if (!p) {
      const made = make();
      if (this.items + made.items.length > MAX_PAGED_ITEMS) this.clear();
      p = Object.freeze({ ...made, items: Object.freeze(made.items) });
      this.byQuery.set(key, p);
      this.items += made.items.length;
    }
    return p;
  }

  clear() {
    this.byQuery.clear();
    this.items = 0;
  }
}

/** At most this many items in a kind's kept pages (10 pages of the API's largest, 1,000). */
const MAX_PAGED_ITEMS = 10_000;

/**
 * A page in name order; the cursor is the last name of the previous page, so pages
 * stay stable while objects come and go. Finds the start by binary search.
 */
function page<T>(sorted: string[], store: Map<string, T>, limit: number, cursor?: string, filter?: (x: T) => boolean) {
  let lo = 0;
  if (cursor) {
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] <= cursor) lo = mid + 1;
      else hi = mid;
    }
  }
  const items: T[] = [];
  let i = lo;
  let total = 0;
  for (; i < sorted.length && items.length < limit; i++) {
    const x = store.get(sorted[i]);
    if (x !== undefined && (!filter || filter(x))) items.push(x);
  }
  let more = false;
  for (let j = i; !more && j < sorted.length; j++) {
    const x = store.get(sorted[j]);
    more = x !== undefined && (!filter || filter(x));
  }
  if (filter) for (const n of sorted) total += filter(store.get(n)!) ? 1 : 0;
  else total = sorted.length;
  return { items, total, cursor: more ? sorted[i - 1] : undefined };
}

const g = globalThis as unknown as { __berthCaches?: Map<string, NamespaceCache> };

/**
 * The cache of a namespace, started (and synced) on first use with Berth's connection to the
 * namespace's cluster (`kc`; lib/services/clusters.ts). If it cannot start (Berth's identity
 * may not list there, the cluster is down) the error is returned to the request and the next
 * request tries again. Keyed by cluster and namespace. A synced cache is given at once (lib/maybe.ts).
 */
export function namespaceCache(namespace: string, kc: KubeConfig): Maybe<NamespaceCache> {
  const key = `${clusterServer(kc)}|${namespace}`;
  const c = g.__berthCaches?.get(key);
  if (c?.synced) {
    c.touch();
    return c;
  }
  return started(namespace, kc, key);
}

/** The namespace's cache once synced: the one starting, or a new one. */
async function started(namespace: string, kc: KubeConfig, key: string): Promise<NamespaceCache> {
  g.__berthCaches ??= new Map();
  let c = g.__berthCaches.get(key);
  if (!c) {
    reportCaches(() => ({ namespaces: g.__berthCaches!.size, objects: [...g.__berthCaches!.values()].reduce((n, c) => n + c.apps.size + c.pods.store.size, 0) }));
    const created: NamespaceCache = new NamespaceCache(namespace, kc, () => {
      created.stop();
      if (g.__berthCaches!.get(key) === created) g.__berthCaches!.delete(key);
    });
    c = created;
    g.__berthCaches.set(key, c);
  }
  try {
    await c.ready();
  } catch (e) {
    c.stop();
    if (g.__berthCaches.get(key) === c) g.__berthCaches.delete(key);
    throw toAppError(e, clusterServer(kc));
  }
  c.touch();
  return c;
}
