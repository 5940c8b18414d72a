// "Import YAML": documents pasted or uploaded, read safely (size, document count and
// alias expansion bounded: no billion laughs), each checked before anything reaches the
// cluster — namespaced kinds only, into this namespace only, Secrets' data as base64 —
// and "Export": an app's objects as clean YAML, ready to commit. Pure.
import YAML from "yaml";
import { z } from "zod";
import { pemPair } from "./config";
import { msg } from "./messages";

export const IMPORT_MAX_BYTES = 1024 * 1024;
export const IMPORT_MAX_DOCUMENTS = 200;
const MAX_ALIASES = 100;

export const importInput = z.object({ yaml: z.string().max(IMPORT_MAX_BYTES, msg("importTooLarge", { limit: "1 MB" })), dryRun: z.boolean().default(true) });

/** Kinds an import may hold: namespaced, and what an app is made of (RBAC still decides who may create them). */
export const IMPORTABLE = new Map<string, string[]>([
  ["Deployment", ["apps/v1"]],
  ["StatefulSet", ["apps/v1"]],
  ["DaemonSet", ["apps/v1"]],
  ["Service", ["v1"]],
  ["ConfigMap", ["v1"]],
  ["Secret", ["v1"]],
  ["PersistentVolumeClaim", ["v1"]],
  ["ServiceAccount", ["v1"]],
  ["Pod", ["v1"]],
  ["ResourceQuota", ["v1"]],
  ["LimitRange", ["v1"]],
  ["Ingress", ["networking.k8s.io/v1"]],
  ["NetworkPolicy", ["networking.k8s.io/v1"]],
  ["Job", ["batch/v1"]],
  ["CronJob", ["batch/v1"]],
  ["HorizontalPodAutoscaler", ["autoscaling/v2", "autoscaling/v1"]],
  ["PodDisruptionBudget", ["policy/v1"]],
  ["Role", ["rbac.authorization.k8s.io/v1"]],
  ["RoleBinding", ["rbac.authorization.k8s.io/v1"]],
]);

/** Cluster-wide kinds a namespace import never creates. */
const CLUSTER_SCOPED = new Set(["Namespace", "Node", "PersistentVolume", "StorageClass", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "PriorityClass", "IngressClass", "RuntimeClass", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration", "APIService", "CSIDriver", "CSINode", "VolumeAttachment", "CertificateSigningRequest"]);

export interface ImportObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; [k: string]: unknown };
  [k: string]: unknown;
}

