// The local cluster is a real control plane: the controller-manager creates
// ReplicaSets and Pods, the scheduler binds them, kwok runs them on simulated nodes.
import { AppsV1Api, BatchV1Api, CoreV1Api } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminKubeConfig, eventually, uniqueName } from "../support/cluster";

const kc = adminKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const apps = kc.makeApiClient(AppsV1Api);
const batch = kc.makeApiClient(BatchV1Api);
const ns = uniqueName("cp");

beforeAll(async () => {
  await core.createNamespace({ body: { metadata: { name: ns } } });
});
afterAll(async () => {
  await core.deleteNamespace({ name: ns }).catch(() => undefined);
});

describe("local control plane", () => {
  it("has 3 Ready simulated nodes with realistic capacity", async () => {
    const nodes = (await core.listNode({ labelSelector: "type=kwok" })).items;
    expect(nodes).toHaveLength(3);
    for (const n of nodes) {
      expect(n.status?.conditions?.find((c) => c.type === "Ready")?.status).toBe("True");
      expect(n.status?.capacity?.cpu).toBe("8");
      expect(n.status?.capacity?.memory).toBe("32Gi");
    }
  });

  it("rolls a Deployment of 3 replicas out to 3 ready replicas", async () => {
    const labels = { app: "web" };
    await apps.createNamespacedDeployment({
      namespace: ns,
      body: {
        metadata: { name: "web" },
        spec: {
          replicas: 3,
          selector: { matchLabels: labels },
          template: { metadata: { labels }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } },
        },
      },
    });
    const d = await eventually("3 ready replicas", async () => {
      const d = await apps.readNamespacedDeployment({ name: "web", namespace: ns });
      return d.status?.readyReplicas === 3 && d.status?.availableReplicas === 3 ? d : undefined;
    });
    expect(d.status?.replicas).toBe(3);

    // The controller-manager made a ReplicaSet, the scheduler bound every pod to a kwok node.
    const rs = await apps.listNamespacedReplicaSet({ namespace: ns, labelSelector: "app=web" });
    expect(rs.items).toHaveLength(1);
    expect(rs.items[0].metadata?.ownerReferences?.[0]).toMatchObject({ kind: "Deployment", name: "web" });
    const pods = await core.listNamespacedPod({ namespace: ns, labelSelector: "app=web" });
    expect(pods.items).toHaveLength(3);
    for (const p of pods.items) {
      expect(p.spec?.nodeName).toMatch(/^kwok-node-\d$/);
      expect(p.status?.phase).toBe("Running");
    }
  });

  it("runs a Job's pod to Succeeded and the Job to Complete", async () => {
    await batch.createNamespacedJob({
      namespace: ns,
      body: {
        metadata: { name: "once" },
        spec: { backoffLimit: 0, template: { spec: { restartPolicy: "Never", containers: [{ name: "once", image: "busybox", command: ["true"] }] } } },
      },
    });
    const job = await eventually("the Job to complete", async () => {
      const j = await batch.readNamespacedJob({ name: "once", namespace: ns });
      return j.status?.conditions?.some((c) => c.type === "Complete" && c.status === "True") ? j : undefined;
    });
    expect(job.status?.succeeded).toBe(1);
    const pods = await core.listNamespacedPod({ namespace: ns, labelSelector: "job-name=once" });
    expect(pods.items.map((p) => p.status?.phase)).toEqual(["Succeeded"]);
  });
});
