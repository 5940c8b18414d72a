// Where Berth's cluster connection comes from, in this order:
//   1. KUBECONFIG (any real cluster works the same way),
//   2. in-cluster service account (Berth deployed inside Kubernetes),
//   3. the local development cluster written by `npm run cluster up`.
import { KubeConfig } from "@kubernetes/client-node";
import { existsSync } from "node:fs";
import path from "node:path";
import { AppError } from "../errors";
import { PooledKubeConfig } from "./connections";

/** Berth's identity on the local cluster, written by `npm run cluster up`. */
export function localKubeconfig(): string {
  const dir = process.env.BERTH_CLUSTER_DIR || path.join(process.cwd(), ".berth", "cluster");
  return path.join(dir, "berth.kubeconfig");
}

/**
 * Where a NodePort of the local cluster answers, when its real node is this machine
 * (`cluster up` writes real-node.json beside the kubeconfigs; kube-proxy serves NodePorts on loopback).
 */
export function localNodeHost(): string | undefined {
  if (configSource() !== "local") return undefined;
  return existsSync(path.join(path.dirname(localKubeconfig()), "real-node.json")) ? "127.0.0.1" : undefined;
}

export type ConfigSource = "kubeconfig" | "in-cluster" | "local";

interface Loaded {
  kc: KubeConfig;
  source: ConfigSource;
}

let cached: { key: string; loaded: Loaded } | undefined;

function load(): Loaded {
  const kc = new KubeConfig();
  if (process.env.KUBECONFIG) {
    try {
      kc.loadFromDefault(); // reads every path listed in KUBECONFIG
    } catch (e) {
      throw new AppError("cluster_unreachable", `the kubeconfig at ${process.env.KUBECONFIG} cannot be read: ${(e as Error).message}`);
    }
    if (!kc.getCurrentCluster()) {
      throw new AppError("cluster_unreachable", `the kubeconfig at ${process.env.KUBECONFIG} has no current cluster (is the file there and is current-context set?)`);
    }
    return { kc, source: "kubeconfig" };
  }
  if (process.env.KUBERNETES_SERVICE_HOST) {
    kc.loadFromCluster();
    return { kc, source: "in-cluster" };
  }
  const local = localKubeconfig();
  if (existsSync(local)) {
    kc.loadFromFile(local);
    return { kc, source: "local" };
  }
  throw new AppError(
    "cluster_unreachable",
    `no cluster is configured: set KUBECONFIG, or start the local cluster with \`npm run cluster up\` (expected ${local})`,
  );
}

/**
 * Berth's own identity on the console's own cluster (the service account), as a fresh copy
 * (its typed clients reuse connections: lib/k8s/connections.ts).
 * Other clusters, and which one a namespace is on: lib/services/clusters.ts.
 */
export function serviceKubeConfig(): KubeConfig {
  const key = `${process.env.KUBECONFIG ?? ""}|${process.env.KUBERNETES_SERVICE_HOST ?? ""}|${localKubeconfig()}`;
  if (!cached || cached.key !== key) cached = { key, loaded: load() };
  return new PooledKubeConfig(cached.loaded.kc);
}

/** The console's own KUBECONFIG with every context in it (others may be imported as clusters), or undefined without one. */
export function ownKubeconfig(): KubeConfig | undefined {
  if (!process.env.KUBECONFIG) return undefined;
  const kc = new KubeConfig();
  try {
    kc.loadFromDefault(); // every file KUBECONFIG lists, paths made absolute
  } catch (e) {
    throw new AppError("cluster_unreachable", `the kubeconfig at ${process.env.KUBECONFIG} cannot be read: ${(e as Error).message}`);
  }
  return kc;
}

export function configSource(): ConfigSource {
  serviceKubeConfig();
  return cached!.loaded.source;
}

export function clusterServer(kc: KubeConfig): string {
  return kc.getCurrentCluster()?.server ?? "(unknown server)";
}

/** Clears the cached kubeconfig (tests switch clusters). */
export function resetKubeConfigCache() {
  cached = undefined;
}
