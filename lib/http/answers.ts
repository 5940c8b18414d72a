// The shapes of the API's JSON answers, for the OpenAPI document (lib/http/openapi.ts). They
// name the fields a client can rely on; objects are open (`looseObject`): Berth may add
// fields, a client ignores what it does not know.
import { z } from "zod";
import { appUsageSchema } from "../domain/usage";

const when = z.string().meta({ format: "date-time" });
const list = <T extends z.ZodType>(item: T, paged = false) =>
  z.object({ items: z.array(item), ...(paged ? { total: z.number().int(), cursor: z.string().optional().meta({ description: "Pass as `cursor` for the next page; absent on the last page." }) } : {}) });

const phase = z.string().meta({ description: "Running, Progressing, Degraded, Failed, Stopped …" });
const appSummary = z
  .looseObject({ name: z.string(), namespace: z.string(), kind: z.enum(["Deployment", "StatefulSet"]), image: z.string(), desired: z.number().int(), ready: z.number().int(), phase, reason: z.string().optional() })
  .meta({ id: "AppSummary" });
const diffEntry = z.looseObject({ kind: z.string(), name: z.string(), action: z.enum(["create", "update", "unchanged"]), diff: z.string() }).meta({ id: "DiffEntry" });
const role = z.enum(["owner", "developer", "viewer"]);
const teamRef = z.object({ slug: z.string(), name: z.string(), role });
const audit = z.looseObject({ id: z.string(), action: z.string(), actor: z.string(), target: z.string(), result: z.string(), at: when, count: z.number().int(), cluster: z.string().nullable().meta({ description: "The cluster of the namespace it happened in." }) }).meta({ id: "AuditEntry" });
const configSummary = z.looseObject({ name: z.string(), keys: z.array(z.object({ key: z.string(), bytes: z.number().int() })), usedBy: z.array(z.looseObject({ app: z.string(), kind: z.string() })), resourceVersion: z.string() });
const build = z
  .looseObject({ id: z.string(), namespace: z.string(), image: z.string(), status: z.enum(["Pending", "Running", "Succeeded", "Failed", "Cancelled"]), sourceKind: z.string(), digest: z.string().nullable(), error: z.string().nullable() })
  .meta({ id: "Build" });
const pipeline = z.looseObject({ id: z.string(), name: z.string(), namespace: z.string(), image: z.string(), sourceKind: z.string(), webhook: z.string() }).meta({ id: "Pipeline" });
const release = z
  .looseObject({ name: z.string(), template: z.looseObject({ slug: z.string(), name: z.string() }), version: z.string(), status: z.string(), reason: z.string().nullable() })
  .meta({ id: "Release" });
const templateSummary = z.looseObject({ slug: z.string(), name: z.string(), category: z.string(), description: z.string(), latest: z.string(), private: z.boolean(), published: z.boolean() });
const template = z
  .looseObject({ slug: z.string(), name: z.string(), category: z.string(), canEdit: z.boolean(), versions: z.array(z.looseObject({ version: z.string(), kind: z.string(), deprecated: z.boolean(), parameters: z.unknown() })) })
  .meta({ id: "Template" });
const registry = z
  .looseObject({ name: z.string(), url: z.string(), username: z.string().nullable(), hasPassword: z.boolean().meta({ description: "The password itself is never returned." }), builtIn: z.boolean() })
  .meta({ id: "Registry" });
const clusterHealth = z.looseObject({ reachable: z.boolean(), server: z.string(), version: z.string().optional(), nodes: z.number().int().optional(), nodesReady: z.number().int().optional(), pods: z.number().int().optional(), apps: z.number().int().optional(), error: z.string().optional() });
const cluster = z
  .looseObject({ name: z.string(), displayName: z.string(), source: z.enum(["default", "kubeconfig"]).optional(), server: z.string().nullable().optional(), namespaces: z.number().int().optional(), health: clusterHealth.optional() })
  .meta({ id: "Cluster", description: "A cluster Berth works with; its kubeconfig is never returned." });
const reservedView = z.object({ cpu: z.number(), memoryBytes: z.number(), pods: z.number().int(), storageBytes: z.number(), namespaces: z.number().int() });
const limitsView = z.object({
  limits: z.object({ cpu: z.string(), memory: z.string(), pods: z.number().int(), storage: z.string(), namespaces: z.number().int() }).meta({ description: "The team's own: they hold on every cluster without its own." }),
  reserved: reservedView,
  clusters: z.array(
    z.object({
      cluster: z.string(),
      displayName: z.string(),
      own: z.boolean().meta({ description: "Limits set apart for this cluster (else the team's own hold)." }),
      limits: z.object({ cpu: z.string(), memory: z.string(), pods: z.number().int(), storage: z.string() }),
      reserved: reservedView,
    }),
  ),
});

