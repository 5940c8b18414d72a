// AppSpec: what a developer fills in instead of YAML. Pure: validation, the
// manifests it becomes, and the reverse (a Deployment read back into an AppSpec).
import type {
  V1ConfigMap,
  V1Container,
  V1Deployment,
  V1EnvVar,
  V1HorizontalPodAutoscaler,
  V1Ingress,
  V1PersistentVolumeClaim,
  V1Probe,
  V1Service,
  V1StatefulSet,
  V1Volume,
  V1VolumeMount,
} from "@kubernetes/client-node";
import { z } from "zod";
import { dnsLabel } from "./names";
import { isQuantity, parseQuantity } from "./quantity";
import { msg } from "./messages";

// ------------------------------------------------------------------ field schemas

// An image reference (https://github.com/distribution/reference): [registry[:port]/]path[:tag][@digest].
const IMAGE = /^(?:[a-zA-Z0-9.-]+(?::[0-9]+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;

export const image = z
  .string({ error: msg("imageRequired") })
  .trim()
  .min(1, msg("imageRequired"))
  .max(512)
  .refine((v) => !/\s/.test(v), msg("imageSpaces"))
  .refine((v) => IMAGE.test(v), msg("imageFormat"));

const cpu = z
  .string()
  .trim()
  .refine((v) => isQuantity(v) && !/i$/.test(v), msg("cpuFormat"))
  .refine((v) => (parseQuantity(v) ?? -1) > 0, msg("cpuPositive"));
const memory = z
  .string()
  .trim()
  .refine((v) => isQuantity(v), msg("memoryFormat"))
  .refine((v) => !/^\d+(\.\d+)?m$/.test(v), msg("memoryMilli"))
  .refine((v) => (parseQuantity(v) ?? -1) > 0, msg("memoryPositive"));
const storage = z.string().trim().refine((v) => isQuantity(v) && (parseQuantity(v) ?? 0) >= 1 << 20, msg("sizeMin"));

const port = z.number({ error: msg("portNumber") }).int(msg("portWhole")).min(1, msg("portRange")).max(65535, msg("portRange"));
const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, msg("envName"));
const absPath = z.string().regex(/^\/[^\0]*$/, msg("mountAbsolute")).refine((p) => !p.split("/").includes(".."), msg("mountDotDot"));

export const portSpec = z.object({ name: dnsLabel("portName").refine((v) => v.length <= 15, msg("portNameLength")).optional(), containerPort: port, protocol: z.enum(["TCP", "UDP"]).default("TCP") });

export const envVar = z.discriminatedUnion("from", [
  z.object({ from: z.literal("value"), name: envName, value: z.string().max(32_768) }),
  z.object({ from: z.literal("configMap"), name: envName, configMap: dnsLabel("configMapName"), key: z.string().min(1).max(253) }),
  z.object({ from: z.literal("secret"), name: envName, secret: dnsLabel("secretName"), key: z.string().min(1).max(253) }),
]);

export const probe = z
  .object({
    type: z.enum(["http", "tcp", "exec"]),
    path: z.string().startsWith("/", msg("httpPath")).max(2048).optional(),
    port: port.optional(),
    command: z.array(z.string().max(4096)).min(1).max(64).optional(),
    initialDelaySeconds: z.number().int().min(0).max(3600).default(0),
    periodSeconds: z.number().int().min(1).max(3600).default(10),
    failureThreshold: z.number().int().min(1).max(100).default(3),
  })
  .superRefine((p, ctx) => {
    if (p.type === "http" && (!p.path || !p.port)) ctx.addIssue({ code: "custom", message: msg("probeHttp") });
    if (p.type === "tcp" && !p.port) ctx.addIssue({ code: "custom", message: msg("probeTcp") });
    if (p.type === "exec" && !p.command?.length) ctx.addIssue({ code: "custom", message: msg("probeExec") });
  });

export const volumeSpec = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("pvc"),
    name: dnsLabel("volumeName"),
    mountPath: absPath,
    size: storage,
    storageClass: dnsLabel("storageClass").optional(),
    /** One volume per replica (a StatefulSet) instead of one shared claim. */
    perReplica: z.boolean().default(false),
  }),
  z.object({
    type: z.literal("configFiles"),
    name: dnsLabel("volumeName"),
    mountPath: absPath,
    /** file name → content, e.g. { "redis.conf": "maxmemory 100mb" } */
    files: z.record(z.string().regex(/^[-._a-zA-Z0-9]+$/, msg("fileName")), z.string().max(256 * 1024)).refine((f) => Object.keys(f).length > 0, msg("fileRequired")),
  }),
]);

