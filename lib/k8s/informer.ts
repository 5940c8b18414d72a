// A small informer in client-go's sense: LIST (paged) then WATCH from the list's
// resourceVersion with bookmarks, keeping a cache of reduced objects; when the
// watch ends it resumes from the last resourceVersion, and on 410 Gone (history
// compacted) it lists again. https://kubernetes.io/docs/reference/using-api/api-concepts/#efficient-detection-of-changes
import { Watch, type KubeConfig } from "@kubernetes/client-node";
import { metrics } from "../metrics";
import { PAGE } from "./paging";
import { listPages } from "./raw-list";

export type EventType = "ADDED" | "MODIFIED" | "DELETED";

export interface InformerOptions<R, T> {
  kc: KubeConfig;
  /** e.g. /api/v1/namespaces/x/pods */
  path: string;
  /** Items per LIST page (default PAGE): plain JSON pages from `path`, the next asked for while one is read (bounds the transient memory of a relist). */
  pageSize?: number;
  /** What is kept per object: a summary, so memory follows what is shown (no managedFields). */
  reduce: (raw: R) => T;
  key: (raw: R) => string;
  /** The new value; for DELETED, the last one known (so listeners can tell what went). */
  onChange: (type: EventType, key: string, value: T | undefined) => void;
  onResync?: () => void;
  onError?: (e: unknown) => void;
  /** The watch lost its connection (false) or has one again (true), after the first LIST. */
  onStatus?: (connected: boolean) => void;
}

export class Informer<R, T> {
  readonly store = new Map<string, T>();
  private resourceVersion = "";
  private abort?: AbortController;
  private stopped = false;
  private synced: Promise<void>;
  private markSynced!: () => void;
  private failSync!: (e: unknown) => void;
  private hasSynced = false;
  private retryMs = 500;
  private connected = true;
  /** pods, deployments … (the last part of the path), for the metrics. */
  private get resource() {
    return this.o.path.split("/").pop() ?? "";
  }

  private setConnected(c: boolean) {
    if (c === this.connected) return;
    this.connected = c;
    this.o.onStatus?.(c);
  }

  constructor(private readonly o: InformerOptions<R, T>) {
    this.synced = new Promise((resolve, reject) => {
      this.markSynced = () => {
        this.hasSynced = true;
        resolve();
      };
      this.failSync = reject;
    });
    this.synced.catch(() => undefined); // a failed start is reported through start()
  }

  /** Lists, then keeps watching; resolves once the first LIST is in, rejects if it fails. */
  start(): Promise<void> {
    void this.run();
    return this.synced;
  }

  whenSynced(): Promise<void> {
    return this.synced;
  }

  stop() {
    this.stopped = true;
    this.abort?.abort();
  }

  private async relist() {
    metrics().relists.inc({ resource: this.resource });
    const fresh = new Map<string, T>();
    let rv = "";
    for await (const page of listPages<R>(this.o.kc, this.o.path, this.o.pageSize ?? PAGE)) {
      for (const item of page.items) fresh.set(this.o.key(item), this.o.reduce(item));
      rv = page.metadata?.resourceVersion ?? rv;
    }
    // Report what changed while we were not watching, then swap the store.
    for (const [k, v] of this.store) if (!fresh.has(k)) this.o.onChange("DELETED", k, v);
    for (const [k, v] of fresh) this.o.onChange(this.store.has(k) ? "MODIFIED" : "ADDED", k, v);
    this.store.clear();
    for (const [k, v] of fresh) this.store.set(k, v);
    this.resourceVersion = rv;
    this.o.onResync?.();
  }

  private async run() {
    while (!this.stopped) {
      try {
        if (!this.resourceVersion) await this.relist();
        this.markSynced();
        const ended = await this.watchOnce();
        if (ended === "gone") {
          this.resourceVersion = ""; // 410: our resourceVersion is too old
          metrics().gone.inc({ resource: this.resource });
        }
        this.retryMs = 500;
      } catch (e) {
        this.o.onError?.(e);
        if (!this.hasSynced) {
          // The first LIST failed (no access, no such resource, cluster down): say so to
          // whoever waits instead of retrying forever behind their request.
          this.stopped = true;
          this.failSync(e);
          return;
        }
        if ((e as { code?: number }).code === 410 || (e as { statusCode?: number }).statusCode === 410) this.resourceVersion = "";
        else this.setConnected(false);
        // at most 2 s between tries: once the apiserver is back, the view catches up within seconds
        await new Promise((r) => setTimeout(r, this.retryMs));
        this.retryMs = Math.min(this.retryMs * 2, 2_000);
      }
    }
  }

  private watchOnce(): Promise<"closed" | "gone"> {
    const timeoutSeconds = 240 + Math.floor(Math.random() * 60);
    return new Promise<"closed" | "gone">((resolve, reject) => {
      let gone = false;
      // the apiserver ends a watch after timeoutSeconds; one that outlives that by a minute sits
      // on a dead connection (no FIN, no RST): abort it, and the loop watches again
      const guard = setTimeout(() => this.abort?.abort(), (timeoutSeconds + 60) * 1000);
      guard.unref();
      const done = <A extends unknown[]>(f: (...a: A) => void) => (...a: A) => {
        clearTimeout(guard);
        f(...a);
      };
      resolve = done(resolve);
      reject = done(reject);
      const w = new Watch(this.o.kc);
      w.watch(
        this.o.path,
        { resourceVersion: this.resourceVersion, allowWatchBookmarks: true, timeoutSeconds },
        (type, obj) => {
          if (type === "BOOKMARK") {
            this.resourceVersion = obj?.metadata?.resourceVersion ?? this.resourceVersion;
            return;
          }
          if (type === "ERROR") {
            if (obj?.code === 410) gone = true;
            return;
          }
          const key = this.o.key(obj as R);
          this.resourceVersion = obj?.metadata?.resourceVersion ?? this.resourceVersion;
          if (type === "DELETED") {
            const last = this.store.get(key);
            this.store.delete(key);
            this.o.onChange("DELETED", key, last);
          } else {
            const v = this.o.reduce(obj as R);
            const had = this.store.has(key);
            this.store.set(key, v);
            this.o.onChange(had ? "MODIFIED" : "ADDED", key, v);
          }
        },
        (err) => {
          if (this.stopped) resolve("closed");
          else if (gone) resolve("gone");
          else if (err && (err as { name?: string }).name !== "AbortError") reject(err);
          else resolve("closed");
        },
      ).then(
        (ac) => {
          this.abort = ac;
          if (this.stopped) ac.abort();
          else this.setConnected(true);
        },
        reject,
      );
    });
  }
}
