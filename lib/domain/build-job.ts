// In-cluster builds: a Dockerfile that needs a running container (RUN …) becomes a Job in
// the team's namespace, BuildKit in Berth's builder image (tools/cluster/images/berth-*.sh).
// What the Job and its Secret look like, buildkitd's settings, and what its plain progress
// output means (steps, cache hits, the failure). Pure.
import type { V1Job, V1Secret } from "@kubernetes/client-node";

export const BUILD_LABEL = "berth.dev/build";
const MANAGED = { "app.kubernetes.io/managed-by": "berth", "app.kubernetes.io/component": "build" };

export const buildJobName = (buildId: string) => `berth-build-${buildId}`;
/** The tag an uploaded context is pushed under in the target repository, removed after the build. */
export const contextTag = (buildId: string) => `berth-context-${buildId}`;
/** The layer cache's tag in the target repository (BuildKit's registry cache, mode=max). */
export const CACHE_TAG = "buildcache";

export interface RegistryLogin {
  host: string;
  username?: string;
  password?: string;
}

export interface BuildJobSpec {
  buildId: string;
  namespace: string;
  builderImage: string;
  source: { kind: "git"; url: string; ref: string; username?: string; password?: string } | { kind: "image"; ref: string };
  /** The folder of the context (Git subfolder), and the Dockerfile relative to it. */
  contextDir: string;
  dockerfile: string;
  /** host/repo:tag */
  target: string;
  cacheRef?: string;
  logins: RegistryLogin[];
  /** Registries spoken to over plain HTTP (host:port). */
  plainHttp: string[];
  /** docker.io → ["host:port"], as buildkitd takes them. */
  mirrors: Record<string, string[]>;
  resources: { cpu: string; memory: string };
  deadlineSeconds: number;
  /** The image's labels (org.opencontainers.image.source …); the Git revision is the one the init step fetched. */
  labels: Record<string, string>;
}

/** The builder image's user `builder` (scripts/cluster/images.ts): both steps run as it. */
const NON_ROOT = { runAsUser: 1000, runAsGroup: 1000, runAsNonRoot: true };

const LOOPBACK = /^(localhost|127\.[\d.]+|\[::1\])(:\d+)?$/;

/** A registry on the node's loopback (the local cluster's) is reachable only from the node's own network. */
export const needsHostNetwork = (s: Pick<BuildJobSpec, "target" | "mirrors" | "plainHttp">) =>
  [s.target.split("/")[0], ...Object.values(s.mirrors).flat(), ...s.plainHttp].some((h) => LOOPBACK.test(h));

/** buildkitd.toml: the OCI worker (runc) only, mirrors, and the registries without TLS. */
export function buildkitdToml(s: Pick<BuildJobSpec, "mirrors" | "plainHttp">): string {
  const q = (v: string) => JSON.stringify(v);
  const lines = ["[worker.oci]", "  enabled = true", "[worker.containerd]", "  enabled = false"];
  for (const [host, to] of Object.entries(s.mirrors)) lines.push(`[registry.${q(host)}]`, `  mirrors = [${to.map(q).join(", ")}]`);
  for (const host of s.plainHttp) lines.push(`[registry.${q(host)}]`, "  http = true");
  return lines.join("\n") + "\n";
}

/** Labels as berth-build reads them: one `key=value` a line (a line break in a value becomes a space). */
export function imageLabelLines(labels: Record<string, string>): string {
  return Object.entries(labels).map(([k, v]) => `${k}=${v}`.replace(/[\r\n]+/g, " ")).join("\n");
}

/** ~/.docker/config.json with the logins (what buildctl and crane read). */
export function dockerConfig(logins: RegistryLogin[]): string {
  const auths: Record<string, { auth: string }> = {};
  for (const l of logins) if (l.username || l.password) auths[l.host] = { auth: Buffer.from(`${l.username ?? ""}:${l.password ?? ""}`).toString("base64") };
  return JSON.stringify({ auths });
}

/**
 * The Job and its Secret (the registry logins, the Git login, buildkitd's settings). The
 * Secret is created after the Job, owned by it, so deleting the Job removes both. The pod
 * spec holds no credential: the init step gets the Git login as environment from the Secret.
 */
