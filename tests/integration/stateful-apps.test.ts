// An app with per-replica storage is a StatefulSet: deploy, list, scale, change the
// image, roll back, YAML and delete work on it as on a Deployment, through Berth's API
// on the real control plane (claims bound by kube-controller-manager's hostPath
// provisioner through the "standard" StorageClass, pods run by kwok).
import { AppsV1Api, CoreV1Api, type V1StatefulSet } from "@kubernetes/client-node";
import { beforeAll, describe, expect, it } from "vitest";
import { adminKubeConfig, eventually } from "../support/cluster";
import type { Client } from "../support/http";
import { readEvents } from "../support/sse";
import { teamWithNamespace } from "../support/teams";

const kc = adminKubeConfig();
const apps = kc.makeApiClient(AppsV1Api);
const core = kc.makeApiClient(CoreV1Api);
let ns: string;
let dev: Client;

const spec = {
  name: "cache",
  image: "redis:7.2",
  replicas: 2,
  ports: [{ containerPort: 6379, name: "redis" }],
  resources: { cpuRequest: "100m", memoryRequest: "64Mi", cpuLimit: "200m", memoryLimit: "128Mi" },
  volumes: [{ type: "pvc", name: "data", mountPath: "/data", size: "1Gi", perReplica: true }],
};

async function rolledOut(n: number, image?: string): Promise<V1StatefulSet> {
  return eventually(`cache to have ${n} ready replicas${image ? ` of ${image}` : ""}`, async () => {
    const s = await apps.readNamespacedStatefulSet({ name: "cache", namespace: ns });
    const st = s.status;
    const done = st && st.observedGeneration === s.metadata?.generation && st.readyReplicas === n && st.replicas === n && st.updatedReplicas === n && st.currentRevision === st.updateRevision;
    return done && (!image || s.spec?.template.spec?.containers[0].image === image) ? s : undefined;
  });
}

beforeAll(async () => {
  const t = await teamWithNamespace({ pods: 20 });
  ns = t.namespace;
  dev = t.member;
});

