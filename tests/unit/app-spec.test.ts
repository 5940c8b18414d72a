import { describe, expect, it } from "vitest";
import type { V1Deployment, V1StatefulSet } from "@kubernetes/client-node";
import { appSpec, fromWorkload, manifestList, toManifests, type AppSpecInput } from "@/lib/domain/app-spec";

const base: AppSpecInput = { name: "web", image: "nginx:1.27", replicas: 3, ports: [{ containerPort: 80 }] };

function firstError(input: unknown): string | undefined {
  const r = appSpec.safeParse(input);
  return r.success ? undefined : `${r.error.issues[0].path.join(".")}: ${r.error.issues[0].message}`;
}

describe("AppSpec validation", () => {
  it.each([
    [{ ...base, name: "Web" }, "name: App name must be lowercase"],
    [{ ...base, name: "web_app" }, "name: App name may contain only lowercase letters, digits and '-', and must start and end with a letter or digit"],
    [{ ...base, name: "" }, "name: App name is required"],
    [{ ...base, name: "a".repeat(54) }, "name: App name must be at most 53 characters (Kubernetes adds suffixes)"],
    [{ ...base, image: "nginx latest" }, "image: An image reference has no spaces"],
    [{ ...base, image: "NGINX" }, "image: Not an image reference: use name[:tag] or registry/name[:tag][@sha256:digest], lowercase"],
    [{ ...base, replicas: -1 }, "replicas: Replicas cannot be negative"],
    [{ ...base, replicas: 1.5 }, "replicas: Replicas must be a whole number"],
    [{ ...base, replicas: 10_000 }, "replicas: Replicas can be at most 1000"],
    [{ ...base, ports: [{ containerPort: 0 }] }, "ports.0.containerPort: Port must be 1-65535"],
    [{ ...base, ports: [{ containerPort: 70000 }] }, "ports.0.containerPort: Port must be 1-65535"],
    [{ ...base, ports: [{ containerPort: 80 }, { containerPort: 80 }] }, "ports.1.containerPort: Port 80 is listed twice"],
    [{ ...base, resources: { cpuRequest: "2 cores" } }, 'resources.cpuRequest: CPU must be cores like 0.5, 1 or 500m (not "2 cores")'],
    [{ ...base, resources: { memoryLimit: "512MB" } }, 'resources.memoryLimit: Memory must be a quantity like 256Mi or 1Gi (not "512MB")'],
    [{ ...base, resources: { memoryLimit: "-1" } }, "resources.memoryLimit: Memory must be more than 0"],
    [{ ...base, resources: { cpuRequest: "2", cpuLimit: "1" } }, "resources.cpuRequest: CPU request cannot be more than the CPU limit"],
    [{ ...base, env: [{ from: "value", name: "1X", value: "" }] }, "env.0.name: Environment variable names start with a letter or '_' and contain letters, digits, '_', '-' or '.'"],
    [{ ...base, env: [{ from: "value", name: "A", value: "1" }, { from: "value", name: "A", value: "2" }] }, "env.1.name: Environment variable A is set twice"],
    [{ ...base, exposure: { type: "clusterIP", port: 8080 } }, "exposure.port: Expose one of the app's container ports"],
    [{ ...base, exposure: { type: "nodePort", port: 80, nodePort: 80 } }, "exposure.nodePort: NodePort must be 30000-32767"],
    [{ ...base, probes: { readiness: { type: "http", port: 80 } } }, "probes.readiness: An HTTP probe needs a path and a port"],
    [{ ...base, volumes: [{ type: "pvc", name: "data", mountPath: "data", size: "1Gi" }] }, "volumes.0.mountPath: Mount path must be absolute, like /data"],
    [{ ...base, volumes: [{ type: "pvc", name: "data", mountPath: "/data", size: "10" }] }, "volumes.0.size: Size must be at least 1Mi, like 1Gi"],
    [{ ...base, autoscale: { min: 5, max: 2 } }, "autoscale.max: Autoscale max must be at least min"],
  ])("%#: %j → %s", (input, message) => {
    expect(firstError(input)).toBe(message);
  });

  it.each(["nginx", "nginx:1.27", "library/nginx:1.27-alpine", "127.0.0.1:5000/team/app:v1", "ghcr.io/org/app@sha256:" + "a".repeat(64), "registry.local/app:1.0@sha256:" + "b".repeat(64)])(
    "accepts the image %s",
    (image) => expect(firstError({ ...base, image })).toBeUndefined(),
  );
});

