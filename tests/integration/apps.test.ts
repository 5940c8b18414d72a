// Deploy → scale → change image → history → rollback → YAML edit, through Berth's
// API, on the real control plane (controller-manager, scheduler, kwok nodes).
import { AppsV1Api, CoreV1Api } from "@kubernetes/client-node";
import { beforeAll, describe, expect, it } from "vitest";
import { adminKubeConfig, eventually } from "../support/cluster";
import type { Client } from "../support/http";
import { teamWithNamespace } from "../support/teams";

const kc = adminKubeConfig();
const apps = kc.makeApiClient(AppsV1Api);
const core = kc.makeApiClient(CoreV1Api);
let ns: string;
let dev: Client;

const spec = { name: "shop", image: "nginx:1.26", replicas: 3, ports: [{ containerPort: 80 }], exposure: { type: "clusterIP", port: 80 }, resources: { cpuRequest: "100m", memoryRequest: "64Mi", cpuLimit: "200m", memoryLimit: "128Mi" } };

async function readyReplicas(name: string, n: number) {
  return eventually(`${name} to have ${n} ready replicas`, async () => {
    const d = await apps.readNamespacedDeployment({ name, namespace: ns });
    const s = d.status ?? {};
    return (s.readyReplicas ?? 0) === n && (s.replicas ?? 0) === n && (s.updatedReplicas ?? 0) === n && s.observedGeneration === d.metadata?.generation ? d : undefined;
  });
}

beforeAll(async () => {
  const t = await teamWithNamespace({ pods: 20 });
  ns = t.namespace;
  dev = t.member;
});

