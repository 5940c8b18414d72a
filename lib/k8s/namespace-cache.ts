// One in-memory cache per namespace, fed by watches (Berth's read-only identity)
// and shared by every browser tab that shows that namespace. It keeps summaries,
// not whole objects. Started on first use; stopped a while after the last
// subscriber leaves. Who may read a namespace is decided per request, as the person.
import { AppsV1Api, CoreV1Api, type KubeConfig, type V1Deployment, type V1Pod } from "@kubernetes/client-node";
import { summarizeDeployment, type AppSummary } from "../domain/app-status";
import { summarizePod, type PodSummary } from "../domain/pods";
import { serviceKubeConfig } from "./config";
import { Informer, type EventType } from "./informer";

export type CacheEvent =
  | { kind: "app"; type: EventType; name: string; app?: AppSummary }
  | { kind: "pod"; type: EventType; name: string; pod?: PodSummary };

type Listener = (e: CacheEvent) => void;

const IDLE_MS = 5 * 60_000;
const PAGE = 500;

export class NamespaceCache {
  readonly apps: Informer<V1Deployment, AppSummary>;
  readonly pods: Informer<V1Pod, PodSummary>;
  private listeners = new Set<Listener>();
  private idleTimer?: NodeJS.Timeout;
  lastUsed = Date.now();

  constructor(
    readonly namespace: string,
    kc: KubeConfig,
    private readonly onIdle: () => void,
  ) {
    const apps = kc.makeApiClient(AppsV1Api);
    const core = kc.makeApiClient(CoreV1Api);
    const emit = (e: CacheEvent) => this.listeners.forEach((l) => l(e));
    this.apps = new Informer<V1Deployment, AppSummary>({
      kc,
      path: `/apis/apps/v1/namespaces/${namespace}/deployments`,
      list: (cont) => apps.listNamespacedDeployment({ namespace, limit: PAGE, _continue: cont }),
      reduce: summarizeDeployment,
      key: (d) => d.metadata!.name!,
      onChange: (type, name, app) => emit({ kind: "app", type, name, app }),
    });
    this.pods = new Informer<V1Pod, PodSummary>({
      kc,
      path: `/api/v1/namespaces/${namespace}/pods`,
      list: (cont) => core.listNamespacedPod({ namespace, limit: PAGE, _continue: cont }),
      reduce: summarizePod,
      key: (p) => p.metadata!.name!,
      onChange: (type, name, pod) => emit({ kind: "pod", type, name, pod }),
    });
  }

  private started?: Promise<void>;

  ready(): Promise<void> {
    this.started ??= Promise.all([this.apps.start(), this.pods.start()]).then(() => undefined);
    return this.started;
  }

  subscribe(l: Listener): () => void {
    this.listeners.add(l);
    clearTimeout(this.idleTimer);
    return () => {
      this.listeners.delete(l);
      this.touch();
    };
  }

  touch() {
    this.lastUsed = Date.now();
    clearTimeout(this.idleTimer);
    if (this.listeners.size === 0) this.idleTimer = setTimeout(() => this.onIdle(), IDLE_MS).unref();
  }

  stop() {
    clearTimeout(this.idleTimer);
    this.apps.stop();
    this.pods.stop();
  }

  podPage(limit: number, cursor?: string, filter?: (p: PodSummary) => boolean) {
    this.touch();
    return page(this.pods.store, limit, cursor, filter);
  }

  appPage(limit: number, cursor?: string, filter?: (a: AppSummary) => boolean) {
    this.touch();
    return page(this.apps.store, limit, cursor, filter);
  }
}

/** A page sorted by name; the cursor is the last name of the previous page, so pages stay stable while objects come and go. */
function page<T extends { name: string }>(store: Map<string, T>, limit: number, cursor?: string, filter?: (x: T) => boolean) {
  const all = [...store.values()].filter((x) => (filter ? filter(x) : true)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const start = cursor ? all.findIndex((x) => x.name > cursor) : 0;
  const items = start < 0 ? [] : all.slice(start, start + limit);
  const last = items[items.length - 1];
  return { items, total: all.length, cursor: items.length === limit && start + limit < all.length ? last?.name : undefined };
}

const g = globalThis as unknown as { __berthCaches?: Map<string, NamespaceCache> };

/** The cache of a namespace, started (and synced) on first use. */
export async function namespaceCache(namespace: string): Promise<NamespaceCache> {
  g.__berthCaches ??= new Map();
  let c = g.__berthCaches.get(namespace);
  if (!c) {
    c = new NamespaceCache(namespace, serviceKubeConfig(), () => {
      c!.stop();
      g.__berthCaches!.delete(namespace);
    });
    g.__berthCaches.set(namespace, c);
  }
  await c.ready();
  c.touch();
  return c;
}