export const exposure = z.discriminatedUnion("type", [
  z.object({ type: z.literal("none") }),
  z.object({ type: z.literal("clusterIP"), port }),
  z.object({ type: z.literal("nodePort"), port, nodePort: z.number().int().min(30000, msg("nodePortRange")).max(32767, msg("nodePortRange")).optional() }),
  z.object({
    type: z.literal("ingress"),
    port,
    host: z.string().regex(/^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, msg("host")).max(253),
    path: z.string().startsWith("/", msg("pathSlash")).max(1024).default("/"),
    ingressClass: dnsLabel("ingressClass").optional(),
  }),
]);

const resources = z
  .object({ cpuRequest: cpu.optional(), cpuLimit: cpu.optional(), memoryRequest: memory.optional(), memoryLimit: memory.optional() })
  .superRefine((r, ctx) => {
    const over = (req?: string, lim?: string) => req && lim && (parseQuantity(req) ?? 0) > (parseQuantity(lim) ?? 0);
    if (over(r.cpuRequest, r.cpuLimit)) ctx.addIssue({ code: "custom", path: ["cpuRequest"], message: msg("cpuRequestOverLimit") });
    if (over(r.memoryRequest, r.memoryLimit)) ctx.addIssue({ code: "custom", path: ["memoryRequest"], message: msg("memoryRequestOverLimit") });
  });

export const appSpec = z
  .object({
    name: dnsLabel("appName").refine((v) => v.length <= 53, msg("appNameLength")),
    image,
    replicas: z.number({ error: msg("replicasNumber") }).int(msg("replicasWhole")).min(0, msg("replicasNegative")).max(1000, msg("replicasMax")),
    ports: z.array(portSpec).max(20).default([]),
    env: z.array(envVar).max(200).default([]),
    resources: resources.default({}),
    probes: z.object({ liveness: probe.optional(), readiness: probe.optional(), startup: probe.optional() }).default({}),
    volumes: z.array(volumeSpec).max(20).default([]),
    command: z.array(z.string().max(4096)).max(64).optional(),
    args: z.array(z.string().max(4096)).max(256).optional(),
    exposure: exposure.default({ type: "none" }),
    autoscale: z
      .object({ min: z.number().int().min(1).max(1000), max: z.number().int().min(1).max(1000), cpuPercent: z.number().int().min(1).max(100).default(80) })
      .refine((a) => a.max >= a.min, { message: msg("autoscaleRange"), path: ["max"] })
      .optional(),
    partOf: dnsLabel("partOf").optional(),
    /** Secrets (kubernetes.io/dockerconfigjson) the node uses to pull the image: one per registry. */
    imagePullSecrets: z.array(dnsLabel("secretName")).max(10).optional(),
  })
  .superRefine((s, ctx) => {
    const names = new Set<string>();
    s.env.forEach((e, i) => {
      if (names.has(e.name)) ctx.addIssue({ code: "custom", path: ["env", i, "name"], message: msg("envTwice", { name: e.name }) });
      names.add(e.name);
    });
    const ports = new Set<number>();
    s.ports.forEach((p, i) => {
      if (ports.has(p.containerPort)) ctx.addIssue({ code: "custom", path: ["ports", i, "containerPort"], message: msg("portTwice", { port: p.containerPort }) });
      ports.add(p.containerPort);
    });
    if (s.exposure.type !== "none" && !s.ports.some((p) => p.containerPort === (s.exposure as { port: number }).port)) {
      ctx.addIssue({ code: "custom", path: ["exposure", "port"], message: msg("exposePort") });
    }
    const vnames = new Set<string>();
    s.volumes.forEach((v, i) => {
      if (vnames.has(v.name)) ctx.addIssue({ code: "custom", path: ["volumes", i, "name"], message: msg("volumeTwice", { name: v.name }) });
      vnames.add(v.name);
    });
  });

