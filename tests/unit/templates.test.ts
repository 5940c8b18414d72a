import { describe, expect, it } from "vitest";
import { checkParametersSchema, dropped, releaseStatus, renderRelease, resolveValues, TemplateError, type ParametersSchema } from "@/lib/domain/templates";

const schema: ParametersSchema = checkParametersSchema({
  type: "object",
  required: ["replicas"],
  properties: {
    image: { type: "string", default: "redis:7" },
    replicas: { type: "integer", default: 1, minimum: 1, maximum: 5 },
    persistence: { type: "boolean", default: true },
    policy: { type: "string", enum: ["noeviction", "allkeys-lru"], default: "noeviction" },
    size: { type: "string", default: "1Gi", "x-berth": { quantity: true } },
    password: { type: "string", "x-berth": { secret: true } },
    rootPassword: { type: "string", "x-berth": { generate: "password" } },
  },
});
const gen = () => "generated-pw";
const release = { name: "cache", namespace: "shop", template: "redis", version: "1.0.0" };

describe("resolveValues", () => {
  it("fills defaults, generates passwords, and keeps secrets apart from the values manifests see", () => {
    const v = resolveValues(schema, { replicas: 2, password: "s3cret" }, gen);
    expect(v.plain).toEqual({ image: "redis:7", replicas: 2, persistence: true, policy: "noeviction", size: "1Gi" });
    expect(v.secrets).toEqual({ password: "s3cret", rootPassword: "generated-pw" });
  });

  it("keeps secret and generated values on an upgrade unless new ones are given", () => {
    const first = resolveValues(schema, { password: "one" }, gen);
    expect(resolveValues(schema, { replicas: 3 }, () => "other", first).secrets).toEqual({ password: "one", rootPassword: "generated-pw" });
    expect(resolveValues(schema, { password: "two" }, () => "other", first).secrets.password).toBe("two");
  });

  it("names every field that is wrong", () => {
    try {
      resolveValues(schema, { replicas: 9, policy: "lfu", size: "lots", extra: 1 }, gen);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TemplateError);
      expect((e as TemplateError).fields).toEqual({
        "values.replicas": "Must be at most 5",
        "values.policy": "Must be one of: noeviction, allkeys-lru",
        "values.size": "Must be a size like 512Mi or 1Gi",
        "values.extra": "This template has no such parameter",
      });
    }
    expect(() => resolveValues(schema, { replicas: "2" }, gen)).toThrow(TemplateError);
  });

  it("refuses schemas a template author got wrong", () => {
    expect(() => checkParametersSchema({ type: "object", properties: { "bad-name": { type: "string" } } })).toThrow(/Parameter name bad-name/);
    expect(() => checkParametersSchema({ type: "object", properties: { pw: { type: "string", default: "x", "x-berth": { secret: true } } } })).toThrow(/cannot have a default/);
  });
});

