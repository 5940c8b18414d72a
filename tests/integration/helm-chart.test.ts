// Berth on Kubernetes: its image made without a Docker daemon (scripts/image.ts, Berth's own
// image builder) and pushed to the local registry, the chart in deploy/helm/berth installed with
// the helm binary built from Go modules; the objects and their RBAC are checked, and on the real
// node both replicas start (migrations in an init container, the in-chart PostgreSQL) and
// answer /healthz and the API through the Service.
import { AppsV1Api, AuthorizationV1Api, CoreV1Api, PolicyV1Api, RbacAuthorizationV1Api, type V1ResourceAttributes } from "@kubernetes/client-node";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { helmBinary } from "@/lib/helm/render";
import { CONSOLE_RULES } from "../../lib/domain/console-rbac";
import { buildBerthImage } from "../../scripts/image";
import { adminKubeConfig, eventually, uniqueName } from "../support/cluster";
import { httpGetScript, runPod } from "../support/real-node";
import { freeRealNode, REAL_NODE_ANNOTATION } from "../support/teams";

const chart = path.resolve(import.meta.dirname, "../../deploy/helm/berth");
const kc = adminKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const ns = uniqueName("berth-sys");
const release = "console";
const full = "console-berth"; // (the local cluster has its own berth-console objects, made by scripts/cluster)

function helm(args: string[]) {
  const r = spawnSync(helmBinary(), args, { encoding: "utf8", env: { PATH: "/usr/bin:/bin", HOME: "/tmp", KUBECONFIG: inject("adminKubeconfig"), HELM_CACHE_HOME: "/tmp/berth-helm-cache", HELM_CONFIG_HOME: "/tmp/berth-helm-config", HELM_DATA_HOME: "/tmp/berth-helm-data" } as unknown as NodeJS.ProcessEnv });
  return { ok: r.status === 0, out: `${r.stdout}${r.stderr}` };
}

let image: { ref: string };

beforeAll(async () => {
  image = await buildBerthImage(inject("registry"), { tag: "chart-test", say: () => {} });
  await core.createNamespace({ body: { metadata: { name: ns, annotations: REAL_NODE_ANNOTATION } } });
  const [repository, tag] = image.ref.split(/:(?=[^:]+$)/);
  const r = helm(["install", release, chart, "--namespace", ns, "--set", `image.repository=${repository}`, "--set", `image.tag=${tag}`, "--set", "admin.password=chart-admin-password-1"]);
  expect(r.ok, r.out).toBe(true);
}, 900_000);

afterAll(async () => {
  helm(["uninstall", release, "--namespace", ns, "--wait", "--timeout", "2m"]);
  await freeRealNode(ns);
});