describe("toManifests", () => {
  it("makes a Deployment and a ClusterIP Service with consistent labels", () => {
    const m = toManifests({ ...base, exposure: { type: "clusterIP", port: 80 }, partOf: "shop" }, "team-a");
    const d = m.workload as V1Deployment;
    const labels = { "app.kubernetes.io/name": "web", "app.kubernetes.io/managed-by": "berth", "app.kubernetes.io/part-of": "shop" };
    expect(d).toMatchObject({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "team-a", labels } });
    expect(d.spec?.replicas).toBe(3);
    expect(d.spec?.selector.matchLabels).toEqual({ "app.kubernetes.io/name": "web" });
    expect(d.spec?.template.metadata?.labels).toEqual(labels);
    expect(d.spec?.template.spec?.containers[0]).toEqual({ name: "web", image: "nginx:1.27", ports: [{ containerPort: 80, protocol: "TCP" }] });
    expect(m.service?.spec).toEqual({ type: "ClusterIP", selector: { "app.kubernetes.io/name": "web" }, ports: [{ name: "http", port: 80, targetPort: 80, protocol: "TCP" }] });
    expect(m.ingress).toBeUndefined();
    expect(manifestList(m).map((o) => (o as { kind: string }).kind)).toEqual(["Deployment", "Service"]);
  });

  it("maps env from values, ConfigMaps and Secrets, resources and all probe kinds", () => {
    const m = toManifests(
      {
        ...base,
        env: [
          { from: "value", name: "MODE", value: "prod" },
          { from: "configMap", name: "COLOR", configMap: "settings", key: "color" },
          { from: "secret", name: "PASSWORD", secret: "db", key: "password" },
        ],
        resources: { cpuRequest: "250m", cpuLimit: "1", memoryRequest: "256Mi", memoryLimit: "512Mi" },
        probes: { liveness: { type: "http", path: "/healthz", port: 80 }, readiness: { type: "tcp", port: 80, periodSeconds: 5 }, startup: { type: "exec", command: ["cat", "/ready"] } },
        command: ["java"],
        args: ["-jar", "/app.jar"],
      },
      "ns",
    );
    const c = (m.workload as V1Deployment).spec!.template.spec!.containers[0];
    expect(c.env).toEqual([
      { name: "MODE", value: "prod" },
      { name: "COLOR", valueFrom: { configMapKeyRef: { name: "settings", key: "color" } } },
      { name: "PASSWORD", valueFrom: { secretKeyRef: { name: "db", key: "password" } } },
    ]);
    expect(c.resources).toEqual({ requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "1", memory: "512Mi" } });
    expect(c.livenessProbe).toEqual({ httpGet: { path: "/healthz", port: 80 }, initialDelaySeconds: 0, periodSeconds: 10, failureThreshold: 3 });
    expect(c.readinessProbe?.tcpSocket).toEqual({ port: 80 });
    expect(c.readinessProbe?.periodSeconds).toBe(5);
    expect(c.startupProbe?.exec).toEqual({ command: ["cat", "/ready"] });
    expect([c.command, c.args]).toEqual([["java"], ["-jar", "/app.jar"]]);
  });

  it("mounts a shared PVC and a ConfigMap with files (a redis.conf)", () => {
    const m = toManifests(
      {
        ...base,
        name: "redis",
        image: "redis:7",
        ports: [{ containerPort: 6379 }],
        volumes: [
          { type: "pvc", name: "data", mountPath: "/data", size: "2Gi", storageClass: "fast" },
          { type: "configFiles", name: "conf", mountPath: "/etc/redis", files: { "redis.conf": "maxmemory 100mb\n" } },
        ],
      },
      "ns",
    );
    expect(m.workload.kind).toBe("Deployment");
    expect(m.claims).toEqual([
      expect.objectContaining({ kind: "PersistentVolumeClaim", metadata: expect.objectContaining({ name: "redis-data" }), spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "2Gi" } }, storageClassName: "fast" } }),
    ]);
    expect(m.configMaps[0]).toMatchObject({ kind: "ConfigMap", metadata: { name: "redis-conf" }, data: { "redis.conf": "maxmemory 100mb\n" } });
    const pod = (m.workload as V1Deployment).spec!.template.spec!;
    expect(pod.volumes).toEqual([
      { name: "data", persistentVolumeClaim: { claimName: "redis-data" } },
      { name: "conf", configMap: { name: "redis-conf" } },
    ]);
    expect(pod.containers[0].volumeMounts).toEqual([{ name: "data", mountPath: "/data" }, { name: "conf", mountPath: "/etc/redis" }]);
    expect(manifestList(m).map((o) => (o as { kind: string }).kind)).toEqual(["ConfigMap", "PersistentVolumeClaim", "Deployment"]);
  });

  it("becomes a StatefulSet with volumeClaimTemplates when storage is per replica", () => {
    const m = toManifests({ ...base, volumes: [{ type: "pvc", name: "data", mountPath: "/data", size: "1Gi", perReplica: true }] }, "ns");
    const s = m.workload as V1StatefulSet;
    expect(s.kind).toBe("StatefulSet");
    expect(s.spec?.serviceName).toBe("web-pods");
    expect(s.spec?.volumeClaimTemplates?.[0].spec?.resources?.requests).toEqual({ storage: "1Gi" });
    expect(s.spec?.template.spec?.volumes).toBeUndefined();
    expect(m.claims).toEqual([]);
    // the governing Service is headless, so each replica gets its own DNS name
    expect(m.podsService?.metadata?.name).toBe("web-pods");
    expect(m.podsService?.spec).toMatchObject({ clusterIP: "None", selector: { "app.kubernetes.io/name": "web" } });
    expect(manifestList(m).map((o) => `${(o as { kind: string }).kind}/${(o as { metadata: { name: string } }).metadata.name}`)).toEqual(["Service/web-pods", "StatefulSet/web"]);
  });

  it("exposes through NodePort or Ingress, and hands replicas to an HPA", () => {
    const np = toManifests({ ...base, exposure: { type: "nodePort", port: 80, nodePort: 30080 } }, "ns");
    expect(np.service?.spec?.type).toBe("NodePort");
    expect(np.service?.spec?.ports?.[0].nodePort).toBe(30080);

    const ing = toManifests({ ...base, exposure: { type: "ingress", port: 80, host: "shop.example.com", path: "/api" }, autoscale: { min: 2, max: 6, cpuPercent: 70 } }, "ns");
    expect(ing.ingress?.spec?.rules?.[0]).toEqual({ host: "shop.example.com", http: { paths: [{ path: "/api", pathType: "Prefix", backend: { service: { name: "web", port: { number: 80 } } } }] } });
    expect(ing.autoscaler?.spec).toEqual({ scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" }, minReplicas: 2, maxReplicas: 6, targetCPUUtilizationPercentage: 70 });
    expect((ing.workload as V1Deployment).spec?.replicas).toBeUndefined();
  });
});

