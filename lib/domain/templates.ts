// Marketplace templates: typed parameters (a JSON Schema object), the values a person gives
// checked against it, and manifests rendered from them. Pure.
//
// Rendering is logic-less and safe: the manifests are parsed as YAML first; then every string
// scalar that is exactly `{{ path }}` takes the typed value (a number stays a number; write
// `{{{ path }}}` where a number must become text, as in a command line), and any other
// string is rendered with Mustache (logic-less: sections, no code, no partials, no
// file or environment access; the view is plain data without prototypes). A value can never
// change the YAML's structure. The output is checked like an import (namespaced kinds, this
// namespace only) and every object is labelled with its release.
//
// Secret parameters (and generated passwords) never enter the view: they go into one Secret
// the release owns (`{{ release.secretName }}`), which manifests reference by key.
import { Ajv, type ErrorObject } from "ajv";
import Mustache from "mustache";
import { createHash } from "node:crypto";
import YAML from "yaml";
import { ImportError, parseImport, type ImportObject } from "./import";
import { msg } from "./messages";
import { isQuantity } from "./quantity";

/** Berth's extensions to a parameter's JSON Schema. */
export interface ParameterExtension {
  /** Kept in the release's Secret, never shown again, never rendered into a manifest. */
  secret?: boolean;
  /** Generated when not given (a password). */
  generate?: "password";
  /** A Kubernetes quantity like 1Gi or 500m. */
  quantity?: boolean;
  /** Title and description in Simplified Chinese (`title` / `description` are English). */
  titleZh?: string;
  descriptionZh?: string;
  /** A Helm chart's values as one YAML document (charts whose values are nested). */
  yaml?: boolean;
}

export interface ParameterSchema {
  type: "string" | "integer" | "number" | "boolean";
  title?: string;
  description?: string;
  default?: string | number | boolean;
  enum?: (string | number)[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  "x-berth"?: ParameterExtension;
}

export interface ParametersSchema {
  type: "object";
  properties: Record<string, ParameterSchema>;
  required?: string[];
}

export class TemplateError extends Error {
  constructor(
    message: string,
    /** field path → message ("values.password": "…") */
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = "TemplateError";
  }
}

const NAME = /^[a-zA-Z][a-zA-Z0-9_]{0,62}$/;
const TYPES = new Set(["string", "integer", "number", "boolean"]);

/** Checks a template's parameters schema (authors' mistakes are reported, not thrown at installers). */
export function checkParametersSchema(schema: unknown): ParametersSchema {
  const s = schema as ParametersSchema;
  if (!s || typeof s !== "object" || s.type !== "object" || !s.properties || typeof s.properties !== "object") {
    throw new TemplateError(msg("templateSchemaObject"));
  }
  for (const [name, p] of Object.entries(s.properties)) {
    if (!NAME.test(name)) throw new TemplateError(msg("templateParamName", { name }));
    if (!p || !TYPES.has(p.type)) throw new TemplateError(msg("templateParamType", { name }));
    const x = p["x-berth"] ?? {};
    if ((x.secret || x.generate) && p.type !== "string") throw new TemplateError(msg("templateParamSecretString", { name }));
    if (x.secret && p.default !== undefined) throw new TemplateError(msg("templateParamSecretDefault", { name }));
  }
  for (const r of s.required ?? []) if (!s.properties[r]) throw new TemplateError(msg("templateParamRequiredUnknown", { name: r }));
  return s;
}

export const isSecretParameter = (p: ParameterSchema) => !!(p["x-berth"]?.secret || p["x-berth"]?.generate);

const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: false, useDefaults: false });
ajv.addKeyword({ keyword: "x-berth" });

function fieldMessage(e: ErrorObject, p: ParameterSchema | undefined): string {
  switch (e.keyword) {
    case "type":
      return msg("paramType", { type: String(e.params.type) });
    case "enum":
      return msg("paramEnum", { options: (p?.enum ?? []).join(", ") });
    case "minimum":
    case "maximum":
      return msg(e.keyword === "minimum" ? "paramMin" : "paramMax", { limit: String(e.params.limit) });
    case "minLength":
    case "maxLength":
      return msg(e.keyword === "minLength" ? "paramMinLength" : "paramMaxLength", { limit: String(e.params.limit) });
    case "pattern":
      return msg("paramPattern", { pattern: String(e.params.pattern) });
    case "required":
      return msg("paramRequired");
    case "additionalProperties":
      return msg("paramUnknown");
    default:
      return e.message ?? "invalid";
  }
}

