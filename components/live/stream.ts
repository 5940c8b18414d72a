"use client";
// One EventSource per browser tab: the namespace currently shown. Every component
// that wants live apps or pods subscribes here; switching namespace replaces the
// one connection. The server sends a snapshot, then each change.
import { useEffect, useState, useSyncExternalStore } from "react";
import type { AppSummary } from "@/lib/domain/app-status";
import type { PodSummary } from "@/lib/domain/pods";

type Change<T> = { type: "ADDED" | "MODIFIED" | "DELETED"; name: string } & T;

class NamespaceStream {
  apps = new Map<string, AppSummary>();
  pods = new Map<string, PodSummary>();
  connected = false;
  version = 0;
  private source?: EventSource;
  private listeners = new Set<() => void>();
  private users = 0;
  private closeTimer?: ReturnType<typeof setTimeout>;

  constructor(readonly namespace: string) {}

  private bump() {
    this.version++;
    this.listeners.forEach((l) => l());
  }

  open() {
    this.users++;
    clearTimeout(this.closeTimer);
    if (this.source) return;
    const es = new EventSource(`/api/namespaces/${this.namespace}/stream`);
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
      this.bump();
    });
    es.addEventListener("app", (ev) => {
      const e = JSON.parse((ev as MessageEvent).data) as Change<{ app?: AppSummary }>;
      if (e.type === "DELETED") this.apps.delete(e.name);
      else if (e.app) this.apps.set(e.name, e.app);
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

function streamFor(namespace: string): NamespaceStream {
  if (current?.namespace !== namespace) {
    current?.close();
    current = new NamespaceStream(namespace);
  }
  return current;
}

/** Live apps and pods of a namespace; `version` changes on every update. */
export function useNamespaceStream(namespace: string | undefined) {
  const [stream, setStream] = useState<NamespaceStream | undefined>();
  useEffect(() => {
    if (!namespace) return;
    const s = streamFor(namespace);
    s.open();
    setStream(s);
    return () => s.release();
  }, [namespace]);
  const version = useSyncExternalStore(
    (l) => (stream ? stream.subscribe(l) : () => {}),
    () => stream?.version ?? -1,
    () => -1,
  );
  return { apps: stream?.apps, pods: stream?.pods, connected: stream?.connected ?? false, version };
}
