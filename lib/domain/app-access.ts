// How to reach an app and who sets its replica count, in a developer's words: the
// addresses its Service and Ingress give it, and its autoscaler's range and state.
import type { V2HorizontalPodAutoscaler, V1Ingress, V1Service } from "@kubernetes/client-node";

export interface Endpoint {
  kind: "cluster" | "replica" | "nodePort" | "ingress";
  /** What to type: a DNS name and port, a node port, or a URL. */
  address: string;
  /** Set when the address is not served yet (e.g. no ingress controller has taken the Ingress). */
  pending?: boolean;
  /** A link that opens it, when there is one (a NodePort of a node on the machine Berth runs on). */
  url?: string;
}

/**
 * The addresses an app's Service and Ingress give it, and for a StatefulSet the
 * per-replica names its headless governing Service gives (<app>-<n>.<service>…).
 */
export function appEndpoints(app: string, around: { service?: V1Service; ingress?: V1Ingress; podsService?: V1Service }, opts: { nodeHost?: string } = {}): Endpoint[] {
  const { service, ingress, podsService } = around;
  const out: Endpoint[] = [];
  if (podsService?.spec?.clusterIP === "None" && podsService.metadata?.name) {
    out.push({ kind: "replica", address: `${app}-<n>.${podsService.metadata.name}.${podsService.metadata.namespace}.svc.cluster.local` });
  }
  if (service?.metadata?.name) {
    const host = `${service.metadata.name}.${service.metadata.namespace}.svc.cluster.local`;
    for (const p of service.spec?.ports ?? []) {
      out.push({ kind: "cluster", address: `${host}:${p.port}` });
      if (service.spec?.type === "NodePort" || service.spec?.type === "LoadBalancer") {
        if (!p.nodePort) out.push({ kind: "nodePort", address: "<node address>:?", pending: true });
        else if (opts.nodeHost) out.push({ kind: "nodePort", address: `${opts.nodeHost}:${p.nodePort}`, url: `http://${opts.nodeHost}:${p.nodePort}` });
        else out.push({ kind: "nodePort", address: `<node address>:${p.nodePort}` });
      }
    }
  }
  if (ingress) {
    const tlsHosts = new Set((ingress.spec?.tls ?? []).flatMap((t) => t.hosts ?? []));
    const served = (ingress.status?.loadBalancer?.ingress ?? []).length > 0;
    for (const rule of ingress.spec?.rules ?? []) {
      for (const path of rule.http?.paths ?? []) {
        const scheme = rule.host && tlsHosts.has(rule.host) ? "https" : "http";
        out.push({ kind: "ingress", address: `${scheme}://${rule.host ?? "<any host>"}${path.path ?? "/"}`, pending: !served });
      }
    }
  }
  return out;
}

export interface AutoscaleSummary {
  min: number;
  max: number;
  cpuPercent?: number;
  currentReplicas: number;
  desiredReplicas: number;
  /** Average CPU use of the pods, as a percentage of their request (when metrics are available). */
  currentCpuPercent?: number;
  /** Why the autoscaler cannot act, from its conditions (e.g. no metrics server). */
  problem?: string;
  /** The usual cause, when it is recognised: the cluster serves no resource metrics (metrics-server missing). */
  noMetricsServer?: boolean;
  /** When it last changed the replica count (ISO time), if ever. */
  lastScaleTime?: string;
  /** Its latest decision, as the autoscaler words it (the AbleToScale condition's message). */
  decision?: string;
}

/** An autoscaling/v2 HorizontalPodAutoscaler: its range, target and whether it can act. */
export function summarizeAutoscaler(h: V2HorizontalPodAutoscaler): AutoscaleSummary {
  const cpu = h.spec?.metrics?.find((m) => m.type === "Resource" && m.resource?.name === "cpu");
  const currentCpu = h.status?.currentMetrics?.find((m) => m.type === "Resource" && m.resource?.name === "cpu");
  const failing = (h.status?.conditions ?? []).find((c) => (c.type === "ScalingActive" || c.type === "AbleToScale") && c.status === "False");
  return {
    min: h.spec?.minReplicas ?? 1,
    max: h.spec?.maxReplicas ?? 1,
    cpuPercent: cpu?.resource?.target?.averageUtilization,
    currentReplicas: h.status?.currentReplicas ?? 0,
    desiredReplicas: h.status?.desiredReplicas ?? 0,
    currentCpuPercent: currentCpu?.resource?.current?.averageUtilization,
    problem: failing ? `${failing.reason ?? ""}: ${failing.message ?? ""}`.replace(/^: /, "") : undefined,
    lastScaleTime: h.status?.lastScaleTime ? new Date(h.status.lastScaleTime).toISOString() : undefined,
    decision: (h.status?.conditions ?? []).find((c) => c.type === "AbleToScale" && c.status === "True")?.message,
    ...(failing && /metrics\.k8s\.io|resource metrics API/.test(failing.message ?? "") ? { noMetricsServer: true } : {}),
  };
}