export interface ResolvedValues {
  /** Values the manifests may use ({{ values.name }}). */
  plain: Record<string, string | number | boolean>;
  /** Secret and generated values: only in the release's Secret. */
  secrets: Record<string, string>;
}

/**
 * The values of an install or upgrade: defaults filled in, generated passwords made (or kept
 * from `previous` on an upgrade, as are secret values not given again), everything checked
 * against the schema. Field errors name `values.<parameter>`.
 */
export function resolveValues(schema: ParametersSchema, input: Record<string, unknown>, generate: () => string, previous?: ResolvedValues): ResolvedValues {
  const fields: Record<string, string> = {};
  const given: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    if (!Object.hasOwn(schema.properties, k)) fields[`values.${k}`] = msg("paramUnknown");
    else if (v !== undefined && v !== null && v !== "") given[k] = v;
  }
  const all: Record<string, unknown> = {};
  for (const [name, p] of Object.entries(schema.properties)) {
    if (given[name] !== undefined) all[name] = given[name];
    else if (isSecretParameter(p) && previous?.secrets[name] !== undefined) all[name] = previous.secrets[name];
    else if (p["x-berth"]?.generate === "password") all[name] = generate();
    else if (p.default !== undefined) all[name] = p.default;
  }
  const validate = ajv.compile({ ...schema, additionalProperties: false });
  if (!validate(all)) {
    for (const e of validate.errors ?? []) {
      const name = e.keyword === "required" ? String(e.params.missingProperty) : e.instancePath.replace(/^\//, "").split("/")[0];
      fields[`values.${name}`] ??= fieldMessage(e, schema.properties[name]);
    }
  }
  for (const [name, p] of Object.entries(schema.properties)) {
    if (p["x-berth"]?.quantity && typeof all[name] === "string" && !isQuantity(all[name] as string)) fields[`values.${name}`] ??= msg("paramQuantity");
  }
  if (Object.keys(fields).length) throw new TemplateError(msg("paramsInvalid"), fields);
  const out: ResolvedValues = { plain: {}, secrets: {} };
  for (const [name, p] of Object.entries(schema.properties)) {
    // an optional secret left empty is an empty key, so manifests can always reference it
    if (isSecretParameter(p)) out.secrets[name] = all[name] === undefined ? "" : String(all[name]);
    else if (all[name] !== undefined) out.plain[name] = all[name] as string | number | boolean;
  }
  return out;
}

// ---------------------------------------------------------------- rendering

export interface ReleaseRef {
  name: string;
  namespace: string;
  template: string;
  version: string;
  /** A keyed fingerprint of the secret values (they are never hashed here in the clear). */
  secretsFingerprint?: string;
}

export const CONFIG_ANNOTATION = "berth.dev/config-hash";

export const RELEASE_LABEL = "berth.dev/release";
export const TEMPLATE_ANNOTATION = "berth.dev/template";
export const releaseSecretName = (release: string) => `${release}-values`;

export const MANIFESTS_MAX_BYTES = 256 * 1024;

/** Plain data without prototypes: Mustache finds nothing but what is put here. */
function bare(o: Record<string, unknown>): Record<string, unknown> {
  const out = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of Object.entries(o)) out[k] = v && typeof v === "object" && !Array.isArray(v) ? bare(v as Record<string, unknown>) : v;
  return out;
}

