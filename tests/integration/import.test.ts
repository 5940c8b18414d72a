// Import YAML and Export on the real cluster: a multi-object app imported whole (and shown
// as apps), an import with one forbidden object applying nothing, every kind of bad input
// refused with the document and field named, and an export that is clean and re-importable.
import { AppsV1Api, CoreV1Api } from "@kubernetes/client-node";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { adminKubeConfig } from "../support/cluster";
import type { Client } from "../support/http";
import { tlsPair } from "../support/images";
import { teamWithNamespace } from "../support/teams";

const kc = adminKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const apps = kc.makeApiClient(AppsV1Api);
let ns: string;
let other: string;
let dev: Client;

const deployment = (name: string, labels = `{ app: ${name} }`) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: 1
  selector:
    matchLabels: ${labels}
  template:
    metadata:
      labels: ${labels}
    spec:
      containers:
        - name: ${name}
          image: nginx:1.27
          envFrom:
            - configMapRef: { name: shop-settings }
          resources: { requests: { cpu: 10m, memory: 16Mi }, limits: { cpu: 50m, memory: 32Mi } }
`;
const service = (name: string) => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector: { app: ${name} }
  ports: [{ port: 80, targetPort: 80 }]
`;
const SHOP = [
  "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shop-settings\ndata:\n  MODE: production\n",
  deployment("shop-web"),
  service("shop-web"),
  deployment("shop-api"),
  service("shop-api"),
].join("---\n");

const importYaml = (yaml: string, dryRun: boolean, client = dev, namespace = ns) => client.call("POST", `/api/namespaces/${namespace}/import`, { yaml, dryRun });

beforeAll(async () => {
  const t = await teamWithNamespace();
  ns = t.namespace;
  dev = t.member;
  other = `${t.slug}-other`;
  expect((await t.admin.call("POST", `/api/teams/${t.slug}/namespaces`, { name: other, limits: { quota: { cpu: "8", memory: "16Gi", pods: 20 } } })).status).toBe(201);
});

describe("importing an app", () => {
  it("shows each object's dry-run diff and creates nothing", async () => {
    const r = await importYaml(SHOP, true);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.objects.map((o: { kind: string; name: string; action: string }) => `${o.kind}/${o.name} ${o.action}`)).toEqual([
      "ConfigMap/shop-settings create",
      "Deployment/shop-web create",
      "Service/shop-web create",
      "Deployment/shop-api create",
      "Service/shop-api create",
    ]);
    await expect(apps.readNamespacedDeployment({ name: "shop-web", namespace: ns })).rejects.toMatchObject({ code: 404 });
  });

  it("creates them all, as the person, and they are apps like any other", async () => {
    const r = await importYaml(SHOP, false);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect((await apps.readNamespacedDeployment({ name: "shop-api", namespace: ns })).metadata?.namespace).toBe(ns);
    expect((await core.readNamespacedService({ name: "shop-web", namespace: ns })).spec?.ports?.[0].port).toBe(80);
    const list = await dev.call("GET", `/api/namespaces/${ns}/apps`);
    expect(list.body.items.map((a: { name: string }) => a.name).sort()).toEqual(["shop-api", "shop-web"]);
    expect((await dev.call("PUT", `/api/namespaces/${ns}/apps/shop-web/scale`, { replicas: 2 })).status).toBe(200);
    // the app page shows what came with it
    const page = await dev.call("GET", `/api/namespaces/${ns}/apps/shop-web`);
    expect(page.body.uses).toEqual({ configMaps: ["shop-settings"], secrets: [] });
    expect(page.body.endpoints.length).toBeGreaterThan(0);
    expect((await apps.readNamespacedDeployment({ name: "shop-web", namespace: ns })).spec?.replicas).toBe(2);
  });

  it("applies nothing when one object is forbidden to the team (a ResourceQuota)", async () => {
    const yaml = [deployment("extra"), "apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: more\nspec:\n  hard: { pods: '1000' }\n"].join("---\n");
    const r = await importYaml(yaml, false);
    expect(r.status).toBe(403);
    expect(r.body.error.message).toMatch(/^ResourceQuota\/more was refused: .*\. Nothing was applied\.$/);
    await expect(apps.readNamespacedDeployment({ name: "extra", namespace: ns })).rejects.toMatchObject({ code: 404 });
  });
});

describe("bad input, each with the document and field named, nothing applied", () => {
  const { cert, otherKey } = tlsPair();
  const bomb = ["a: &a [x, x, x, x, x, x, x, x, x]", ...Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`)].join("\n");

  it.each([
    ["not YAML", "kind: [unclosed\n", /^Document 1: /],
    ["a YAML bomb (billion laughs)", bomb, /^Document 1: too many YAML aliases/],
    ["10,000 documents", Array.from({ length: 10_000 }, () => "a: 1").join("\n---\n"), /^The YAML has 10000 documents; an import takes at most 200\.$/],
    ["a document without kind", "apiVersion: v1\nmetadata:\n  name: x\n", /^Document 1: apiVersion and kind are required$/],
    ["an unknown kind", "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n", /^Widget\/w in document 1: kind: Berth does not import Widget/],
    ["a cluster-wide kind", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: evil\n", /^Namespace\/evil in document 1: kind: Namespace is cluster-wide/],
    ["another namespace", `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: kube-system\ndata: {}\n`, /^ConfigMap\/c in document 1: metadata.namespace: names namespace "kube-system"/],
    ["a Secret whose data is not base64", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  password: not base64!\n", /^Secret\/s in document 1: data.password: not base64/],
  ])("%s", async (_what, yaml, message) => {
    const r = await importYaml(yaml, false);
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(message);
  });

  it("a TLS Secret whose key does not match its certificate", async () => {
    const yaml = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: t\ntype: kubernetes.io/tls\ndata:\n  tls.crt: ${Buffer.from(cert).toString("base64")}\n  tls.key: ${Buffer.from(otherKey).toString("base64")}\n`;
    const r = await importYaml(`${deployment("fine")}---\n${yaml}`, false);
    expect(r.status).toBe(400);
    expect(r.body.error.message).toBe("Secret/t in document 2: data.tls.crt: The key does not belong to this certificate");
    await expect(apps.readNamespacedDeployment({ name: "fine", namespace: ns })).rejects.toMatchObject({ code: 404 });
  });
});

describe("exporting an app", () => {
  it("gives clean YAML — no status, server fields or anchors — that imports elsewhere", async () => {
    const r = await fetch(`${inject("baseUrl")}/api/namespaces/${ns}/apps/shop-web/export`, { headers: { cookie: dev.cookie } });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toContain("application/yaml");
    const yaml = await r.text();
    for (const field of ["status:", "managedFields", "uid:", "resourceVersion", "creationTimestamp", "clusterIP:", "deployment.kubernetes.io/revision"]) expect(yaml, field).not.toContain(field);
    expect(yaml).not.toMatch(/[&*]a\d+/);
    expect(yaml).toContain("kind: ConfigMap");
    expect(yaml).toContain("kind: Deployment");
    expect(yaml).toContain("kind: Service");
    const again = await importYaml(yaml.replaceAll(`namespace: ${ns}`, `namespace: ${other}`), true, dev, other);
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.objects.map((o: { kind: string; action: string }) => `${o.kind} ${o.action}`)).toEqual(["ConfigMap create", "Deployment create", "Service create"]);
  });
});