describe("deploying an app", () => {
  it("shows the exact YAML and a server-side dry-run diff before anything exists", async () => {
    const r = await dev.call("POST", `/api/namespaces/${ns}/apps`, { spec, dryRun: true });
    expect(r.status).toBe(200);
    expect(r.body.yaml).toContain("kind: Deployment");
    expect(r.body.yaml).toContain("app.kubernetes.io/managed-by: berth");
    expect(r.body.yaml).not.toMatch(/[&*]a\d+/); // labels used twice are written twice, not as YAML anchors and aliases
    expect(r.body.diffs.map((d: { kind: string; action: string }) => `${d.kind} ${d.action}`)).toEqual(["Deployment create", "Service create"]);
    // defaults the apiserver adds show up in the diff (a real dry run, not our own rendering)
    expect(r.body.diffs[0].diff).toMatch(/^\+\s+progressDeadlineSeconds: 600$/m);
    await expect(apps.readNamespacedDeployment({ name: "shop", namespace: ns })).rejects.toMatchObject({ code: 404 });
  });

  it("checks a spec without touching the cluster (the wizard's steps): each field's message, only for the namespace's team", async () => {
    const ok = await dev.call("POST", `/api/namespaces/${ns}/apps`, { spec, checkOnly: true });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ valid: true });
    await expect(apps.readNamespacedDeployment({ name: "shop", namespace: ns })).rejects.toMatchObject({ code: 404 });

    const bad = await dev.call("POST", `/api/namespaces/${ns}/apps`, { spec: { ...spec, name: "Shop", resources: { cpuRequest: "2 cores" } }, checkOnly: true });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields).toMatchObject({
      "spec.name": expect.stringContaining("lowercase"),
      "spec.resources.cpuRequest": 'CPU must be cores like 0.5, 1 or 500m (not "2 cores")',
    });

    const other = await teamWithNamespace();
    expect((await other.member.call("POST", `/api/namespaces/${ns}/apps`, { spec, checkOnly: true })).status).toBe(403);
  });

  it("creates the Deployment and Service and 3 replicas become ready", async () => {
    const r = await dev.call("POST", `/api/namespaces/${ns}/apps`, { spec });
    expect(r.status).toBe(201);
    const d = await readyReplicas("shop", 3);
    expect(d.metadata?.managedFields?.some((f) => f.manager === "berth" && f.operation === "Apply")).toBe(true);
    const svc = await core.readNamespacedService({ name: "shop", namespace: ns });
    expect(svc.spec?.selector).toEqual({ "app.kubernetes.io/name": "shop" });

    const list = await dev.call("GET", `/api/namespaces/${ns}/apps`);
    expect(list.body.items).toEqual([expect.objectContaining({ name: "shop", image: "nginx:1.26", desired: 3, ready: 3, phase: "Available" })]);
    const detail = await dev.call("GET", `/api/namespaces/${ns}/apps/shop`);
    expect(detail.body.spec).toMatchObject({ name: "shop", image: "nginx:1.26", replicas: 3, exposure: { type: "clusterIP", port: 80 } });
    expect(detail.body.pods).toHaveLength(3);
    expect(detail.body.pods[0]).toMatchObject({ phase: "Running", ready: "1/1", restarts: 0, node: expect.stringMatching(/^kwok-node-/) });
    expect(detail.body.events.map((e: { reason: string }) => e.reason)).toContain("ScalingReplicaSet");
  });

  it("re-applying the same spec as an edit changes nothing", async () => {
    const generation = (await dev.call("GET", `/api/namespaces/${ns}/apps/shop`)).body.summary.generation;
    const r = await dev.call("POST", `/api/namespaces/${ns}/apps`, { spec, dryRun: true, generation });
    expect(r.body.diffs.map((d: { action: string }) => d.action)).toEqual(["unchanged", "unchanged"]);
  });

  it("never deploys a new app on top of an existing one of the same name", async () => {
    for (const dryRun of [true, false]) {
      const r = await dev.call("POST", `/api/namespaces/${ns}/apps`, { spec: { ...spec, image: "httpd:2" }, dryRun });
      expect(r.status).toBe(409);
      expect(r.body.error.message).toContain('An app named "shop" already exists');
      expect(r.body.error.details.fields["spec.name"]).toBeTruthy();
    }
    expect((await apps.readNamespacedDeployment({ name: "shop", namespace: ns })).spec?.template.spec?.containers[0].image).toBe("nginx:1.26");
  });

  it("refuses bad specs with field messages and creates nothing", async () => {
    for (const [bad, field] of [
      [{ ...spec, name: "Bad_Name" }, "spec.name"],
      [{ ...spec, image: "nginx latest" }, "spec.image"],
      [{ ...spec, ports: [{ containerPort: -1 }] }, "spec.ports.0.containerPort"],
      [{ ...spec, resources: { cpuRequest: "2 cores" } }, "spec.resources.cpuRequest"],
      [{ ...spec, resources: { memoryLimit: "512MB" } }, "spec.resources.memoryLimit"],
      [{ ...spec, replicas: 10_000 }, "spec.replicas"],
    ] as const) {
      const r = await dev.call("POST", `/api/namespaces/${ns}/apps`, { spec: bad });
      expect([field, r.status]).toEqual([field, 400]);
      expect(r.body.error.details.fields[field]).toBeTruthy();
    }
  });

  it("answers in Chinese to a person who chose Chinese (field messages, zod's own and Berth's)", async () => {
    const zh = { "accept-language": "zh-CN,zh;q=0.9" };
    const r = await dev.call("POST", `/api/namespaces/${ns}/apps`, { spec: { ...spec, name: "Bad_Name", image: "nginx latest", ports: [{ containerPort: 70000 }] } }, zh);
    expect(r.status).toBe(400);
    expect(r.body.error.details.fields).toMatchObject({
      "spec.name": "应用名称必须是小写",
      "spec.image": "镜像引用中不能有空格",
      "spec.ports.0.containerPort": "端口必须在 1-65535 之间",
    });
    const quota = await dev.call("PUT", `/api/namespaces/${ns}/apps/shop/scale`, { replicas: 999 }, zh);
    expect(quota.body.error.message).toMatch(/^命名空间配额允许 20 个容器组/);
    // the same request without a language preference stays English
    expect((await dev.call("PUT", `/api/namespaces/${ns}/apps/shop/scale`, { replicas: 999 })).body.error.message).toMatch(/^The namespace quota allows 20 pods/);
  });

  it("refuses an app that does not fit the namespace quota, before anything is applied", async () => {
    const r = await dev.call("POST", `/api/namespaces/${ns}/apps`, { spec: { ...spec, name: "huge", replicas: 50, exposure: { type: "none" } } });
    expect(r.status).toBe(422);
    expect(r.body.error.message).toMatch(/quota allows 20 pods and 3 are in use/);
    await expect(apps.readNamespacedDeployment({ name: "huge", namespace: ns })).rejects.toMatchObject({ code: 404 });
  });
});