export type AppSpec = z.infer<typeof appSpec>;
export type AppSpecInput = z.input<typeof appSpec>;

// ------------------------------------------------------------------ labels

export const LABELS = {
  name: "app.kubernetes.io/name",
  managedBy: "app.kubernetes.io/managed-by",
  partOf: "app.kubernetes.io/part-of",
} as const;

/** The annotation that keeps the spec's non-Kubernetes choices (exposure, autoscale) for editing. */
export const SPEC_ANNOTATION = "berth.dev/app-spec";

export function appLabels(spec: Pick<AppSpec, "name" | "partOf">): Record<string, string> {
  return { [LABELS.name]: spec.name, [LABELS.managedBy]: "berth", [LABELS.partOf]: spec.partOf ?? spec.name };
}

export function selectorLabels(name: string): Record<string, string> {
  return { [LABELS.name]: name };
}

/** The headless Service that gives each replica of a StatefulSet its own DNS name (<app>-0.<app>-pods…). */
export const podsServiceName = (app: string) => `${app}-pods`;

// ------------------------------------------------------------------ spec → manifests

function toProbe(p: z.infer<typeof probe> | undefined): V1Probe | undefined {
  if (!p) return undefined;
  const common = { initialDelaySeconds: p.initialDelaySeconds, periodSeconds: p.periodSeconds, failureThreshold: p.failureThreshold };
  if (p.type === "http") return { ...common, httpGet: { path: p.path!, port: p.port! } };
  if (p.type === "tcp") return { ...common, tcpSocket: { port: p.port! } };
  return { ...common, exec: { command: p.command! } };
}

function toEnv(e: z.infer<typeof envVar>): V1EnvVar {
  if (e.from === "value") return { name: e.name, value: e.value };
  if (e.from === "configMap") return { name: e.name, valueFrom: { configMapKeyRef: { name: e.configMap, key: e.key } } };
  return { name: e.name, valueFrom: { secretKeyRef: { name: e.secret, key: e.key } } };
}

const configMapName = (app: string, volume: string) => `${app}-${volume}`;
const claimName = (app: string, volume: string) => `${app}-${volume}`;

export interface Manifests {
  workload: V1Deployment | V1StatefulSet;
  service?: V1Service;
  /** A StatefulSet's governing headless Service. */
  podsService?: V1Service;
  ingress?: V1Ingress;
  claims: V1PersistentVolumeClaim[];
  configMaps: V1ConfigMap[];
  autoscaler?: V1HorizontalPodAutoscaler;
}

/** Every object an AppSpec becomes, in the order they should be applied. */
export function manifestList(m: Manifests): object[] {
  return [...m.configMaps, ...m.claims, m.podsService, m.workload, m.service, m.ingress, m.autoscaler].filter(Boolean) as object[];
}