describe("an app with per-replica storage", () => {
  it("is deployed as a StatefulSet whose claims are bound and whose replicas become ready", async () => {
    const dry = await dev.call("POST", `/api/namespaces/${ns}/apps`, { spec, dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body.diffs.map((d: { kind: string; name: string; action: string }) => `${d.kind}/${d.name} ${d.action}`)).toEqual(["Service/cache-pods create", "StatefulSet/cache create"]);

    expect((await dev.call("POST", `/api/namespaces/${ns}/apps`, { spec })).status).toBe(201);
    const s = await rolledOut(2);
    expect(s.spec?.volumeClaimTemplates?.[0].spec?.resources?.requests).toEqual({ storage: "1Gi" });
    const claims = await core.listNamespacedPersistentVolumeClaim({ namespace: ns });
    expect(claims.items.map((c) => [c.metadata?.name, c.status?.phase, c.spec?.storageClassName]).sort()).toEqual([
      ["data-cache-0", "Bound", "standard"],
      ["data-cache-1", "Bound", "standard"],
    ]);

    const list = await dev.call("GET", `/api/namespaces/${ns}/apps`);
    expect(list.body.items).toEqual([expect.objectContaining({ name: "cache", kind: "StatefulSet", desired: 2, ready: 2, phase: "Available" })]);
    const detail = (await dev.call("GET", `/api/namespaces/${ns}/apps/cache`)).body;
    expect(detail.summary).toMatchObject({ kind: "StatefulSet", phase: "Available" });
    expect(detail.spec.volumes).toEqual([expect.objectContaining({ name: "data", perReplica: true, size: "1Gi" })]);
    expect(detail.pods.map((p: { name: string; phase: string }) => [p.name, p.phase])).toEqual([
      ["cache-0", "Running"],
      ["cache-1", "Running"],
    ]);
    expect(detail.history).toEqual([expect.objectContaining({ revision: 1, image: "redis:7.2", current: true, replicas: 2 })]);
    // each replica has its own DNS name through the headless governing Service
    expect(detail.endpoints).toEqual([{ kind: "replica", address: `cache-<n>.cache-pods.${ns}.svc.cluster.local` }]);
    expect((await core.readNamespacedService({ name: "cache-pods", namespace: ns })).spec?.clusterIP).toBe("None");
    expect(detail.claims).toEqual([
      { name: "data-cache-0", phase: "Bound", requested: "1Gi", capacity: "1Gi", storageClass: "standard", accessModes: ["ReadWriteOnce"] },
      { name: "data-cache-1", phase: "Bound", requested: "1Gi", capacity: "1Gi", storageClass: "standard", accessModes: ["ReadWriteOnce"] },
    ]);
  });

  it("scales through the StatefulSet's scale subresource, within the quota, seen live on the stream", async () => {
    const generation = (await dev.call("GET", `/api/namespaces/${ns}/apps/cache`)).body.summary.generation;
    let scaled = false;
    const live = await readEvents(`/api/namespaces/${ns}/stream?pods=app&app=cache`, dev.cookie, (events) => {
      if (events.length && !scaled) {
        scaled = true;
        void dev.call("PUT", `/api/namespaces/${ns}/apps/cache/scale`, { replicas: 3, generation }).then((r) => expect(r.status).toBe(200));
      }
      return events.some((e) => e.event === "app" && e.data.app?.kind === "StatefulSet" && e.data.app?.ready === 3) && events.some((e) => e.event === "pod" && e.data.name === "cache-2");
    });
    expect(live.events[0].event).toBe("snapshot");
    expect(live.events[0].data.apps).toEqual([expect.objectContaining({ name: "cache", kind: "StatefulSet", desired: 2 })]);
    expect(live.events[0].data.pods.map((p: { name: string }) => p.name).sort()).toEqual(["cache-0", "cache-1"]);
    await rolledOut(3);
    const over = await dev.call("PUT", `/api/namespaces/${ns}/apps/cache/scale`, { replicas: 40 });
    expect(over.status).toBe(422);
    expect(over.body.error.message).toContain("quota");
    expect((await dev.call("PUT", `/api/namespaces/${ns}/apps/cache/scale`, { replicas: 2 })).status).toBe(200);
    await rolledOut(2);
  });

  it("changes the image as a new revision and rolls back to the first one", async () => {
    const r = await dev.call("PUT", `/api/namespaces/${ns}/apps/cache/image`, { image: "redis:7.4" });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ kind: "StatefulSet", image: "redis:7.4" });
    await rolledOut(2, "redis:7.4");
    const h = (await dev.call("GET", `/api/namespaces/${ns}/apps/cache`)).body.history;
    expect(h.map((x: { revision: number; image: string; current: boolean }) => [x.revision, x.image, x.current])).toEqual([
      [2, "redis:7.4", true],
      [1, "redis:7.2", false],
    ]);

    expect((await dev.call("POST", `/api/namespaces/${ns}/apps/cache/rollback`, { revision: 1 })).status).toBe(200);
    await rolledOut(2, "redis:7.2");
    await eventually("every pod back on the first image", async () => {
      const pods = await core.listNamespacedPod({ namespace: ns, labelSelector: "app.kubernetes.io/name=cache" });
      return pods.items.length === 2 && pods.items.every((p) => p.spec?.containers[0].image === "redis:7.2" && p.status?.phase === "Running");
    });
    expect((await dev.call("POST", `/api/namespaces/${ns}/apps/cache/rollback`, { revision: 99 })).status).toBe(404);
  });

  it("edits its YAML as a StatefulSet and refuses turning it into a Deployment", async () => {
    const { yaml } = (await dev.call("GET", `/api/namespaces/${ns}/apps/cache/yaml`)).body;
    expect(yaml).toMatch(/^kind: StatefulSet$/m);
    const dry = await dev.call("PUT", `/api/namespaces/${ns}/apps/cache/yaml`, { yaml: yaml.replace(/^(\s+)replicas: 2$/m, "$1replicas: 1"), dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body.diffs[0].diff).toMatch(/^\+\s+replicas: 1$/m);

    const asDeployment = await dev.call("PUT", `/api/namespaces/${ns}/apps/cache/yaml`, { yaml: yaml.replace(/^kind: StatefulSet$/m, "kind: Deployment") });
    expect(asDeployment.status).toBe(400);
    expect(asDeployment.body.error.message).toContain("this app is a StatefulSet");
    await expect(apps.readNamespacedDeployment({ name: "cache", namespace: ns })).rejects.toMatchObject({ code: 404 });
  });

  it("re-applies its own spec from the form unchanged, and refuses switching per-replica storage off (it would be a second workload)", async () => {
    const detail = (await dev.call("GET", `/api/namespaces/${ns}/apps/cache`)).body;
    const same = await dev.call("POST", `/api/namespaces/${ns}/apps`, { spec: detail.spec, generation: detail.summary.generation, dryRun: true });
    expect(same.status).toBe(200);
    expect(same.body.diffs.map((d: { action: string }) => d.action)).toEqual(["unchanged", "unchanged"]);

    const shared = { ...detail.spec, volumes: [{ ...detail.spec.volumes[0], perReplica: false }] };
    const r = await dev.call("POST", `/api/namespaces/${ns}/apps`, { spec: shared, generation: detail.summary.generation, dryRun: true });
    expect(r.status).toBe(400);
    expect(r.body.error.details.fields["spec.volumes"]).toBeTruthy();
    await expect(apps.readNamespacedDeployment({ name: "cache", namespace: ns })).rejects.toMatchObject({ code: 404 });
  });

  it("is deleted by name, its per-replica claims (the data) kept", async () => {
    expect((await dev.call("DELETE", `/api/namespaces/${ns}/apps/cache`, { confirm: "cache" })).status).toBe(204);
    await eventually("the StatefulSet to go", async () => apps.readNamespacedStatefulSet({ name: "cache", namespace: ns }).then(() => false, (e) => e.code === 404));
    await expect(core.readNamespacedService({ name: "cache-pods", namespace: ns })).rejects.toMatchObject({ code: 404 });
    // cache-2's claim, from the scale to 3, was kept on scale-down too (the StatefulSet default, Retain)
    const claims = await core.listNamespacedPersistentVolumeClaim({ namespace: ns });
    expect(claims.items.map((c) => c.metadata?.name).sort()).toEqual(["data-cache-0", "data-cache-1", "data-cache-2"]);
    expect((await dev.call("GET", `/api/namespaces/${ns}/apps/cache`)).status).toBe(404);
  });
});
