import { describe, expect, it } from "vitest";
import { buildFailure, buildJobManifests, buildkitdToml, buildResultDigest, dockerConfig, imageLabelLines, needsHostNetwork, ProgressReader, type BuildJobSpec } from "@/lib/domain/build-job";

const spec = (over: Partial<BuildJobSpec> = {}): BuildJobSpec => ({
  buildId: "ckabc123",
  namespace: "team-a",
  builderImage: "registry.example.com/berth/buildkit:v0.34.2",
  source: { kind: "git", url: "https://git.example.com/app.git", ref: "main", username: "bot", password: "tok-3f9a" },
  contextDir: "svc",
  dockerfile: "Dockerfile",
  target: "registry.example.com/team-a/app:v1",
  cacheRef: "registry.example.com/team-a/app:buildcache",
  logins: [{ host: "registry.example.com", username: "pusher", password: "reg-pass-77" }],
  plainHttp: [],
  mirrors: {},
  resources: { cpu: "1", memory: "2Gi" },
  deadlineSeconds: 1800,
  labels: { "org.opencontainers.image.source": "https://git.example.com/app.git" },
  ...over,
});

describe("the build Job", () => {
  it("keeps every credential in the Secret: the pod spec names them, never holds them", () => {
    const { job, secret } = buildJobManifests(spec());
    const podSpec = JSON.stringify(job);
    for (const s of ["tok-3f9a", "reg-pass-77", Buffer.from("pusher:reg-pass-77").toString("base64")]) expect(podSpec).not.toContain(s);
    expect(secret.stringData!["git-password"]).toBe("tok-3f9a");
    expect(JSON.parse(secret.stringData!["config.json"])).toEqual({ auths: { "registry.example.com": { auth: Buffer.from("pusher:reg-pass-77").toString("base64") } } });
    const fetch = job.spec!.template.spec!.initContainers![0];
    expect(fetch.env).toContainEqual({ name: "GIT_PASSWORD", valueFrom: { secretKeyRef: { name: "berth-build-ckabc123", key: "git-password" } } });
    expect(fetch.env).toContainEqual({ name: "GIT_URL", value: "https://git.example.com/app.git" });
  });

  it("gives the build its image labels one a line, a line break in a value never starting another", () => {
    const build = buildJobManifests(spec()).job.spec!.template.spec!.containers[0];
    expect(build.env).toContainEqual({ name: "IMAGE_LABELS", value: "org.opencontainers.image.source=https://git.example.com/app.git" });
    expect(imageLabelLines({ a: "1", "org.opencontainers.image.source": "upload:x\ny=2.tar" })).toBe("a=1\norg.opencontainers.image.source=upload:x y=2.tar");
  });

  it("has limits, a deadline, no retries, no service account token, and runs rootless: never root, never privileged", () => {
    const { job } = buildJobManifests(spec());
    expect(job.spec!.backoffLimit).toBe(0);
    expect(job.spec!.activeDeadlineSeconds).toBe(1800);
    const pod = job.spec!.template.spec!;
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.containers[0].resources!.limits).toEqual({ cpu: "1", memory: "2Gi" });
    expect(pod.containers[0].securityContext).toEqual({ runAsUser: 1000, runAsGroup: 1000, runAsNonRoot: true, allowPrivilegeEscalation: true, seccompProfile: { type: "Unconfined" }, appArmorProfile: { type: "Unconfined" } });
    expect(pod.initContainers![0].securityContext).toEqual({ runAsUser: 1000, runAsGroup: 1000, runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] }, seccompProfile: { type: "RuntimeDefault" } });
    expect(JSON.stringify(job)).not.toContain("privileged");
    expect(pod.containers[0].env).toContainEqual({ name: "CACHE_REF", value: "registry.example.com/team-a/app:buildcache" });
    expect(pod.hostNetwork).toBeUndefined();
  });

  it("shares the node's network only to reach a registry on its loopback (the local cluster's)", () => {
    expect(needsHostNetwork(spec())).toBe(false);
    expect(needsHostNetwork(spec({ target: "127.0.0.1:5000/a/b:1" }))).toBe(true);
    expect(needsHostNetwork(spec({ mirrors: { "docker.io": ["localhost:5000"] } }))).toBe(true);
    expect(buildJobManifests(spec({ target: "127.0.0.1:5000/a/b:1" })).job.spec!.template.spec!.hostNetwork).toBe(true);
  });

  it("takes an uploaded context from an image, over plain HTTP when its registry has no TLS", () => {
    const { job } = buildJobManifests(spec({ source: { kind: "image", ref: "127.0.0.1:5000/a/b:berth-context-x" }, plainHttp: ["127.0.0.1:5000"] }));
    const env = job.spec!.template.spec!.initContainers![0].env!;
    expect(env).toContainEqual({ name: "BERTH_SOURCE", value: "image" });
    expect(env).toContainEqual({ name: "INSECURE_REGISTRY", value: "1" });
  });

  it("writes buildkitd's mirrors and plain-HTTP registries", () => {
    expect(buildkitdToml({ mirrors: { "docker.io": ["127.0.0.1:5000"] }, plainHttp: ["127.0.0.1:5000"] })).toBe(
      '[worker.oci]\n  enabled = true\n[worker.containerd]\n  enabled = false\n[registry."docker.io"]\n  mirrors = ["127.0.0.1:5000"]\n[registry."127.0.0.1:5000"]\n  http = true\n',
    );
    expect(dockerConfig([{ host: "r" }])).toBe('{"auths":{}}');
  });
});