function lookup(view: Record<string, unknown>, path: string): unknown {
  let cur: unknown = view;
  for (const part of path.split(".")) {
    if (!cur || typeof cur !== "object" || !Object.hasOwn(cur as object, part)) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

const EXACT = /^\{\{\s*([A-Za-z_][\w.]*)\s*\}\}$/;
const noEscape = (s: string) => s;

function substitute(node: unknown, view: Record<string, unknown>, where: string[]): unknown {
  if (typeof node === "string") {
    const exact = EXACT.exec(node);
    if (exact) {
      const v = lookup(view, exact[1]);
      if (v === undefined) throw new TemplateError(msg("templateUnknownValue", { name: exact[1], at: where.join(".") }));
      return v;
    }
    if (!node.includes("{{")) return node;
    try {
      return Mustache.render(node, view, {}, { escape: noEscape });
    } catch (e) {
      throw new TemplateError(msg("templateSyntax", { at: where.join("."), message: (e as Error).message }));
    }
  }
  if (Array.isArray(node)) return node.map((n, i) => substitute(n, view, [...where, String(i)]));
  if (node && typeof node === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) out[k] = substitute(v, view, [...where, k]);
    return out;
  }
  return node;
}

function withConfigHash(meta: Record<string, unknown>, hash: string): Record<string, unknown> {
  return { ...meta, annotations: { ...((meta.annotations as object) ?? {}), [CONFIG_ANNOTATION]: hash } };
}

function labelled(meta: Record<string, unknown> | undefined, release: ReleaseRef): Record<string, unknown> {
  const m = meta ?? {};
  return { ...m, labels: { ...((m.labels as object) ?? {}), [RELEASE_LABEL]: release.name, "app.kubernetes.io/instance": release.name, "app.kubernetes.io/managed-by": "berth" } };
}

/**
 * Release labels on an object and on what it makes (pod templates, per-replica volume claims),
 * so uninstall finds them all; pod templates also carry a hash of the release's configuration,
 * so an upgrade that changes a ConfigMap or a secret value restarts the pods that read them.
 */
function label(o: ImportObject, release: ReleaseRef, configHash: string): ImportObject {
  const metadata = { ...labelled(o.metadata, release), name: o.metadata.name, namespace: o.metadata.namespace, annotations: { ...((o.metadata.annotations as object) ?? {}), [TEMPLATE_ANNOTATION]: `${release.template}@${release.version}` } };
  const out: ImportObject = { ...o, metadata };
  const spec = out.spec as Record<string, unknown> | undefined;
  if (spec && (o.kind === "Deployment" || o.kind === "StatefulSet" || o.kind === "DaemonSet" || o.kind === "Job")) {
    const tpl = spec.template as Record<string, unknown> | undefined;
    const claims = spec.volumeClaimTemplates as Record<string, unknown>[] | undefined;
    out.spec = {
      ...spec,
      ...(tpl ? { template: { ...tpl, metadata: withConfigHash(labelled(tpl.metadata as Record<string, unknown>, release), configHash) } } : {}),
      ...(claims ? { volumeClaimTemplates: claims.map((c) => ({ ...c, metadata: labelled(c.metadata as Record<string, unknown>, release) })) } : {}),
    };
  }
  return out;
}

/**
 * The objects of a release: the manifests rendered with its values, checked as an import into
 * its namespace (namespaced kinds only, nothing elsewhere), labelled with the release; its
 * Secret of secret values first when there are any.
 */
export function renderRelease(manifests: string, release: ReleaseRef, values: ResolvedValues): ImportObject[] {
  if (Buffer.byteLength(manifests) > MANIFESTS_MAX_BYTES) throw new TemplateError(msg("templateTooLarge"));
  const view = bare({ release: { name: release.name, namespace: release.namespace, secretName: releaseSecretName(release.name) }, values: values.plain, template: { slug: release.template, version: release.version } });
  const rendered = parseDocuments(manifests).map(({ js, document }) => substitute(js, view, [`document ${document}`]));
  const secret: ImportObject[] = Object.keys(values.secrets).length
    ? [{ apiVersion: "v1", kind: "Secret", metadata: { name: releaseSecretName(release.name), namespace: release.namespace }, type: "Opaque", stringData: { ...values.secrets } }]
    : [];
  return finish(rendered, release, secret);
}

/**
 * The objects of a release whose manifests something else rendered (`helm template` for an
 * imported chart): no placeholders left to fill; checked and labelled the same way.
 */
export function checkRendered(yaml: string, release: ReleaseRef): ImportObject[] {
  if (Buffer.byteLength(yaml) > 4 * MANIFESTS_MAX_BYTES) throw new TemplateError(msg("templateTooLarge"));
  return finish(parseDocuments(yaml).map((d) => d.js), release, []);
}

function parseDocuments(text: string): { js: unknown; document: number }[] {
  const docs = YAML.parseAllDocuments(text, { uniqueKeys: true });
  const list = Array.isArray(docs) ? docs : [docs];
  const out: { js: unknown; document: number }[] = [];
  list.forEach((doc, i) => {
    if (doc.errors.length) throw new TemplateError(msg("templateYaml", { document: i + 1, message: doc.errors[0].message.split("\n")[0] }));
    const js = doc.toJS({ maxAliasCount: 100 });
    if (js !== null && js !== undefined) out.push({ js, document: i + 1 });
  });
  return out;
}

function finish(rendered: unknown[], release: ReleaseRef, extra: ImportObject[]): ImportObject[] {
  let objects: ImportObject[];
  try {
    objects = parseImport(rendered.map((r) => YAML.stringify(r)).join("---\n"), release.namespace);
  } catch (e) {
    if (e instanceof ImportError) throw new TemplateError(msg("templateRefused", { reason: e.problems.map((p) => p.message).join("; ") || e.message }));
    throw e;
  }
  const names = new Set<string>();
  for (const o of objects) {
    const key = `${o.kind}/${o.metadata.name}`;
    if (names.has(key)) throw new TemplateError(msg("templateDuplicate", { object: key }));
    names.add(key);
    if (extra.length && o.kind === "Secret" && o.metadata.name === releaseSecretName(release.name)) throw new TemplateError(msg("templateReservedName", { object: key }));
  }
  const configHash = createHash("sha256")
    .update(JSON.stringify(objects.filter((o) => o.kind === "ConfigMap").map((o) => [o.metadata.name, o.data ?? {}, o.binaryData ?? {}])))
    .update(release.secretsFingerprint ?? "")
    .digest("hex")
    .slice(0, 16);
  return [...extra, ...objects].map((o) => label(o, release, configHash));
}

/** What a release owns, as references: kept in the release record to find them again. */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  name: string;
}