describe("fromWorkload (reading an app back for editing)", () => {
  it.each<[string, AppSpecInput]>([
    ["minimal", base],
    ["everything", {
      ...base,
      env: [{ from: "value", name: "A", value: "1" }, { from: "secret", name: "B", secret: "s", key: "k" }],
      resources: { cpuRequest: "100m", memoryLimit: "1Gi" },
      probes: { readiness: { type: "http", path: "/", port: 80 } },
      volumes: [{ type: "configFiles", name: "conf", mountPath: "/etc/app", files: { "app.yaml": "a: 1" } }],
      exposure: { type: "ingress", port: 80, host: "x.example.com" },
      command: ["/bin/app"],
      partOf: "shop",
    }],
    ["stateful", { ...base, volumes: [{ type: "pvc", name: "data", mountPath: "/data", size: "5Gi", perReplica: true }] }],
  ])("round-trips the %s spec", (_, input) => {
    const m = toManifests(input, "ns");
    const back = fromWorkload(m.workload, m.configMaps);
    expect(back.unsupported).toEqual([]);
    expect(appSpec.parse(back.spec)).toEqual(appSpec.parse(input));
  });

  it("reports what an AppSpec cannot express", () => {
    const d: V1Deployment = {
      metadata: { name: "legacy" },
      spec: { selector: {}, template: { spec: { initContainers: [{ name: "i" }], containers: [{ name: "a", image: "a:1" }, { name: "sidecar", image: "b:1" }] } } },
    };
    expect(fromWorkload(d).unsupported).toEqual(["1 extra container(s)", "init containers"]);
  });
});