export function toManifests(input: AppSpecInput, namespace: string): Manifests {
  const spec = appSpec.parse(input);
  const labels = appLabels(spec);
  const meta = (name: string) => ({ name, namespace, labels });
  const perReplica = spec.volumes.filter((v) => v.type === "pvc" && v.perReplica);
  const stateful = perReplica.length > 0;

  const resources: V1Container["resources"] = {};
  const r = spec.resources;
  if (r.cpuRequest || r.memoryRequest) resources.requests = { ...(r.cpuRequest ? { cpu: r.cpuRequest } : {}), ...(r.memoryRequest ? { memory: r.memoryRequest } : {}) };
  if (r.cpuLimit || r.memoryLimit) resources.limits = { ...(r.cpuLimit ? { cpu: r.cpuLimit } : {}), ...(r.memoryLimit ? { memory: r.memoryLimit } : {}) };

  const mounts: V1VolumeMount[] = spec.volumes.map((v) => ({ name: v.name, mountPath: v.mountPath }));
  const volumes: V1Volume[] = spec.volumes
    .filter((v) => !(v.type === "pvc" && v.perReplica))
    .map((v) => (v.type === "pvc" ? { name: v.name, persistentVolumeClaim: { claimName: claimName(spec.name, v.name) } } : { name: v.name, configMap: { name: configMapName(spec.name, v.name) } }));

  const container: V1Container = {
    name: spec.name,
    image: spec.image,
    ...(spec.command?.length ? { command: spec.command } : {}),
    ...(spec.args?.length ? { args: spec.args } : {}),
    ...(spec.ports.length ? { ports: spec.ports.map((p) => ({ ...(p.name ? { name: p.name } : {}), containerPort: p.containerPort, protocol: p.protocol })) } : {}),
    ...(spec.env.length ? { env: spec.env.map(toEnv) } : {}),
    ...(resources.requests || resources.limits ? { resources } : {}),
    ...(mounts.length ? { volumeMounts: mounts } : {}),
    ...(spec.probes.liveness ? { livenessProbe: toProbe(spec.probes.liveness) } : {}),
    ...(spec.probes.readiness ? { readinessProbe: toProbe(spec.probes.readiness) } : {}),
    ...(spec.probes.startup ? { startupProbe: toProbe(spec.probes.startup) } : {}),
  };

  const pullSecrets = spec.imagePullSecrets?.length ? { imagePullSecrets: spec.imagePullSecrets.map((name) => ({ name })) } : {};
  const template = { metadata: { labels }, spec: { containers: [container], ...pullSecrets, ...(volumes.length ? { volumes } : {}) } };
  // Exposure and autoscale live outside the pod template; keep them for reading the spec back.
  const annotations = { [SPEC_ANNOTATION]: JSON.stringify({ exposure: spec.exposure, autoscale: spec.autoscale, partOf: spec.partOf }) };
  const replicas = spec.autoscale ? undefined : spec.replicas; // the HPA owns replicas when set

  const workload: V1Deployment | V1StatefulSet = stateful
    ? {
        apiVersion: "apps/v1",
        kind: "StatefulSet",
        metadata: { ...meta(spec.name), annotations },
        spec: {
          serviceName: podsServiceName(spec.name),
          ...(replicas !== undefined ? { replicas } : {}),
          selector: { matchLabels: selectorLabels(spec.name) },
          template,
          volumeClaimTemplates: perReplica.map((v) => ({
            metadata: { name: v.name, labels },
            spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: (v as { size: string }).size } }, ...((v as { storageClass?: string }).storageClass ? { storageClassName: (v as { storageClass?: string }).storageClass } : {}) },
          })),
        },
      }
    : {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { ...meta(spec.name), annotations },
        spec: { ...(replicas !== undefined ? { replicas } : {}), selector: { matchLabels: selectorLabels(spec.name) }, template },
      };

  const claims: V1PersistentVolumeClaim[] = spec.volumes
    .filter((v): v is Extract<typeof v, { type: "pvc" }> => v.type === "pvc" && !v.perReplica)
    .map((v) => ({
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: meta(claimName(spec.name, v.name)),
      spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: v.size } }, ...(v.storageClass ? { storageClassName: v.storageClass } : {}) },
    }));

  const configMaps: V1ConfigMap[] = spec.volumes
    .filter((v): v is Extract<typeof v, { type: "configFiles" }> => v.type === "configFiles")
    .map((v) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: meta(configMapName(spec.name, v.name)), data: v.files }));

  let service: V1Service | undefined;
  let ingress: V1Ingress | undefined;
  const ex = spec.exposure;
  if (ex.type !== "none") {
    const target = spec.ports.find((p) => p.containerPort === ex.port)!;
    service = {
      apiVersion: "v1",
      kind: "Service",
      metadata: meta(spec.name),
      spec: {
        type: ex.type === "nodePort" ? "NodePort" : "ClusterIP",
        selector: selectorLabels(spec.name),
        ports: [{ name: target.name ?? "http", port: ex.port, targetPort: ex.port, protocol: target.protocol, ...(ex.type === "nodePort" && ex.nodePort ? { nodePort: ex.nodePort } : {}) }],
      },
    };
    if (ex.type === "ingress") {
      ingress = {
        apiVersion: "networking.k8s.io/v1",
        kind: "Ingress",
        metadata: meta(spec.name),
        spec: {
          ...(ex.ingressClass ? { ingressClassName: ex.ingressClass } : {}),
          rules: [{ host: ex.host, http: { paths: [{ path: ex.path, pathType: "Prefix", backend: { service: { name: spec.name, port: { number: ex.port } } } }] } }],
        },
      };
    }
  }

  const autoscaler: V1HorizontalPodAutoscaler | undefined = spec.autoscale
    ? {
        apiVersion: "autoscaling/v1",
        kind: "HorizontalPodAutoscaler",
        metadata: meta(spec.name),
        spec: {
          scaleTargetRef: { apiVersion: "apps/v1", kind: workload.kind!, name: spec.name },
          minReplicas: spec.autoscale.min,
          maxReplicas: spec.autoscale.max,
          targetCPUUtilizationPercentage: spec.autoscale.cpuPercent,
        },
      }
    : undefined;

  // Headless (no cluster IP): DNS answers with each ready replica's own address.
  const podsService: V1Service | undefined = stateful
    ? {
        apiVersion: "v1",
        kind: "Service",
        metadata: meta(podsServiceName(spec.name)),
        spec: {
          clusterIP: "None",
          selector: selectorLabels(spec.name),
          ...(spec.ports.length ? { ports: spec.ports.map((p) => ({ name: p.name ?? `port-${p.containerPort}`, port: p.containerPort, targetPort: p.containerPort, protocol: p.protocol })) } : {}),
        },
      }
    : undefined;

  return { workload, service, podsService, ingress, claims, configMaps, autoscaler };
}