export const refsOf = (objects: ImportObject[]): ObjectRef[] => objects.map((o) => ({ apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name }));

/** Objects an upgrade no longer renders: deleted after the new ones are applied. */
export function dropped(before: ObjectRef[], after: ObjectRef[]): ObjectRef[] {
  const keep = new Set(after.map((r) => `${r.kind}/${r.name}`));
  return before.filter((r) => !keep.has(`${r.kind}/${r.name}`));
}

// ---------------------------------------------------------------- status

export type ReleaseStatus = "Installing" | "Upgrading" | "Ready" | "Degraded" | "Failed";

export interface WorkloadState {
  kind: string;
  name: string;
  desired: number;
  ready: number;
  /** The workload's own problem, when it reports one (a Degraded reason, a pod's waiting reason). */
  problem?: string;
}

/**
 * A release's status from its objects (Kubernetes is the truth), and the operation Berth is
 * running on it: never "failed" while everything runs; "Installing"/"Upgrading" only until the
 * deadline, after which the operation has failed with the reason the workloads give.
 */
export function releaseStatus(op: { phase: "pending" | "deployed" | "failed"; action: "install" | "upgrade"; deadline?: Date; reason?: string | null }, workloads: WorkloadState[], missing: string[], now = new Date()): { status: ReleaseStatus; reason?: string } {
  const notReady = workloads.filter((w) => w.ready < w.desired);
  const problem = [...missing.map((m) => msg("releaseMissing", { object: m })), ...notReady.map((w) => `${w.kind}/${w.name}: ${w.problem ?? msg("readyOf", { ready: w.ready, desired: w.desired })}`)].join("; ");
  if (op.phase === "failed") return { status: "Failed", reason: op.reason ?? undefined };
  if (!problem) return { status: "Ready" };
  if (op.phase === "pending" && (!op.deadline || now < op.deadline)) return { status: op.action === "install" ? "Installing" : "Upgrading", reason: problem };
  return { status: "Degraded", reason: problem };
}