describe("renderRelease", () => {
  const values = resolveValues(schema, { password: "s3cret" }, gen);
  const manifests = `
apiVersion: v1
kind: ConfigMap
metadata:
  name: "{{release.name}}-config"
data:
  redis.conf: |
    maxmemory-policy {{values.policy}}
    appendonly {{#values.persistence}}yes{{/values.persistence}}{{^values.persistence}}no{{/values.persistence}}
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: "{{release.name}}"
spec:
  replicas: "{{values.replicas}}"
  serviceName: "{{release.name}}"
  selector: { matchLabels: { app: "{{release.name}}" } }
  template:
    metadata: { labels: { app: "{{release.name}}" } }
    spec:
      containers:
      - name: redis
        image: "{{values.image}}"
        env:
        - name: REDIS_PASSWORD
          valueFrom: { secretKeyRef: { name: "{{release.secretName}}", key: password } }
  volumeClaimTemplates:
  - metadata: { name: data }
    spec: { accessModes: [ReadWriteOnce], resources: { requests: { storage: "{{values.size}}" } } }
`;

  it("puts typed values in place, renders text logic-lessly, and labels everything with the release", () => {
    const objects = renderRelease(manifests, release, values);
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(["Secret/cache-values", "ConfigMap/cache-config", "StatefulSet/cache"]);
    const [secret, cm, sts] = objects as unknown as [{ stringData: Record<string, string> }, { data: Record<string, string> }, { spec: { replicas: number; template: { metadata: { labels: Record<string, string> } }; volumeClaimTemplates: { metadata: { labels: Record<string, string> } }[] } }];
    expect(secret.stringData).toEqual({ password: "s3cret", rootPassword: "generated-pw" });
    expect(cm.data["redis.conf"]).toBe("maxmemory-policy noeviction\nappendonly yes\n");
    expect(sts.spec.replicas).toBe(1); // a number, not "1"
    const text = renderRelease('apiVersion: v1\nkind: ConfigMap\nmetadata: { name: n }\ndata: { replicas: "{{{values.replicas}}}" }\n', release, values)[1] as unknown as { data: Record<string, unknown> };
    expect(text.data.replicas).toBe("1"); // triple braces: the same value as text
    for (const o of objects) {
      expect(o.metadata.namespace).toBe("shop");
      expect((o.metadata.labels as Record<string, string>)["berth.dev/release"]).toBe("cache");
      expect((o.metadata.annotations as Record<string, string>)["berth.dev/template"]).toBe("redis@1.0.0");
    }
    expect(sts.spec.template.metadata.labels["berth.dev/release"]).toBe("cache");
    expect(sts.spec.volumeClaimTemplates[0].metadata.labels["berth.dev/release"]).toBe("cache");
  });

  it("restarts pods when their configuration changes: a hash of the ConfigMaps and the secrets' fingerprint on the pod template", () => {
    const hash = (o: unknown) => (o as { spec: { template: { metadata: { annotations: Record<string, string> } } } }).spec.template.metadata.annotations["berth.dev/config-hash"];
    const a = hash(renderRelease(manifests, { ...release, secretsFingerprint: "f1" }, values)[2]);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(hash(renderRelease(manifests, { ...release, secretsFingerprint: "f1" }, values)[2])).toBe(a);
    expect(hash(renderRelease(manifests, { ...release, secretsFingerprint: "f2" }, values)[2])).not.toBe(a);
    const lru = resolveValues(schema, { password: "s3cret", policy: "allkeys-lru" }, gen);
    expect(hash(renderRelease(manifests, { ...release, secretsFingerprint: "f1" }, lru)[2])).not.toBe(a);
  });

  it("never lets a value change the YAML's structure", () => {
    const tricky = resolveValues(schema, { image: 'x"\nkind: ClusterRole\n---\napiVersion: v1' }, gen);
    const objects = renderRelease(manifests, release, tricky);
    expect(objects.map((o) => o.kind)).toEqual(["Secret", "ConfigMap", "StatefulSet"]);
    expect((objects[2] as unknown as { spec: { template: { spec: { containers: { image: string }[] } } } }).spec.template.spec.containers[0].image).toBe('x"\nkind: ClusterRole\n---\napiVersion: v1');
  });

  it("gives template text nothing but its values: no environment, files or prototypes", () => {
    const text = `apiVersion: v1
kind: ConfigMap
metadata: { name: probe }
data:
  env: "[{{process.env.HOME}}][{{values.constructor}}][{{release.__proto__}}]"
  file: "[{{> /etc/passwd}}]"
  secret: "[{{values.password}}]"
`;
    const cm = renderRelease(text, release, values)[1] as unknown as { data: Record<string, string> };
    expect(cm.data).toEqual({ env: "[][][]", file: "[]", secret: "[]" });
  });

  it("refuses cluster-wide kinds and other namespaces before anything is applied", () => {
    const role = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: { name: all }\nrules: []\n";
    expect(() => renderRelease(role, release, values)).toThrow(/cannot be installed here: .*ClusterRole is cluster-wide/);
    const elsewhere = "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x, namespace: kube-system }\n";
    expect(() => renderRelease(elsewhere, release, values)).toThrow(/cannot be installed here/);
    expect(() => renderRelease("kind: [unclosed", release, values)).toThrow(/not valid YAML/);
    expect(() => renderRelease("apiVersion: v1\nkind: ConfigMap\nmetadata: { name: '{{values.nope}}' }\n", release, values)).toThrow(/uses values.nope, which no parameter provides/);
  });
});

