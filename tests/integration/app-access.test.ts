// How an app is reached and who sets its replica count, read back from the real
// cluster: Service / NodePort / Ingress addresses, and an autoscaler that owns replicas.
import { AppsV1Api } from "@kubernetes/client-node";
import { beforeAll, describe, expect, it } from "vitest";
import { adminKubeConfig, eventually } from "../support/cluster";
import type { Client } from "../support/http";
import { teamWithNamespace } from "../support/teams";

const apps = adminKubeConfig().makeApiClient(AppsV1Api);
let ns: string;
let dev: Client;

const base = { image: "nginx:1.27", replicas: 1, ports: [{ containerPort: 8080 }], resources: { cpuRequest: "100m", memoryRequest: "64Mi", cpuLimit: "200m", memoryLimit: "128Mi" } };

beforeAll(async () => {
  const t = await teamWithNamespace({ pods: 20 });
  ns = t.namespace;
  dev = t.member;
});

describe("how an app is reached", () => {
  it("lists its in-cluster name and the node port the cluster assigned", async () => {
    expect((await dev.call("POST", `/api/namespaces/${ns}/apps`, { spec: { ...base, name: "api", exposure: { type: "nodePort", port: 8080 } } })).status).toBe(201);
    const { endpoints } = (await dev.call("GET", `/api/namespaces/${ns}/apps/api`)).body;
    // the local cluster's real node is this machine: its NodePorts answer on 127.0.0.1, linked
    const port = endpoints[1]?.address.split(":")[1];
    expect(endpoints).toEqual([
      { kind: "cluster", address: `api.${ns}.svc.cluster.local:8080` },
      { kind: "nodePort", address: `127.0.0.1:${port}`, url: `http://127.0.0.1:${port}` },
    ]);
    expect(port).toMatch(/^3\d{4}$/);
  });

  it("lists the Ingress URL, marked pending while no ingress controller serves it", async () => {
    const spec = { ...base, name: "web", exposure: { type: "ingress", port: 8080, host: "web.example.test", path: "/shop" } };
    expect((await dev.call("POST", `/api/namespaces/${ns}/apps`, { spec })).status).toBe(201);
    const { endpoints } = (await dev.call("GET", `/api/namespaces/${ns}/apps/web`)).body;
    expect(endpoints).toEqual([
      { kind: "cluster", address: `web.${ns}.svc.cluster.local:8080` },
      { kind: "ingress", address: "http://web.example.test/shop", pending: true },
    ]);
  });

  it("lists nothing for an app that is not exposed", async () => {
    expect((await dev.call("POST", `/api/namespaces/${ns}/apps`, { spec: { ...base, name: "worker" } })).status).toBe(201);
    expect((await dev.call("GET", `/api/namespaces/${ns}/apps/worker`)).body.endpoints).toEqual([]);
  });
});

describe("an autoscaled app", () => {
  it("shows the autoscaler's range and why it cannot act, and refuses a manual count", async () => {
    const spec = { ...base, name: "burst", autoscale: { min: 2, max: 4, cpuPercent: 60 } };
    expect((await dev.call("POST", `/api/namespaces/${ns}/apps`, { spec })).status).toBe(201);
    // the controller-manager's autoscaler brings it to its minimum, then finds no metrics server here
    const detail = await eventually("the autoscaler to report", async () => {
      const d = (await dev.call("GET", `/api/namespaces/${ns}/apps/burst`)).body;
      return d.autoscaler?.problem && d.summary.desired === 2 ? d : undefined;
    });
    expect(detail.autoscaler).toMatchObject({ min: 2, max: 4, cpuPercent: 60 });
    expect(detail.autoscaler.problem).toMatch(/metrics/i);
    expect(detail.autoscaler.noMetricsServer).toBe(true);

    const manual = await dev.call("PUT", `/api/namespaces/${ns}/apps/burst/scale`, { replicas: 7 });
    expect(manual.status).toBe(409);
    expect(manual.body.error.message).toContain("autoscaled between 2 and 4");
    expect((await apps.readNamespacedDeployment({ name: "burst", namespace: ns })).spec?.replicas).toBe(2);
  });
});
