"use client";
// One EventSource per browser tab: the namespace (and which pods) the page shows.
// Every component that wants live apps or pods subscribes here; switching page or
// namespace replaces the one connection. The server sends a snapshot, then each change.
import { useEffect, useState, useSyncExternalStore } from "react";
import type { AppSummary } from "@/lib/domain/app-status";
import type { PodSummary } from "@/lib/domain/pods";
import type { AppUsage } from "@/lib/domain/usage";

type Change<T> = { type: "ADDED" | "MODIFIED" | "DELETED"; name: string } & T;

/** A build as the stream sends it (the open build's log included). */
export interface LiveBuild {
  id: string;
  status: string;
  [k: string]: unknown;
}

class NamespaceStream {
  apps = new Map<string, AppSummary>();
  pods = new Map<string, PodSummary>();
  builds = new Map<string, LiveBuild>();
  /** The app's usage (an app page's stream), or why there is none. */
  usage?: AppUsage | { error: string };
  connected = false;
  /** A snapshot has arrived: until then there is nothing to show (not "no apps"). */
  synced = false;
  version = 0;
  private source?: EventSource;
  private listeners = new Set<() => void>();
  private users = 0;
  private closeTimer?: ReturnType<typeof setTimeout>;

  constructor(
    readonly namespace: string,
    readonly query: string,
  ) {}

  private bump() {
    this.version++;
    this.listeners.forEach((l) => l());
  }

  open() {
    this.users++;
    clearTimeout(this.closeTimer);
    if (this.source) return;
    const es = new EventSource(`/api/namespaces/${this.namespace}/stream?${this.query}`);
    this.source = es;
    es.addEventListener("open", () => {
      this.connected = true;
      this.bump();
    });
    es.addEventListener("error", () => {
      this.connected = false; // EventSource reconnects by itself and gets a fresh snapshot
      this.bump();
    });
    es.addEventListener("snapshot", (ev) => {
      const d = JSON.parse((ev as MessageEvent).data) as { apps: AppSummary[]; pods: PodSummary[] };
      this.apps = new Map(d.apps.map((a) => [a.name, a]));
      this.pods = new Map(d.pods.map((p) => [p.name, p]));
      this.connected = true;
      this.synced = true;
      this.bump();
    });
    es.addEventListener("app", (ev) => {
      const e = JSON.parse((ev as MessageEvent).data) as Change<{ app?: AppSummary }>;
      if (e.type === "DELETED") this.apps.delete(e.name);
      else if (e.app) this.apps.set(e.name, e.app);
      this.bump();
    });
    // the server ended the stream on purpose (removed from the team, session ended): stop,
    // so the browser does not reconnect in a loop; the next page load says why
    es.addEventListener("closed", () => {
      es.close();
      this.source = undefined;
      this.connected = false;
      this.bump();
    });
    // the cluster behind Berth went away (the page says "Reconnecting…") or is back (a snapshot follows)
    es.addEventListener("status", (ev) => {
      this.connected = (JSON.parse((ev as MessageEvent).data) as { connected: boolean }).connected;
      this.bump();
    });
    es.addEventListener("build", (ev) => {
      const b = JSON.parse((ev as MessageEvent).data) as LiveBuild;
      this.builds.set(b.id, { ...this.builds.get(b.id), ...b });
      this.bump();
    });
    es.addEventListener("usage", (ev) => {
      this.usage = JSON.parse((ev as MessageEvent).data) as AppUsage | { error: string };
      this.bump();
    });
    es.addEventListener("pod", (ev) => {
      const e = JSON.parse((ev as MessageEvent).data) as Change<{ pod?: PodSummary }>;
      if (e.type === "DELETED") this.pods.delete(e.name);
      else if (e.pod) this.pods.set(e.name, e.pod);
      this.bump();
    });
  }

  release() {
    this.users--;
    if (this.users <= 0) this.closeTimer = setTimeout(() => this.close(), 2000);
  }

  close() {
    this.source?.close();
    this.source = undefined;
    this.connected = false;
  }

  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
}

let current: NamespaceStream | undefined;

function streamFor(namespace: string, query: string): NamespaceStream {
  if (current?.namespace !== namespace || current.query !== query) {
    current?.close();
    current = new NamespaceStream(namespace, query);
  }
  return current;
}

/** Which pods to follow besides the apps: none, one app's (and its usage, for its charts), or all. */
export type PodScope = { pods: "none" } | { pods: "app"; app: string; usage?: boolean } | { pods: "all" };

/**
 * Live apps (and the pods in scope) of a namespace; `version` changes on every update.
 * `builds`: the builds pages also follow the namespace's builds changed since the page was
 * rendered (`since`), with the log of the build `id` when one is open.
 */
export function useNamespaceStream(namespace: string | undefined, scope: PodScope = { pods: "none" }, builds?: { since: string; id?: string }) {
  const [stream, setStream] = useState<NamespaceStream | undefined>();
  const params = new URLSearchParams(scope.pods === "app" ? { pods: "app", app: scope.app, ...(scope.usage ? { usage: "1" } : {}) } : { pods: scope.pods });
  if (builds) {
    params.set("builds", "1");
    params.set("since", builds.since);
    if (builds.id) params.set("build", builds.id);
  }
  const query = params.toString();
  useEffect(() => {
    if (!namespace) return;
    const s = streamFor(namespace, query);
    s.open();
    setStream(s);
    return () => s.release();
  }, [namespace, query]);
  const version = useSyncExternalStore(
    (l) => (stream ? stream.subscribe(l) : () => {}),
    () => stream?.version ?? -1,
    () => -1,
  );
  const synced = stream?.synced;
  return { apps: synced ? stream?.apps : undefined, pods: synced ? stream?.pods : undefined, builds: stream?.builds, usage: stream?.usage, connected: stream?.connected ?? false, version };
}
