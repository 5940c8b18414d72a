import { describe, expect, it } from "vitest";
import type { V1Deployment, V1Pod, V1StatefulSet } from "@kubernetes/client-node";
import { summarizeDeployment, summarizeStatefulSet } from "@/lib/domain/app-status";
import { isAboutApp, summarizeEvent } from "@/lib/domain/events";
import { summarizePod } from "@/lib/domain/pods";
import { age } from "@/lib/domain/time";

const dep = (spec: number, status: V1Deployment["status"], generation = 1): V1Deployment => ({
  metadata: { name: "web", namespace: "ns", generation },
  spec: { replicas: spec, selector: {}, template: { spec: { containers: [{ name: "web", image: "nginx:1" }] } } },
  status,
});

describe("summarizeDeployment", () => {
  it.each([
    ["all ready", dep(3, { observedGeneration: 1, replicas: 3, readyReplicas: 3, updatedReplicas: 3, availableReplicas: 3 }), "Available", undefined],
    ["rolling", dep(3, { observedGeneration: 1, replicas: 4, readyReplicas: 2, updatedReplicas: 1, availableReplicas: 2 }), "Progressing", "2 of 3 ready"],
    ["not observed yet", dep(3, { observedGeneration: 1, replicas: 3, readyReplicas: 3, updatedReplicas: 3, availableReplicas: 3 }, 2), "Progressing", "3 of 3 ready"],
    ["scaled to zero", dep(0, { observedGeneration: 1 }), "ScaledToZero", undefined],
    [
      "quota",
      dep(5, { observedGeneration: 1, replicas: 2, conditions: [{ type: "ReplicaFailure", status: "True", reason: "FailedCreate", message: 'pods "web-x" is forbidden: exceeded quota' }] }),
      "Degraded",
      'pods "web-x" is forbidden: exceeded quota',
    ],
    ["deadline", dep(2, { observedGeneration: 1, conditions: [{ type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded", message: "ReplicaSet has timed out progressing." }] }), "Degraded", "ReplicaSet has timed out progressing."],
  ])("%s → %s", (_, d, phase, reason) => {
    const s = summarizeDeployment(d);
    expect(s.phase).toBe(phase);
    expect(s.reason).toBe(reason);
    expect(s.image).toBe("nginx:1");
  });
});

describe("summarizeStatefulSet", () => {
  const sts = (spec: number, status: V1StatefulSet["status"], generation = 1): V1StatefulSet => ({
    metadata: { name: "db", namespace: "ns", generation },
    spec: { replicas: spec, serviceName: "db", selector: {}, template: { spec: { containers: [{ name: "db", image: "redis:7" }] } } },
    status,
  });
  it.each([
    ["all ready on one revision", sts(2, { observedGeneration: 1, replicas: 2, readyReplicas: 2, updatedReplicas: 2, availableReplicas: 2, currentRevision: "db-1", updateRevision: "db-1" }), "Available", undefined],
    ["rolling to a new revision", sts(2, { observedGeneration: 2, replicas: 2, readyReplicas: 2, updatedReplicas: 1, availableReplicas: 2, currentRevision: "db-1", updateRevision: "db-2" }, 2), "Progressing", "2 of 2 ready"],
    ["claims not bound yet", sts(2, { observedGeneration: 1, replicas: 1, readyReplicas: 0, updatedReplicas: 1, availableReplicas: 0 }), "Progressing", "0 of 2 ready"],
    ["scaled to zero", sts(0, { observedGeneration: 1, replicas: 0 }), "ScaledToZero", undefined],
  ])("%s → %s", (_, s, phase, reason) => {
    const sum = summarizeStatefulSet(s);
    expect([sum.kind, sum.phase, sum.reason, sum.image]).toEqual(["StatefulSet", phase, reason, "redis:7"]);
  });
});

describe("summarizePod", () => {
  it("explains a pod stuck pulling its image", () => {
    const p: V1Pod = {
      metadata: { name: "web-1", namespace: "ns" },
      spec: { nodeName: "n1", containers: [{ name: "web", image: "nginx:nope" }] },
      status: { phase: "Pending", containerStatuses: [{ name: "web", image: "nginx:nope", imageID: "", ready: false, restartCount: 2, state: { waiting: { reason: "ImagePullBackOff" } } }] },
    };
    expect(summarizePod(p)).toMatchObject({ phase: "Pending", ready: "0/1", restarts: 2, node: "n1", reason: "ImagePullBackOff", deleting: false });
  });
  it("shows unschedulable pods and terminating ones", () => {
    expect(summarizePod({ metadata: { name: "a" }, spec: { containers: [{ name: "a" }] }, status: { phase: "Pending", conditions: [{ type: "PodScheduled", status: "False", reason: "Unschedulable" }] } }).reason).toBe("Unschedulable");
    expect(summarizePod({ metadata: { name: "a", deletionTimestamp: new Date() }, status: { phase: "Running" } }).phase).toBe("Terminating");
  });
  it("tells why a running container restarted, in plain words", () => {
    const p: V1Pod = {
      metadata: { name: "hog-1" },
      spec: { containers: [{ name: "hog" }] },
      status: { phase: "Running", containerStatuses: [{ name: "hog", image: "busybox:1", imageID: "", ready: true, restartCount: 1, state: { running: {} }, lastState: { terminated: { reason: "OOMKilled", exitCode: 137 } } }] },
    };
    const s = summarizePod(p);
    expect(s).toMatchObject({ reason: undefined, restarts: 1, lastTermination: { reason: "OOMKilled", exitCode: 137 } });
    expect(s.help?.en).toMatch(/more memory than its limit/);
    expect(s.help?.zh).toMatch(/内存/);
    // the current reason wins over the last termination's
    const waiting = { ...p, status: { ...p.status, containerStatuses: [{ ...p.status!.containerStatuses![0], state: { waiting: { reason: "CrashLoopBackOff" } } }] } };
    expect(summarizePod(waiting).help?.en).toMatch(/starts and exits again/);
  });
});

describe("events", () => {
  it.each([
    ["FailedScheduling", "0/3 nodes are available: 3 Insufficient cpu.", "Not enough free CPU"],
    ["FailedScheduling", "0/3 nodes are available: 3 Insufficient memory.", "Not enough free memory"],
    ["FailedCreate", 'pods "x" is forbidden: exceeded quota: berth-quota', "namespace quota is used up"],
    ["ImagePullBackOff", "Back-off pulling image", "cannot be pulled"],
    ["Whatever", "something", undefined],
  ])("%s: %s", (reason, message, hint) => {
    const s = summarizeEvent({ reason, message, involvedObject: { kind: "Pod", name: "web-1" }, metadata: {} });
    if (hint) expect(s.help?.en).toContain(hint);
    else expect(s.help).toBeUndefined();
    expect(s.object).toBe("Pod/web-1");
  });
  it("matches an app's own objects only, not those of an app whose name starts the same", () => {
    const e = (kind: string, name: string) => ({ involvedObject: { kind, name }, metadata: {} });
    const about = (kind: string, name: string) => isAboutApp(e(kind, name), "web");
    expect([about("Deployment", "web"), about("ReplicaSet", "web-5d9c7f8b4"), about("Pod", "web-5d9c7f8b4-x2k9p"), about("Pod", "web-0"), about("PersistentVolumeClaim", "web-data")]).toEqual([true, true, true, true, true]);
    // app "web-api" and "webshop" are other apps
    expect([about("Deployment", "web-api"), about("ReplicaSet", "web-api-6f8b9c"), about("Pod", "web-api-6f8b9c-abcde"), about("Pod", "web-api-0"), about("Deployment", "webshop")]).toEqual([false, false, false, false, false]);
  });
  it("includes a StatefulSet's per-replica claims (volume-app-ordinal), not other apps' claims", () => {
    const claim = (name: string) => ({ involvedObject: { kind: "PersistentVolumeClaim", name }, metadata: {} });
    expect([isAboutApp(claim("data-db-0"), "db"), isAboutApp(claim("data-db-12"), "db"), isAboutApp(claim("data-mydb-0"), "db"), isAboutApp(claim("data-db-x"), "db")]).toEqual([true, true, false, false]);
  });
});

describe("age", () => {
  const now = Date.parse("2026-01-02T00:00:00Z");
  it.each([
    ["2026-01-01T23:59:30Z", "30s"],
    ["2026-01-01T23:30:00Z", "30m"],
    ["2026-01-01T12:00:00Z", "12h"],
    ["2025-12-20T00:00:00Z", "13d"],
    [undefined, "—"],
  ])("%s → %s", (iso, out) => expect(age(iso, now)).toBe(out));
});