describe("the Helm chart", () => {
  it("lints, and its values.schema.json refuses a bad value with the field named", () => {
    const lint = helm(["lint", chart]);
    expect(lint.ok, lint.out).toBe(true);
    const bad = helm(["template", "x", chart, "--set", "replicaCount=0"]);
    expect(bad.ok).toBe(false);
    expect(bad.out).toContain("/replicaCount");
    const badUrl = helm(["template", "x", chart, "--set", "database.url=mysql://x"]);
    expect(badUrl.ok).toBe(false);
    expect(badUrl.out).toContain("/database/url");
  });

  it("makes the Deployment (2 replicas, probes, resources), Service, PDB, ServiceAccount and Secret", async () => {
    const d = await kc.makeApiClient(AppsV1Api).readNamespacedDeployment({ name: full, namespace: ns });
    expect(d.spec!.replicas).toBe(2);
    const c = d.spec!.template.spec!.containers[0];
    expect(c.image).toBe(image.ref);
    expect(c.livenessProbe!.httpGet!.path).toBe("/healthz");
    expect(c.readinessProbe!.httpGet!.path).toBe("/readyz");
    expect(c.resources!.requests).toMatchObject({ cpu: "100m", memory: "256Mi" });
    expect(c.resources!.limits).toMatchObject({ memory: "1Gi" });
    expect(d.spec!.template.spec!.initContainers![0].command).toEqual(["node", "node_modules/prisma/build/index.js", "migrate", "deploy"]);
    expect(d.spec!.template.spec!.securityContext!.runAsNonRoot).toBe(true);
    expect(d.spec!.template.spec!.serviceAccountName).toBe(full);
    const svc = await core.readNamespacedService({ name: full, namespace: ns });
    expect(svc.spec!.ports![0].port).toBe(80);
    const pdb = await kc.makeApiClient(PolicyV1Api).readNamespacedPodDisruptionBudget({ name: full, namespace: ns });
    expect(pdb.spec!.minAvailable).toBe(1);
    await core.readNamespacedServiceAccount({ name: full, namespace: ns });
    const secret = await core.readNamespacedSecret({ name: full, namespace: ns });
    expect(Object.keys(secret.data!)).toEqual(expect.arrayContaining(["NEXTAUTH_SECRET", "BERTH_SECRET_KEY", "DATABASE_URL", "BERTH_ADMIN_PASSWORD"]));
    expect(Buffer.from(secret.data!.BERTH_SECRET_KEY, "base64").length).toBeGreaterThanOrEqual(16);
  });

  it("grants exactly the RBAC the README lists, to the chart's ServiceAccount only", async () => {
    const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
    const role = await rbac.readClusterRole({ name: full });
    const norm = (rules: { apiGroups?: string[]; resources?: string[]; verbs: string[]; resourceNames?: string[] }[]) => rules.map((r) => ({ apiGroups: r.apiGroups, resources: r.resources, verbs: r.verbs, ...(r.resourceNames ? { resourceNames: r.resourceNames } : {}) }));
    expect(norm(role.rules!)).toEqual(norm(CONSOLE_RULES));
    const binding = await rbac.readClusterRoleBinding({ name: full });
    expect(binding.subjects).toEqual([{ kind: "ServiceAccount", name: full, namespace: ns }]);

    const sa = `system:serviceaccount:${ns}:${full}`;
    const can = async (resourceAttributes: V1ResourceAttributes) =>
      (await kc.makeApiClient(AuthorizationV1Api).createSubjectAccessReview({ body: { spec: { user: sa, groups: ["system:serviceaccounts", `system:serviceaccounts:${ns}`], resourceAttributes } } })).status!.allowed;
    expect(await can({ verb: "impersonate", resource: "users", name: "berth:user:someone@example.com" })).toBe(true);
    expect(await can({ verb: "impersonate", resource: "serviceaccounts", name: "default", namespace: "kube-system" })).toBe(false);
    expect(await can({ verb: "create", resource: "deployments", group: "apps", namespace: "default" })).toBe(false);
    expect(await can({ verb: "get", resource: "secrets", namespace: "kube-system" })).toBe(false);
    expect(await can({ verb: "bind", resource: "clusterroles", group: "rbac.authorization.k8s.io", name: "cluster-admin" })).toBe(false);
    expect(await can({ verb: "watch", resource: "pods", namespace: "default" })).toBe(true);
  });

  it("runs two ready replicas on the real node that answer /healthz and the API through the Service", async () => {
    const pods = await eventually("both console replicas Ready", async () => {
      const list = await core.listNamespacedPod({ namespace: ns, labelSelector: "app.kubernetes.io/component=console" });
      const ready = list.items.filter((p) => p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True"));
      return ready.length === 2 ? ready : undefined;
    }, 300_000, 2000);
    expect(pods.every((p) => p.spec!.nodeName === "berth-node")).toBe(true);
    expect(pods.every((p) => p.status!.initContainerStatuses![0].state!.terminated!.exitCode === 0)).toBe(true);

    const host = `${full}.${ns}.svc.cluster.local`;
    const health = await runPod(kc, ns, httpGetScript(host, 80, "/healthz"));
    expect(health.log).toMatch(/^HTTP\/1\.1 200/);
    const api = await runPod(kc, ns, httpGetScript(host, 80, "/api/me"));
    expect(api.log).toMatch(/^HTTP\/1\.1 401/);
    expect(api.log).toContain('"code":"unauthenticated"');
    expect(api.log).toMatch(/x-request-id: [0-9a-f-]{36}/i);
  });
});