describe("scaling", () => {
  it("scales 3 → 5 → 1 on the real cluster", async () => {
    expect((await dev.call("PUT", `/api/namespaces/${ns}/apps/shop/scale`, { replicas: 5 })).status).toBe(200);
    await readyReplicas("shop", 5);
    expect((await dev.call("PUT", `/api/namespaces/${ns}/apps/shop/scale`, { replicas: 1 })).status).toBe(200);
    await readyReplicas("shop", 1);
    const pods = await eventually("pods to go", async () => {
      const p = await core.listNamespacedPod({ namespace: ns, labelSelector: "app.kubernetes.io/name=shop" });
      return p.items.length === 1 ? p : undefined;
    });
    expect(pods.items[0].status?.phase).toBe("Running");
  });

  it("refuses scaling beyond the quota with a clear message and keeps the count", async () => {
    const r = await dev.call("PUT", `/api/namespaces/${ns}/apps/shop/scale`, { replicas: 25 });
    expect(r.status).toBe(422);
    expect(r.body.error.message).toContain("quota allows 20 pods");
    expect((await apps.readNamespacedDeployment({ name: "shop", namespace: ns })).spec?.replicas).toBe(1);
  });

  it("does not lose an update when two people scale at once (the spec version they saw)", async () => {
    const seen = (await dev.call("GET", `/api/namespaces/${ns}/apps/shop`)).body.summary.generation;
    const first = await dev.call("PUT", `/api/namespaces/${ns}/apps/shop/scale`, { replicas: 2, generation: seen });
    expect(first.status).toBe(200);
    const second = await dev.call("PUT", `/api/namespaces/${ns}/apps/shop/scale`, { replicas: 4, generation: seen });
    expect(second.status).toBe(409);
    expect(second.body.error.message).toContain("scaled or changed by someone else");
    expect((await apps.readNamespacedDeployment({ name: "shop", namespace: ns })).spec?.replicas).toBe(2);
    await readyReplicas("shop", 2);
  });
});

describe("rolling out and back", () => {
  it("changes the image with a new ReplicaSet, shows both in history, and rolls back to the first image", async () => {
    const r = await dev.call("PUT", `/api/namespaces/${ns}/apps/shop/image`, { image: "nginx:1.27" });
    expect(r.status).toBe(200);
    await eventually("the new image to roll out", async () => {
      const d = await readyReplicas("shop", 2);
      return d.spec?.template.spec?.containers[0].image === "nginx:1.27" && d;
    });
    const h = (await dev.call("GET", `/api/namespaces/${ns}/apps/shop`)).body.history;
    expect(h.map((x: { revision: number; image: string; current: boolean }) => [x.revision, x.image, x.current])).toEqual([
      [2, "nginx:1.27", true],
      [1, "nginx:1.26", false],
    ]);

    const back = await dev.call("POST", `/api/namespaces/${ns}/apps/shop/rollback`, { revision: 1 });
    expect(back.status).toBe(200);
    const d = await eventually("the rollback", async () => {
      const d = await readyReplicas("shop", 2);
      return d.spec?.template.spec?.containers[0].image === "nginx:1.26" && d;
    });
    expect(d.metadata?.annotations?.["deployment.kubernetes.io/revision"]).toBe("3");
    const pods = await core.listNamespacedPod({ namespace: ns, labelSelector: "app.kubernetes.io/name=shop" });
    await eventually("old pods to go", async () => {
      const p = await core.listNamespacedPod({ namespace: ns, labelSelector: "app.kubernetes.io/name=shop" });
      return p.items.every((x) => x.spec?.containers[0].image === "nginx:1.26") && p.items.length === 2;
    });
    expect(pods.items.length).toBeGreaterThan(0);
    expect((await dev.call("POST", `/api/namespaces/${ns}/apps/shop/rollback`, { revision: 99 })).status).toBe(404);
  });

  it("restarts every pod with a new template", async () => {
    const before = (await core.listNamespacedPod({ namespace: ns, labelSelector: "app.kubernetes.io/name=shop" })).items.map((p) => p.metadata!.name);
    expect((await dev.call("POST", `/api/namespaces/${ns}/apps/shop/restart`)).status).toBe(200);
    await eventually("all pods replaced", async () => {
      const p = await core.listNamespacedPod({ namespace: ns, labelSelector: "app.kubernetes.io/name=shop" });
      return p.items.length === 2 && p.items.every((x) => !before.includes(x.metadata!.name) && x.status?.phase === "Running");
    });
  });
});

