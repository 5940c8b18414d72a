// The resource metrics API (metrics.k8s.io, served by metrics-server or whatever the cluster
// runs): what pods and nodes use now. A cluster without it answers 404 for the group: that is
// "no metrics here", not an error.
import { CustomObjectsApi, type KubeConfig } from "@kubernetes/client-node";
import { parseQuantity } from "../domain/quantity";
import { kubeCall } from "./errors";

export interface Usage {
  /** cores */
  cpu: number;
  /** bytes */
  memory: number;
}

interface MetricsItem {
  metadata: { name: string };
  timestamp?: string;
  usage?: { cpu?: string; memory?: string };
  containers?: { name: string; usage: { cpu?: string; memory?: string } }[];
}

const usageOf = (u: { cpu?: string; memory?: string } | undefined): Usage => ({ cpu: parseQuantity(u?.cpu ?? "0") ?? 0, memory: parseQuantity(u?.memory ?? "0") ?? 0 });

const unavailable = (e: { code?: string; message?: string }) => {
  if (e.code === "not_found") return "unavailable" as const; // the group is not served
  if (e.code === "cluster_unreachable" && /\b503\b|ServiceUnavailable|the server is currently unable/i.test(e.message ?? "")) return "unavailable" as const; // registered, its server down
  throw e;
};

/** Each pod's usage in the namespace (the sum of its containers), or "unavailable". */
export async function podMetrics(kc: KubeConfig, namespace: string): Promise<Map<string, Usage> | "unavailable"> {
  const api = kc.makeApiClient(CustomObjectsApi);
  const list = (await kubeCall(kc, () => api.listNamespacedCustomObject({ group: "metrics.k8s.io", version: "v1beta1", namespace, plural: "pods" })).catch(unavailable)) as { items: MetricsItem[] } | "unavailable";
  if (list === "unavailable") return list;
  return new Map(
    list.items.map((p) => {
      const sum = (p.containers ?? []).map((c) => usageOf(c.usage)).reduce((a, b) => ({ cpu: a.cpu + b.cpu, memory: a.memory + b.memory }), { cpu: 0, memory: 0 });
      return [p.metadata.name, sum];
    }),
  );
}

/** Each node's usage, or "unavailable". */
export async function nodeMetrics(kc: KubeConfig): Promise<Map<string, Usage> | "unavailable"> {
  const api = kc.makeApiClient(CustomObjectsApi);
  const list = (await kubeCall(kc, () => api.listClusterCustomObject({ group: "metrics.k8s.io", version: "v1beta1", plural: "nodes" })).catch(unavailable)) as { items: MetricsItem[] } | "unavailable";
  if (list === "unavailable") return list;
  return new Map(list.items.map((n) => [n.metadata.name, usageOf(n.usage)]));
}
