// ConfigMaps and Secrets as a team edits them: validation, the objects they become, which
// apps use them, and diffs that never carry a Secret's values. Pure.
import { createPrivateKey, X509Certificate } from "node:crypto";
import type { V1ConfigMap, V1PodTemplateSpec, V1Secret } from "@kubernetes/client-node";
import { z } from "zod";
import { msg } from "./messages";
import { dnsLabel } from "./names";
import { dockerConfigJson } from "./registry";

/** Kubernetes stores an object in etcd with a 1 MiB limit; the data of one must stay below it. */
export const CONFIG_MAX_BYTES = 1024 * 1024 - 16 * 1024;

const KEY = /^[-._a-zA-Z0-9]+$/;

const totalSize = (data: Record<string, string>) => Object.entries(data).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
/** key → value; each bad key is reported under its own name. */
const dataMap = z
  .record(z.string(), z.string())
  .superRefine((d, ctx) => {
    for (const k of Object.keys(d)) if (!KEY.test(k) || k.length > 253) ctx.addIssue({ code: "custom", path: [k], message: msg("configKey") });
  })
  .refine((d) => totalSize(d) <= CONFIG_MAX_BYTES, msg("configTooLarge", { limit: "1 MiB" }));

export const configMapInput = z.object({
  name: dnsLabel("configMapName"),
  data: dataMap.refine((d) => Object.keys(d).length > 0, msg("configNoKeys")),
  /** The version the form was loaded at (an edit); a concurrent change makes the save a 409. */
  resourceVersion: z.string().max(64).optional(),
  dryRun: z.boolean().default(false),
});

/** Why a certificate and key are not a usable TLS pair (undefined when they are). */
export function pemPair(cert: string, key: string): string | undefined {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch {
    return msg("tlsCert");
  }
  let pk;
  try {
    pk = createPrivateKey(key);
  } catch {
    return msg("tlsKey");
  }
  return x509.checkPrivateKey(pk) ? undefined : msg("tlsMismatch");
}

export const secretInput = z.discriminatedUnion("type", [
  z.object({ type: z.literal("Opaque"), name: dnsLabel("secretName"), data: dataMap.refine((d) => Object.keys(d).length > 0, msg("configNoKeys")), dryRun: z.boolean().default(false) }),
  z.object({
    type: z.literal("kubernetes.io/dockerconfigjson"),
    name: dnsLabel("secretName"),
    registry: z.string().trim().min(1).max(253).regex(/^[a-z0-9.-]+(:\d+)?$/i, msg("registryHostFormat")),
    username: z.string().min(1).max(256),
    password: z.string().min(1).max(4096),
    dryRun: z.boolean().default(false),
  }),
  z
    .object({ type: z.literal("kubernetes.io/tls"), name: dnsLabel("secretName"), cert: z.string().max(256 * 1024), key: z.string().max(64 * 1024), dryRun: z.boolean().default(false) })
    .superRefine((s, ctx) => {
      const problem = pemPair(s.cert, s.key);
      if (problem) ctx.addIssue({ code: "custom", path: [problem === msg("tlsKey") ? "key" : "cert"], message: problem });
    }),
]);
export type SecretInput = z.infer<typeof secretInput>;

/** An edit of a Secret: only the keys that change travel, never the ones kept. */
export const secretEdit = z.object({
  set: dataMap.default({}),
  remove: z.array(z.string().min(1).max(253).regex(KEY, msg("configKey"))).max(500).default([]),
  resourceVersion: z.string().min(1).max(64),
  dryRun: z.boolean().default(false),
});

const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");
const MANAGED = { "app.kubernetes.io/managed-by": "berth" };

export function configMapObject(namespace: string, name: string, data: Record<string, string>, resourceVersion?: string): V1ConfigMap {
  return { apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace, labels: MANAGED, ...(resourceVersion ? { resourceVersion } : {}) }, data };
}

/** A new Secret of one of the three types, values base64-encoded as the API wants them. */
export function secretObject(namespace: string, s: SecretInput): V1Secret {
  const metadata = { name: s.name, namespace, labels: MANAGED };
  if (s.type === "Opaque") return { apiVersion: "v1", kind: "Secret", metadata, type: "Opaque", data: Object.fromEntries(Object.entries(s.data).map(([k, v]) => [k, b64(v)])) };
  if (s.type === "kubernetes.io/tls") return { apiVersion: "v1", kind: "Secret", metadata, type: s.type, data: { "tls.crt": b64(s.cert), "tls.key": b64(s.key) } };
  return { apiVersion: "v1", kind: "Secret", metadata, type: s.type, data: { ".dockerconfigjson": dockerConfigJson(s.registry, s.username, s.password) } };
}