describe("release bookkeeping", () => {
  it("lists the objects an upgrade no longer renders", () => {
    expect(dropped([{ apiVersion: "v1", kind: "Service", name: "a" }, { apiVersion: "v1", kind: "ConfigMap", name: "b" }], [{ apiVersion: "v1", kind: "Service", name: "a" }])).toEqual([{ apiVersion: "v1", kind: "ConfigMap", name: "b" }]);
  });

  it("follows the objects: Ready when they run, never Failed while they run, Degraded after the deadline", () => {
    const running = [{ kind: "Deployment", name: "web", desired: 1, ready: 1 }];
    const starting = [{ kind: "Deployment", name: "web", desired: 1, ready: 0, problem: "ImagePullBackOff" }];
    const soon = new Date(Date.now() + 60_000);
    const past = new Date(Date.now() - 1);
    expect(releaseStatus({ phase: "pending", action: "install", deadline: soon }, running, [])).toEqual({ status: "Ready" });
    expect(releaseStatus({ phase: "pending", action: "install", deadline: soon }, starting, [])).toEqual({ status: "Installing", reason: "Deployment/web: ImagePullBackOff" });
    expect(releaseStatus({ phase: "deployed", action: "upgrade" }, starting, [])).toEqual({ status: "Degraded", reason: "Deployment/web: ImagePullBackOff" });
    expect(releaseStatus({ phase: "pending", action: "upgrade", deadline: past }, running, ["Service/web"])).toEqual({ status: "Degraded", reason: "Service/web is missing" });
    expect(releaseStatus({ phase: "failed", action: "install", reason: "timed out" }, [], [])).toEqual({ status: "Failed", reason: "timed out" });
  });
});

describe("the curated catalog (prisma/templates)", async () => {
  const { readCatalog } = await import("@/lib/services/catalog");
  const catalog = readCatalog(new URL("../../prisma/templates", import.meta.url).pathname);
  it("has at least 8 templates, texts in both languages", () => {
    expect(catalog.length).toBeGreaterThanOrEqual(8);
    for (const t of catalog) {
      expect(t.description && t.descriptionZh && t.readme && t.readmeZh, t.slug).toBeTruthy();
      expect(t.versions.length, t.slug).toBeGreaterThan(0);
    }
  });
  it.each(catalog.flatMap((t) => t.versions.map((v) => [`${t.slug}@${v.version}`, v] as const)))("%s renders with its defaults into labelled, namespaced objects", (_, v) => {
    const schema = checkParametersSchema(v.parameters);
    const required = Object.fromEntries((schema.required ?? []).filter((k) => schema.properties[k].default === undefined).map((k) => [k, "sample:1"]));
    const objects = renderRelease(v.manifests, { name: "rel", namespace: "team-ns", template: "t", version: v.version }, resolveValues(schema, required, gen));
    expect(objects.length).toBeGreaterThan(1);
    for (const o of objects) expect(o.metadata.namespace).toBe("team-ns");
    // every command line is text
    const commands = JSON.stringify(objects).match(/"(command|args)":\[[^\]]*\]/g) ?? [];
    for (const c of commands) expect(JSON.parse(`{${c}}`)[c.slice(1, c.indexOf('"', 1))].every((x: unknown) => typeof x === "string"), c).toBe(true);
  });
});
