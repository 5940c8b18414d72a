import type { V1Ingress, V1Service, V2HorizontalPodAutoscaler } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { appEndpoints, summarizeAutoscaler } from "@/lib/domain/app-access";

const svc = (type: string, ports: { port: number; nodePort?: number }[]): V1Service => ({ metadata: { name: "web", namespace: "shop" }, spec: { type, ports } });

describe("appEndpoints", () => {
  it("gives the in-cluster DNS name of a ClusterIP Service", () => {
    expect(appEndpoints("web", { service: svc("ClusterIP", [{ port: 80 }]) })).toEqual([{ kind: "cluster", address: "web.shop.svc.cluster.local:80" }]);
  });

  it("adds the node port, or marks it pending before the cluster assigns one", () => {
    expect(appEndpoints("web", { service: svc("NodePort", [{ port: 80, nodePort: 30080 }]) })).toEqual([
      { kind: "cluster", address: "web.shop.svc.cluster.local:80" },
      { kind: "nodePort", address: "<node address>:30080" },
    ]);
    expect(appEndpoints("web", { service: svc("NodePort", [{ port: 80 }]) })[1]).toEqual({ kind: "nodePort", address: "<node address>:?", pending: true });
  });

  it("links the node port when the node is the machine Berth runs on", () => {
    expect(appEndpoints("web", { service: svc("NodePort", [{ port: 80, nodePort: 30080 }]) }, { nodeHost: "127.0.0.1" })[1]).toEqual({ kind: "nodePort", address: "127.0.0.1:30080", url: "http://127.0.0.1:30080" });
    expect(appEndpoints("web", { service: svc("NodePort", [{ port: 80 }]) }, { nodeHost: "127.0.0.1" })[1]).toEqual({ kind: "nodePort", address: "<node address>:?", pending: true });
  });

  it("builds Ingress URLs (https for TLS hosts), pending until a controller publishes an address", () => {
    const ing = (served: boolean): V1Ingress => ({
      spec: {
        tls: [{ hosts: ["secure.example.com"] }],
        rules: [
          { host: "secure.example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: {} }] } },
          { host: "plain.example.com", http: { paths: [{ path: "/api", pathType: "Prefix", backend: {} }] } },
        ],
      },
      status: { loadBalancer: { ingress: served ? [{ ip: "10.0.0.1" }] : [] } },
    });
    expect(appEndpoints("web", { ingress: ing(false) })).toEqual([
      { kind: "ingress", address: "https://secure.example.com/", pending: true },
      { kind: "ingress", address: "http://plain.example.com/api", pending: true },
    ]);
    expect(appEndpoints("web", { ingress: ing(true) }).every((e) => !e.pending)).toBe(true);
  });

  it("is empty for an app with neither", () => {
    expect(appEndpoints("web", {})).toEqual([]);
  });

  it("gives each replica of a StatefulSet its name through the headless governing Service", () => {
    const headless: V1Service = { metadata: { name: "db-pods", namespace: "shop" }, spec: { clusterIP: "None" } };
    expect(appEndpoints("db", { podsService: headless })).toEqual([{ kind: "replica", address: "db-<n>.db-pods.shop.svc.cluster.local" }]);
    // a governing Service with a cluster IP gives no per-replica names
    expect(appEndpoints("db", { podsService: { ...headless, spec: { clusterIP: "10.0.0.5" } } })).toEqual([]);
  });
});

describe("summarizeAutoscaler", () => {
  const hpa = (conditions: { type: string; status: string; reason?: string; message?: string }[], currentCpu?: number): V2HorizontalPodAutoscaler => ({
    spec: { minReplicas: 2, maxReplicas: 6, scaleTargetRef: { kind: "Deployment", name: "web" }, metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } }] },
    status: { currentReplicas: 3, desiredReplicas: 4, conditions, ...(currentCpu !== undefined ? { currentMetrics: [{ type: "Resource", resource: { name: "cpu", current: { averageUtilization: currentCpu } } }] } : {}) } as V2HorizontalPodAutoscaler["status"],
  });

  it("reports range, target and current use when it works", () => {
    expect(summarizeAutoscaler(hpa([{ type: "ScalingActive", status: "True" }], 85))).toEqual({ min: 2, max: 6, cpuPercent: 70, currentReplicas: 3, desiredReplicas: 4, currentCpuPercent: 85, problem: undefined });
  });

  it("explains a cluster without a metrics server", () => {
    const s = summarizeAutoscaler(hpa([{ type: "ScalingActive", status: "False", reason: "FailedGetResourceMetric", message: "unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)" }]));
    expect(s.problem).toMatch(/^FailedGetResourceMetric: unable to fetch metrics/);
    expect(s.noMetricsServer).toBe(true);
  });
});