export const answers = {
  appSummary,
  apps: list(appSummary, true),
  app: z.looseObject({ summary: appSummary, spec: z.looseObject({ name: z.string(), image: z.string(), replicas: z.number().int() }), pods: z.array(z.looseObject({ name: z.string(), phase: z.string() })), events: z.array(z.looseObject({ reason: z.string(), message: z.string() })) }),
  scaled: z.object({ replicas: z.number().int(), resourceVersion: z.string().optional() }),
  yaml: z.object({ yaml: z.string() }),
  diffs: z.object({ diffs: z.array(diffEntry) }),
  logs: z.object({ pods: z.array(z.string()), lines: z.array(z.looseObject({ pod: z.string(), text: z.string() })) }),
  pods: list(z.looseObject({ name: z.string(), phase: z.string(), ready: z.string(), restarts: z.number().int() }), true),
  imported: z.object({ dryRun: z.boolean(), objects: z.array(diffEntry) }),
  configs: z.object({ items: z.array(configSummary), cursor: z.string().optional() }),
  configMap: configSummary.extend({ data: z.record(z.string(), z.string()) }),
  secret: configSummary.extend({ type: z.string() }).meta({ description: "Key names and sizes only: a value is read one at a time, on purpose (…/values/{key})." }),
  secretSaved: z.object({ diffs: z.array(diffEntry), keys: z.array(z.string()) }),
  secretValue: z.object({ key: z.string(), value: z.string() }),
  restarted: z.object({ restarted: z.array(z.string()) }),
  builds: z.object({ items: z.array(build), next: z.string().nullable().meta({ description: "Pass as `before` for the next page; null on the last page." }) }),
  build,
  pipelines: list(pipeline),
  pipeline,
  pipelineMade: pipeline.extend({ secret: z.string().meta({ description: "The webhook secret, shown once." }) }),
  releases: list(z.looseObject({ name: z.string(), version: z.string(), latest: z.string(), upgradeAvailable: z.boolean(), status: z.string() })),
  release,
  uninstalled: z.object({ uninstalled: z.string(), keptVolumes: z.array(z.string()) }),
  templates: list(templateSummary),
  template,
  preview: z.object({ objects: z.array(z.object({ kind: z.string(), name: z.string() })), yaml: z.string() }),
  teams: list(teamRef),
  team: z.looseObject({ slug: z.string(), name: z.string() }),
  members: list(z.looseObject({ userId: z.string(), email: z.string(), name: z.string(), role, since: when })),
  invited: z.looseObject({ email: z.string() }),
  namespaces: list(z.looseObject({ name: z.string(), cluster: z.string(), limits: z.unknown().optional() })),
  namespace: z.looseObject({ name: z.string() }),
  registries: list(registry),
  registry,
  registryTest: z.object({ ok: z.boolean(), problem: z.string().optional(), message: z.string() }),
  clusters: list(cluster),
  cluster,
  clusterTest: z.looseObject({ server: z.string(), version: z.string(), nodes: z.number().int(), nodesReady: z.number().int(), missing: z.array(z.string()).meta({ description: "What Berth's identity there may not do (empty: it has what it needs)." }) }),
  kubeContexts: list(z.object({ context: z.string(), server: z.string(), current: z.boolean(), cluster: z.string().nullable().meta({ description: "The cluster already registered for this server." }) })),
  limits: limitsView,
  audit: list(audit),
  me: z.object({ user: z.looseObject({ id: z.string(), email: z.string(), name: z.string() }), via: z.enum(["session", "token"]), team: z.string().nullable(), teams: z.array(teamRef) }),
  tokens: list(z.looseObject({ id: z.string(), name: z.string(), prefix: z.string(), scope: z.string(), createdAt: when, expiresAt: when.nullable() })),
  tokenMade: z.looseObject({ token: z.string().meta({ description: "Shown once: Berth keeps only its hash." }) }),
  passwordLink: z.object({ setupUrl: z.string(), expiresAt: when, email: z.string() }),
  passwordSet: z.object({ email: z.string() }),
  usage: appUsageSchema,
  artifactAccepted: z.object({ build: z.string().meta({ description: "The build it started." }) }),
  webhook: z.object({ build: z.string().optional().meta({ description: "The build it started." }), commit: z.string().nullable().optional(), ignored: z.string().optional().meta({ description: "Why nothing was built (a push to another branch)." }) }),
};