/** The Secret after an edit: changed keys replaced, removed keys gone, the rest as it was. */
export function editedSecret(current: V1Secret, edit: z.infer<typeof secretEdit>): V1Secret {
  const data = { ...(current.data ?? {}) };
  for (const k of edit.remove) delete data[k];
  for (const [k, v] of Object.entries(edit.set)) data[k] = b64(v);
  return { apiVersion: "v1", kind: "Secret", metadata: { name: current.metadata!.name, namespace: current.metadata!.namespace, resourceVersion: edit.resourceVersion, labels: current.metadata?.labels }, type: current.type, data };
}

/** What the browser may see of a Secret: its keys and their sizes, never a value. */
export function secretSummary(s: V1Secret) {
  return {
    name: s.metadata?.name ?? "",
    type: s.type ?? "Opaque",
    keys: Object.entries(s.data ?? {}).map(([key, v]) => ({ key, bytes: Buffer.from(v, "base64").length })),
    resourceVersion: s.metadata?.resourceVersion ?? "",
    createdAt: s.metadata?.creationTimestamp ? new Date(s.metadata.creationTimestamp).toISOString() : null,
  };
}

export function configMapSummary(c: V1ConfigMap) {
  return {
    name: c.metadata?.name ?? "",
    keys: Object.entries(c.data ?? {}).map(([key, v]) => ({ key, bytes: Buffer.byteLength(v) })),
    resourceVersion: c.metadata?.resourceVersion ?? "",
    createdAt: c.metadata?.creationTimestamp ? new Date(c.metadata.creationTimestamp).toISOString() : null,
  };
}

/**
 * A Secret with every value replaced by a mark, for the dry-run diff: on the new side
 * (`after`) a value that differs from `other` says so, nothing else is ever shown.
 */
export function redactSecret(s: V1Secret | undefined, other: V1Secret | undefined, after: boolean): object | undefined {
  if (!s) return undefined;
  const data = Object.fromEntries(Object.entries(s.data ?? {}).map(([k, v]) => [k, after && other?.data?.[k] !== v ? "(hidden, changed)" : "(hidden)"]));
  const { stringData: _s, ...rest } = s as V1Secret & { stringData?: unknown };
  return { ...rest, data };
}

/** Every ConfigMap and Secret a pod template names, and how (env, envFrom, volume, imagePullSecrets). */
export function templateReferences(template: V1PodTemplateSpec | undefined): { kind: "ConfigMap" | "Secret"; name: string; how: string }[] {
  const spec = template?.spec;
  if (!spec) return [];
  const out: { kind: "ConfigMap" | "Secret"; name: string; how: string }[] = [];
  const add = (kind: "ConfigMap" | "Secret", name: string | undefined, how: string) => name && out.push({ kind, name, how });
  for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
    for (const e of c.env ?? []) {
      add("ConfigMap", e.valueFrom?.configMapKeyRef?.name, "env");
      add("Secret", e.valueFrom?.secretKeyRef?.name, "env");
    }
    for (const f of c.envFrom ?? []) {
      add("ConfigMap", f.configMapRef?.name, "envFrom");
      add("Secret", f.secretRef?.name, "envFrom");
    }
  }
  for (const v of spec.volumes ?? []) {
    add("ConfigMap", v.configMap?.name, "volume");
    add("Secret", v.secret?.secretName, "volume");
    for (const p of v.projected?.sources ?? []) {
      add("ConfigMap", p.configMap?.name, "volume");
      add("Secret", p.secret?.name, "volume");
    }
  }
  for (const s of spec.imagePullSecrets ?? []) add("Secret", s.name, "imagePullSecrets");
  return out;
}

/** How a pod template uses one ConfigMap or Secret (empty: it does not). */
export function usesObject(template: V1PodTemplateSpec | undefined, kind: "ConfigMap" | "Secret", name: string): string[] {
  return [...new Set(templateReferences(template).filter((r) => r.kind === kind && r.name === name).map((r) => r.how))];
}

/** The ConfigMaps and Secrets a pod template names (for the app page and export). */
export function referencedObjects(template: V1PodTemplateSpec | undefined): { configMaps: string[]; secrets: string[] } {
  const refs = templateReferences(template);
  const names = (kind: "ConfigMap" | "Secret") => [...new Set(refs.filter((r) => r.kind === kind).map((r) => r.name))].sort();
  return { configMaps: names("ConfigMap"), secrets: names("Secret") };
}