export function buildJobManifests(s: BuildJobSpec): { job: V1Job; secret: V1Secret } {
  const name = buildJobName(s.buildId);
  const labels = { ...MANAGED, [BUILD_LABEL]: s.buildId };
  const secretData: Record<string, string> = { "config.json": dockerConfig(s.logins), "buildkitd.toml": buildkitdToml(s) };
  const fetchEnv: { name: string; value?: string; valueFrom?: object }[] = [];
  if (s.source.kind === "git") {
    fetchEnv.push({ name: "BERTH_SOURCE", value: "git" }, { name: "GIT_URL", value: s.source.url }, { name: "GIT_REF", value: s.source.ref });
    if (s.source.username || s.source.password) {
      secretData["git-username"] = s.source.username ?? "";
      secretData["git-password"] = s.source.password ?? "";
      for (const [env, key] of [["GIT_USERNAME", "git-username"], ["GIT_PASSWORD", "git-password"]]) fetchEnv.push({ name: env, valueFrom: { secretKeyRef: { name, key } } });
    }
  } else {
    fetchEnv.push({ name: "BERTH_SOURCE", value: "image" }, { name: "CONTEXT_IMAGE", value: s.source.ref });
    if (s.plainHttp.includes(s.source.ref.split("/")[0])) fetchEnv.push({ name: "INSECURE_REGISTRY", value: "1" });
  }
  const mounts = [
    { name: "workspace", mountPath: "/workspace" },
    { name: "settings", mountPath: "/etc/berth-build", readOnly: true },
    // what the init step tells the build beside the context (the commit it fetched)
    { name: "meta", mountPath: "/var/run/berth-build" },
  ];
  const hostNetwork = needsHostNetwork(s);
  const job: V1Job = {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name, namespace: s.namespace, labels },
    spec: {
      backoffLimit: 0,
      activeDeadlineSeconds: s.deadlineSeconds,
      // Berth deletes it once the result is recorded; this is the fallback when no console does.
      ttlSecondsAfterFinished: 3600,
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: "Never",
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          ...(hostNetwork ? { hostNetwork: true, dnsPolicy: "ClusterFirstWithHostNet" } : {}),
          initContainers: [
            {
              name: "fetch",
              image: s.builderImage,
              command: ["/usr/local/bin/berth-fetch"],
              securityContext: { ...NON_ROOT, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] }, seccompProfile: { type: "RuntimeDefault" } },
              env: fetchEnv as never,
              volumeMounts: mounts,
              resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { cpu: s.resources.cpu, memory: "512Mi" } },
            },
          ],
          containers: [
            {
              name: "build",
              image: s.builderImage,
              command: ["/usr/local/bin/berth-build"],
              env: [
                { name: "CONTEXT_DIR", value: s.contextDir || "." },
                { name: "DOCKERFILE", value: s.dockerfile },
                { name: "TARGET", value: s.target },
                { name: "DOCKER_CONFIG", value: "/etc/berth-build" },
                ...(s.cacheRef ? [{ name: "CACHE_REF", value: s.cacheRef }] : []),
                { name: "IMAGE_LABELS", value: imageLabelLines(s.labels) },
              ],
              // Rootless BuildKit (README, "Privileges"): RootlessKit maps the user's subordinate ids
              // with newuidmap/newgidmap, which carry file capabilities (so no no_new_privs), into a user namespace, where
              // buildkitd mounts its layers and runs each RUN with runc — what the runtime's default
              // seccomp and AppArmor profiles forbid. Never root, never privileged.
              securityContext: { ...NON_ROOT, allowPrivilegeEscalation: true, seccompProfile: { type: "Unconfined" }, appArmorProfile: { type: "Unconfined" } },
              terminationMessagePolicy: "FallbackToLogsOnError",
              volumeMounts: [...mounts, { name: "buildkit", mountPath: "/var/lib/buildkit" }],
              resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: s.resources.cpu, memory: s.resources.memory } },
            },
          ],
          volumes: [
            { name: "workspace", emptyDir: {} },
            { name: "buildkit", emptyDir: {} },
            { name: "meta", emptyDir: {} },
            { name: "settings", secret: { secretName: name, items: [{ key: "config.json", path: "config.json" }, { key: "buildkitd.toml", path: "buildkitd.toml" }] } },
          ],
        },
      },
    },
  };
  const secret: V1Secret = { apiVersion: "v1", kind: "Secret", metadata: { name, namespace: s.namespace, labels }, type: "Opaque", stringData: secretData };
  return { job, secret };
}

/** One vertex of BuildKit's progress: "[2/3] RUN make", its times, cached or failed. */
export interface BuildVertex {
  name: string;
  startedAt: string;
  finishedAt?: string;
  detail?: "cached" | "failed" | "no cache yet";
}

/**
 * Reads buildctl's plain progress (`#6 [2/3] RUN …`, `#6 CACHED`, `#6 DONE 0.4s`,
 * `#6 ERROR: …`) into steps, in order of first appearance; BuildKit's [internal] vertices
 * are left out. Feed it line by line with the line's time.
 */
export class ProgressReader {
  readonly steps: BuildVertex[] = [];
  private byId = new Map<string, BuildVertex>();

  /** true when the steps changed. */
  line(text: string, at: string): boolean {
    const m = /^#(\d+) (.*)$/.exec(text.trim());
    if (!m) return false;
    const [, id, rest] = m;
    const known = this.byId.get(id);
    if (!known) {
      if (/^\[internal\]/.test(rest) || /^(DONE|CACHED|ERROR|CANCELED)\b/.test(rest) || /^\d+\.\d+ /.test(rest)) return false;
      if (!/^\[.+?\] |^(exporting|importing|writing|pushing|resolving|preparing)/.test(rest)) return false;
      const v: BuildVertex = { name: rest, startedAt: at };
      this.byId.set(id, v);
      this.steps.push(v);
      return true;
    }
    if (/^CACHED\b/.test(rest)) Object.assign(known, { finishedAt: at, detail: "cached" });
    else if (/^DONE\b/.test(rest)) known.finishedAt = at;
    // The first build of a repository finds no cache to import: not a failure of the build.
    else if (/^(ERROR|CANCELED)\b/.test(rest)) Object.assign(known, { finishedAt: at, detail: known.name.startsWith("importing cache") ? "no cache yet" : "failed" });
    else return false;
    return true;
  }
}

/** The builder's own reason for a failed build: buildctl's last "error: …" line, else the last ERROR of a step. */
export function buildFailure(log: string): string | undefined {
  const lines = log.split("\n").map((l) => l.replace(/^\d\d:\d\d:\d\d /, "").trim());
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = /^error: (.+)$/.exec(lines[i]);
    if (m) return m[1];
  }
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = /^#\d+ ERROR: (.+)$/.exec(lines[i]);
    if (m) return m[1];
  }
  return undefined;
}

/** The pushed image's digest from buildctl's metadata file (the build container's termination message). */
export function buildResultDigest(message: string | undefined): string | undefined {
  if (!message) return undefined;
  try {
    const meta = JSON.parse(message) as Record<string, unknown>;
    const d = meta["containerimage.digest"];
    return typeof d === "string" && /^sha256:[a-f0-9]{64}$/.test(d) ? d : undefined;
  } catch {
    return undefined;
  }
}