// ------------------------------------------------------------------ Deployment → spec

function fromProbe(p: V1Probe | undefined): z.infer<typeof probe> | undefined {
  if (!p) return undefined;
  const common = { initialDelaySeconds: p.initialDelaySeconds ?? 0, periodSeconds: p.periodSeconds ?? 10, failureThreshold: p.failureThreshold ?? 3 };
  if (p.httpGet) return { type: "http", path: p.httpGet.path ?? "/", port: Number(p.httpGet.port), ...common };
  if (p.tcpSocket) return { type: "tcp", port: Number(p.tcpSocket.port), ...common };
  if (p.exec?.command) return { type: "exec", command: p.exec.command, ...common };
  return undefined;
}

/**
 * Reads a workload (and the ConfigMaps it mounts, when given) back into an AppSpec
 * for editing. Works for Deployments Berth did not create too: what an AppSpec
 * cannot express (sidecars, init containers) is reported in `unsupported`.
 */
export function fromWorkload(w: V1Deployment | V1StatefulSet, configMaps: V1ConfigMap[] = []): { spec: AppSpecInput; unsupported: string[] } {
  const unsupported: string[] = [];
  const pod = w.spec?.template?.spec;
  const containers = pod?.containers ?? [];
  if (containers.length > 1) unsupported.push(`${containers.length - 1} extra container(s)`);
  if (pod?.initContainers?.length) unsupported.push("init containers");
  const c = containers[0] ?? ({ name: "", image: "" } as V1Container);
  const saved = (() => {
    try {
      return JSON.parse(w.metadata?.annotations?.[SPEC_ANNOTATION] ?? "{}") as Partial<AppSpec>;
    } catch {
      return {};
    }
  })();

  const env: z.input<typeof envVar>[] = [];
  for (const e of c.env ?? []) {
    if (e.valueFrom?.configMapKeyRef) env.push({ from: "configMap", name: e.name, configMap: e.valueFrom.configMapKeyRef.name!, key: e.valueFrom.configMapKeyRef.key });
    else if (e.valueFrom?.secretKeyRef) env.push({ from: "secret", name: e.name, secret: e.valueFrom.secretKeyRef.name!, key: e.valueFrom.secretKeyRef.key });
    else if (e.valueFrom) unsupported.push(`env ${e.name} (fieldRef/resourceFieldRef)`);
    else env.push({ from: "value", name: e.name, value: e.value ?? "" });
  }

  const podVolumes = pod?.volumes ?? [];
  const claimTemplates = (w as V1StatefulSet).spec?.volumeClaimTemplates ?? [];
  const volumes: z.input<typeof volumeSpec>[] = [];
  for (const m of c.volumeMounts ?? []) {
    const v = podVolumes.find((pv) => pv.name === m.name);
    const tpl = claimTemplates.find((t) => t.metadata?.name === m.name);
    if (tpl) volumes.push({ type: "pvc", name: m.name, mountPath: m.mountPath, size: tpl.spec?.resources?.requests?.storage ?? "1Gi", storageClass: tpl.spec?.storageClassName, perReplica: true });
    else if (v?.persistentVolumeClaim) volumes.push({ type: "pvc", name: m.name, mountPath: m.mountPath, size: "1Gi", perReplica: false });
    else if (v?.configMap) {
      const cm = configMaps.find((x) => x.metadata?.name === v.configMap!.name);
      volumes.push({ type: "configFiles", name: m.name, mountPath: m.mountPath, files: cm?.data ?? {} });
    } else unsupported.push(`volume ${m.name}`);
  }

  const req = c.resources?.requests ?? {};
  const lim = c.resources?.limits ?? {};
  const spec: AppSpecInput = {
    name: w.metadata?.name ?? "",
    image: c.image ?? "",
    replicas: w.spec?.replicas ?? 1,
    ports: (c.ports ?? []).map((p) => ({ ...(p.name ? { name: p.name } : {}), containerPort: p.containerPort, protocol: (p.protocol as "TCP" | "UDP") ?? "TCP" })),
    env,
    resources: { cpuRequest: req.cpu, memoryRequest: req.memory, cpuLimit: lim.cpu, memoryLimit: lim.memory },
    probes: { liveness: fromProbe(c.livenessProbe), readiness: fromProbe(c.readinessProbe), startup: fromProbe(c.startupProbe) },
    volumes,
    ...(c.command ? { command: c.command } : {}),
    ...(c.args ? { args: c.args } : {}),
    exposure: saved.exposure ?? { type: "none" },
    ...(saved.autoscale ? { autoscale: saved.autoscale } : {}),
    ...(saved.partOf ? { partOf: saved.partOf } : {}),
    ...(pod?.imagePullSecrets?.length ? { imagePullSecrets: pod.imagePullSecrets.map((s) => s.name ?? "").filter(Boolean) } : {}),
  };
  // Drop empty optional objects so a round trip is exact.
  spec.resources = Object.fromEntries(Object.entries(spec.resources ?? {}).filter(([, v]) => v !== undefined));
  spec.probes = Object.fromEntries(Object.entries(spec.probes ?? {}).filter(([, v]) => v !== undefined));
  return { spec, unsupported };
}
