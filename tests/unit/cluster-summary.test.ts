import { describe, expect, it } from "vitest";
import { countPodPhases, summarizeNode } from "@/lib/domain/cluster";

describe("summarizeNode", () => {
  it("reads a Ready kwok node with its capacity and role", () => {
    const s = summarizeNode({
      metadata: { name: "kwok-node-0", annotations: { "kwok.x-k8s.io/node": "fake" }, labels: { "node-role.kubernetes.io/agent": "" } },
      status: {
        capacity: { cpu: "8", memory: "32Gi", pods: "110" },
        conditions: [{ type: "Ready", status: "True" }],
        nodeInfo: { kubeletVersion: "fake" } as never,
      },
    });
    expect(s).toMatchObject({ name: "kwok-node-0", ready: true, cpu: "8", memory: "32Gi", pods: "110", roles: ["agent"], simulated: true, reason: undefined });
  });

  it("explains why a node is not ready", () => {
    const s = summarizeNode({ metadata: { name: "n" }, status: { conditions: [{ type: "Ready", status: "Unknown", reason: "NodeStatusUnknown", message: "Kubelet stopped posting node status." }] } });
    expect(s.ready).toBe(false);
    expect(s.reason).toBe("Kubelet stopped posting node status.");
    expect(s.simulated).toBe(false);
  });

  it("treats a node without conditions as not ready", () => {
    expect(summarizeNode({ metadata: { name: "n" } })).toMatchObject({ ready: false, reason: "no Ready condition reported yet" });
  });
});

describe("countPodPhases", () => {
  it("counts every phase and files the unknown under Unknown", () => {
    const pods = [{ status: { phase: "Running" } }, { status: { phase: "Running" } }, { status: { phase: "Succeeded" } }, { status: {} }, { status: { phase: "Weird" } }];
    expect(countPodPhases(pods)).toEqual({ Pending: 0, Running: 2, Succeeded: 1, Failed: 0, Unknown: 2 });
  });
});