describe("editing YAML", () => {
  it("applies a YAML edit with server-side apply", async () => {
    const { yaml } = (await dev.call("GET", `/api/namespaces/${ns}/apps/shop/yaml`)).body;
    expect(yaml).not.toContain("managedFields");
    const edited = yaml.replace(/^(\s+)replicas: 2$/m, "$1replicas: 3");
    const dry = await dev.call("PUT", `/api/namespaces/${ns}/apps/shop/yaml`, { yaml: edited, dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body.diffs[0].diff).toMatch(/^\+\s+replicas: 3$/m);
    const r = await dev.call("PUT", `/api/namespaces/${ns}/apps/shop/yaml`, { yaml: edited });
    expect(r.status).toBe(200);
    await readyReplicas("shop", 3);
  });

  it("reports a conflict when the YAML is stale, and when another manager owns the field", async () => {
    const { yaml } = (await dev.call("GET", `/api/namespaces/${ns}/apps/shop/yaml`)).body;
    // someone else changes the app meanwhile, with another tool
    await apps.patchNamespacedDeployment({ name: "shop", namespace: ns, fieldManager: "kubectl-edit", body: [{ op: "replace", path: "/spec/template/spec/containers/0/image", value: "nginx:1.25" }] });
    const stale = await dev.call("PUT", `/api/namespaces/${ns}/apps/shop/yaml`, { yaml: yaml.replace("nginx:1.26", "nginx:1.28") });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toContain("changed by someone else");

    // without resourceVersion: the field belongs to kubectl-edit now, so applying another value conflicts
    const fresh = (await dev.call("GET", `/api/namespaces/${ns}/apps/shop/yaml`)).body.yaml as string;
    const noRv = fresh.replace(/^\s+resourceVersion: .*\n/m, "").replace("nginx:1.25", "nginx:1.28");
    const conflict = await dev.call("PUT", `/api/namespaces/${ns}/apps/shop/yaml`, { yaml: noRv });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.message).toContain("kubectl-edit");
    expect((await apps.readNamespacedDeployment({ name: "shop", namespace: ns })).spec?.template.spec?.containers[0].image).toBe("nginx:1.25");
  });

  it.each([
    ["not YAML", "kind: [unclosed", "not valid YAML"],
    ["two documents", "a: 1\n---\nb: 2\n", "exactly one document"],
    ["a list", "- a\n- b\n", "one object"],
    ["another kind", "apiVersion: v1\nkind: Service\nmetadata:\n  name: shop\n", "kind and apiVersion cannot change"],
    ["another name", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: other\n", "metadata.name cannot change"],
  ])("refuses %s with a clear message", async (_, yaml, message) => {
    const r = await dev.call("PUT", `/api/namespaces/${ns}/apps/shop/yaml`, { yaml });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toContain(message);
  });
});

describe("editing in the form", () => {
  it("re-applies an edited spec over Berth's own one-click changes, and refuses a stale form", async () => {
    const detail = (await dev.call("GET", `/api/namespaces/${ns}/apps/shop`)).body;
    expect(detail.canWrite).toBe(true);
    // the spec read back from the cluster, edited, applied with the version it was read at
    const edited = { ...detail.spec, env: [{ from: "value", name: "MODE", value: "edited" }] };
    // the controller keeps updating the status (resourceVersion) meanwhile; only spec changes make a form stale
    await apps.patchNamespacedDeploymentStatus({ name: "shop", namespace: ns, body: [{ op: "add", path: "/status/conditions/-", value: { type: "Berth-test", status: "True" } }] }).catch(() => undefined);
    const r = await dev.call("POST", `/api/namespaces/${ns}/apps`, { spec: edited, generation: detail.summary.generation });
    expect(r.status).toBe(201);
    const d = await apps.readNamespacedDeployment({ name: "shop", namespace: ns });
    expect(d.spec?.template.spec?.containers[0].env).toEqual([{ name: "MODE", value: "edited" }]);

    const stale = await dev.call("POST", `/api/namespaces/${ns}/apps`, { spec: { ...edited, env: [] }, generation: detail.summary.generation });
    expect(stale.status).toBe(409);
    expect((await apps.readNamespacedDeployment({ name: "shop", namespace: ns })).spec?.template.spec?.containers[0].env).toHaveLength(1);
  });
});

describe("deleting", () => {
  it("asks for the name, then deletes the app and its Service", async () => {
    expect((await dev.call("DELETE", `/api/namespaces/${ns}/apps/shop`, { confirm: "shp" })).status).toBe(400);
    expect((await dev.call("DELETE", `/api/namespaces/${ns}/apps/shop`, { confirm: "shop" })).status).toBe(204);
    await eventually("the Deployment to go", async () => apps.readNamespacedDeployment({ name: "shop", namespace: ns }).then(() => false, (e) => e.code === 404));
    await expect(core.readNamespacedService({ name: "shop", namespace: ns })).rejects.toMatchObject({ code: 404 });
  });
});