export class ImportError extends Error {
  constructor(
    message: string,
    readonly problems: { document: number; object?: string; field?: string; message: string }[],
  ) {
    super(message);
    this.name = "ImportError";
  }
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

/** The documents as objects for `namespace`, or an ImportError naming every bad document and field. */
export function parseImport(text: string, namespace: string): ImportObject[] {
  if (Buffer.byteLength(text) > IMPORT_MAX_BYTES) throw new ImportError(msg("importTooLarge", { limit: "1 MB" }), []);
  const docs = YAML.parseAllDocuments(text, { uniqueKeys: true });
  const list = Array.isArray(docs) ? docs : [docs];
  if (list.length > IMPORT_MAX_DOCUMENTS) throw new ImportError(msg("importTooManyDocuments", { count: list.length, max: IMPORT_MAX_DOCUMENTS }), []);
  const problems: ImportError["problems"] = [];
  const out: ImportObject[] = [];
  list.forEach((doc, i) => {
    const document = i + 1;
    const add = (message: string, object?: string, field?: string) => {
      const text = field ? `${field}: ${message}` : message;
      problems.push({ document, object, field, message: object ? msg("importProblemAt", { document, object, message: text }) : msg("importProblem", { document, message: text }) });
    };
    if (doc.errors.length) return add(doc.errors[0].message.split("\n")[0]);
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIASES });
    } catch (e) {
      return add(/alias/i.test((e as Error).message) ? msg("importAliases") : (e as Error).message);
    }
    if (value === null || value === undefined) return; // an empty document (a trailing ---)
    if (!isRecord(value)) return add(msg("importNotObject"));
    const { apiVersion, kind, metadata } = value as { apiVersion?: unknown; kind?: unknown; metadata?: unknown };
    if (typeof apiVersion !== "string" || typeof kind !== "string") return add(msg("importKindRequired"));
    const name = isRecord(metadata) && typeof metadata.name === "string" ? metadata.name : undefined;
    const label = `${kind}/${name ?? "?"}`;
    if (!name) return add(msg("importNameRequired"), label, "metadata.name");
    if (CLUSTER_SCOPED.has(kind)) return add(msg("importClusterScoped", { kind }), label, "kind");
    const versions = IMPORTABLE.get(kind);
    if (!versions) return add(msg("importUnknownKind", { kind, kinds: [...IMPORTABLE.keys()].join(", ") }), label, "kind");
    if (!versions.includes(apiVersion)) return add(msg("importApiVersion", { kind, apiVersion, expected: versions.join(" or ") }), label, "apiVersion");
    const ns = (metadata as Record<string, unknown>).namespace;
    if (ns !== undefined && ns !== namespace) return add(msg("importNamespace", { other: String(ns), namespace }), label, "metadata.namespace");
    if (kind === "Secret" && isRecord(value.data)) {
      for (const [k, v] of Object.entries(value.data)) {
        if (typeof v !== "string" || !BASE64.test(v.replace(/\s+/g, ""))) return add(msg("importBase64"), label, `data.${k}`);
      }
      if (value.type === "kubernetes.io/tls") {
        const text = (k: string) => Buffer.from(String((value.data as Record<string, unknown>)[k] ?? ""), "base64").toString("utf8");
        const problem = pemPair(text("tls.crt"), text("tls.key"));
        if (problem) return add(problem, label, problem === msg("tlsKey") ? "data.tls.key" : "data.tls.crt");
      }
    }
    const clean = { ...(metadata as Record<string, unknown>) };
    for (const f of ["resourceVersion", "uid", "creationTimestamp", "generation", "managedFields", "selfLink"]) delete clean[f];
    const { status: _status, ...rest } = value;
    out.push({ ...rest, apiVersion, kind, metadata: { ...clean, name, namespace } } as ImportObject);
  });
  if (problems.length) throw new ImportError(problems[0].message, problems);
  if (!out.length) throw new ImportError(msg("importEmpty"), []);
  const seen = new Set<string>();
  for (const o of out) {
    const key = `${o.kind}/${o.metadata.name}`;
    if (seen.has(key)) throw new ImportError(msg("importTwice", { object: key }), [{ document: 0, object: key, message: msg("importTwice", { object: key }) }]);
    seen.add(key);
  }
  return out;
}

/** An object as it belongs in Git: no status, server-set fields or last-applied copies. */
export function exportable(o: Record<string, unknown>): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(o)) as Record<string, unknown> & { metadata?: Record<string, unknown> };
  delete copy.status;
  const meta = copy.metadata ?? {};
  for (const f of ["resourceVersion", "uid", "creationTimestamp", "generation", "managedFields", "selfLink", "ownerReferences"]) delete meta[f];
  const annotations = meta.annotations as Record<string, string> | undefined;
  if (annotations) {
    for (const a of ["deployment.kubernetes.io/revision", "kubectl.kubernetes.io/last-applied-configuration"]) delete annotations[a];
    if (!Object.keys(annotations).length) delete meta.annotations;
  }
  if (copy.kind === "Service" && copy.spec && typeof copy.spec === "object") {
    const spec = copy.spec as Record<string, unknown>;
    for (const f of ["clusterIP", "clusterIPs"]) delete spec[f];
  }
  return copy;
}

/** Several objects as one YAML stream, without anchors or aliases (kubectl's style). */
export function toYamlStream(objects: object[]): string {
  return objects.map((o) => YAML.stringify(o, { aliasDuplicateObjects: false })).join("---\n");
}