// buildctl --progress=plain, as the builder printed it for a second build of the same Dockerfile.
const PROGRESS = `#1 [internal] load build definition from Dockerfile
#1 transferring dockerfile: 86B done
#1 DONE 0.0s
#4 [1/3] FROM docker.io/library/busybox:latest@sha256:8ea6
#4 DONE 0.0s
#5 importing cache manifest from 127.0.0.1:44353/trybuild/app:buildcache
#5 DONE 0.0s
#6 [2/3] RUN echo hello > /hello
#6 CACHED
#7 [3/3] RUN exit 3
#7 0.105 about to fail
#7 ERROR: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3
------
Dockerfile:3
error: failed to solve: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3`;

describe("reading BuildKit's progress", () => {
  it("makes steps of the vertices (no [internal] ones), with cache hits and the failure", () => {
    const r = new ProgressReader();
    PROGRESS.split("\n").forEach((l, i) => r.line(l, `2026-01-01T00:00:${String(i).padStart(2, "0")}Z`));
    expect(r.steps.map((s) => [s.name, s.detail])).toEqual([
      ["[1/3] FROM docker.io/library/busybox:latest@sha256:8ea6", undefined],
      ["importing cache manifest from 127.0.0.1:44353/trybuild/app:buildcache", undefined],
      ["[2/3] RUN echo hello > /hello", "cached"],
      ["[3/3] RUN exit 3", "failed"],
    ]);
    const first = new ProgressReader();
    for (const l of ["#4 importing cache manifest from r/app:buildcache", "#4 ERROR: failed to configure registry cache importer: r/app:buildcache: not found"]) first.line(l, "t");
    expect(first.steps[0].detail).toBe("no cache yet");
    expect(r.steps[2]).toMatchObject({ startedAt: "2026-01-01T00:00:07Z", finishedAt: "2026-01-01T00:00:08Z" });
  });

  it("takes the builder's own reason for a failure", () => {
    expect(buildFailure(PROGRESS)).toBe('failed to solve: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3');
    expect(buildFailure('12:00:01 #7 ERROR: no space left\n')).toBe("no space left");
    expect(buildFailure("all fine\n")).toBeUndefined();
  });

  it("reads the digest from buildctl's metadata, and nothing from anything else", () => {
    const d = `sha256:${"a".repeat(64)}`;
    expect(buildResultDigest(JSON.stringify({ "containerimage.digest": d, "image.name": "x" }))).toBe(d);
    expect(buildResultDigest("error: failed to solve")).toBeUndefined();
    expect(buildResultDigest(JSON.stringify({ "containerimage.digest": "sha256:short" }))).toBeUndefined();
  });
});
