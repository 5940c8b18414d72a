// Dockerfiles with RUN, built inside the cluster: a rootless BuildKit Job in the team's namespace on the
// real node, from an uploaded context and from Git, pushed to the real local registry with
// its layer cache; the image really has what RUN made, and deployed, it really says hello.
// A failing RUN fails with BuildKit's message; cancel deletes the Job; a console that stops
// mid-build does not lose it (the next one follows the Job to the end).
import { BatchV1Api, CoreV1Api } from "@kubernetes/client-node";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loggedIn } from "../../scripts/http-client";
import { adminKubeConfig, eventually } from "../support/cluster";
import { extraConsole, killConsole, stopExtraConsoles } from "../support/console";
import { startGitServer } from "../support/git-server";
import type { Client } from "../support/http";
import { fileInLayer, inspectConfig, lastLayerFiles, skopeo } from "../support/images";
import { freeRealNode, teamWithNamespace } from "../support/teams";

const kc = adminKubeConfig();
const batch = kc.makeApiClient(BatchV1Api);
const core = kc.makeApiClient(CoreV1Api);
let ns: string;
let dev: Client;
let user: { email: string; password: string };
let git: Awaited<ReturnType<typeof startGitServer>>;

const HELLO = 'FROM busybox\nRUN sleep 4\nRUN echo hello > /hello\nCMD ["cat", "/hello"]\n';

function files(content: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "berth-cluster-ctx-"));
  for (const [name, text] of Object.entries(content)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** The pushed image's labels, read from the registry. */
const labels = (b: { image: string; digest?: string }) => inspectConfig(`${b.image.replace(/:[^:/]+$/, "")}@${b.digest}`).config.Labels;

function tarGz(dir: string): Buffer {
  const out = `${dir}.tar.gz`;
  expect(spawnSync("tar", ["-czf", out, "-C", dir, "."]).status).toBe(0);
  return readFileSync(out);
}

async function start(client: Client, fields: Record<string, string>, context?: Buffer) {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  if (context) f.append("file", new Blob([new Uint8Array(context)]), "context.tar.gz");
  const r = await client.call("POST", `/api/namespaces/${ns}/builds`, f);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id as string;
}

async function finished(id: string, client = dev) {
  return eventually(`build ${id} to finish`, async () => {
    const r = await client.call("GET", `/api/namespaces/${ns}/builds/${id}`);
    return ["Succeeded", "Failed", "Cancelled"].includes(r.body?.status) ? r.body : undefined;
  }, 240_000, 500);
}

type Step = { name: string; startedAt: string; finishedAt?: string; detail?: string };
const seconds = (b: { startedAt: string; finishedAt: string }) => (Date.parse(b.finishedAt) - Date.parse(b.startedAt)) / 1000;
const jobGone = (id: string) => eventually(`Job berth-build-${id} and its pod to be gone`, async () => {
  const jobs = await batch.listNamespacedJob({ namespace: ns, labelSelector: `berth.dev/build=${id}` });
  const pods = await core.listNamespacedPod({ namespace: ns, labelSelector: `berth.dev/build=${id}` });
  const secrets = await core.listNamespacedSecret({ namespace: ns, labelSelector: `berth.dev/build=${id}` });
  return jobs.items.length + pods.items.length + secrets.items.length === 0;
}, 60_000, 500);

beforeAll(async () => {
  const t = await teamWithNamespace({ realNode: true });
  ns = t.namespace;
  dev = t.member;
  user = t.user;
  git = await startGitServer();
}, 600_000);
afterAll(async () => {
  await stopExtraConsoles();
  await git?.stop();
  await freeRealNode(ns);
});

describe("a Dockerfile with RUN", () => {
  let first: { id: string; status: string; error?: string; image: string; digest: string; startedAt: string; finishedAt: string; steps: Step[]; log: string };

  it("is built by BuildKit in a Job of the team's namespace: the pushed image has what RUN wrote", async () => {
    const id = await start(dev, { source: "dockerfile", image: "hello-run:v1" }, tarGz(files({ Dockerfile: HELLO })));
    // While it runs, the build is a Job in the namespace, as the person (not the console's own identity).
    const job = await eventually("the build's Job", async () => (await batch.listNamespacedJob({ namespace: ns, labelSelector: `berth.dev/build=${id}` })).items[0]);
    expect(job.spec!.template.spec!.containers[0].image).toMatch(/\/berth\/buildkit:v0\.34\.2-/);
    // Rootless: BuildKit runs as the builder image's user under RootlessKit, never privileged (the kubelet enforces runAsNonRoot).
    const build = job.spec!.template.spec!.containers[0].securityContext!;
    expect(build).toMatchObject({ runAsUser: 1000, runAsNonRoot: true });
    expect(build.privileged).toBeUndefined();
    first = await finished(id);
    expect(first.status, `${first.error}\n${first.log}`).toBe("Succeeded");
    expect(first.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
    const names = first.steps.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(["uploading the context", "starting the builder", "fetching the source", "[2/3] RUN sleep 4", "[3/3] RUN echo hello > /hello", "exporting to image"]));
    expect(first.log).toContain("#"); // BuildKit's own progress, streamed into the build's log
    await jobGone(id);

    const layer = lastLayerFiles(`${first.image.replace(/:[^:/]+$/, "")}@${first.digest}`);
    expect(layer.names).toContain("hello");
    expect(fileInLayer(layer.layerTar, "hello").toString()).toBe("hello\n");
    expect(labels(first)).toMatchObject({ "org.opencontainers.image.source": expect.stringMatching(/^upload:.+\.tar\.gz$/), "dev.berth.source.sha256": expect.stringMatching(/^[a-f0-9]{64}$/) });
    // The uploaded context was only for the build: its tag is gone from the registry.
    const tags = skopeo(["list-tags", "--tls-verify=false", `docker://${first.image.replace(/:[^:/]+$/, "")}`]);
    expect(JSON.parse(tags.out).Tags.sort()).toEqual(["buildcache", "v1"]);
  });

  it("runs when deployed: its log says hello", async () => {
    const r = await dev.call("POST", `/api/namespaces/${ns}/apps`, { spec: { name: "hello", image: `${first.image.replace(/:[^:/]+$/, "")}@${first.digest}`, replicas: 1 } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    await eventually("hello in the app's log", async () => {
      const l = await dev.call("GET", `/api/namespaces/${ns}/apps/hello/logs?tailLines=20`);
      return l.body.lines?.some((x: { text: string }) => x.text === "hello");
    }, 120_000, 1000);
    expect((await dev.call("DELETE", `/api/namespaces/${ns}/apps/hello`, { confirm: "hello" })).status).toBe(204);
  });

  it("from Git, a second build of the unchanged Dockerfile reuses the layer cache: faster, its steps CACHED", async () => {
    const commit = git.repo("hello-run", files({ "svc/Dockerfile": HELLO }));
    const id = await start(dev, { source: "git", gitUrl: `${git.url}/hello-run.git`, gitRef: "main", gitSubdir: "svc", image: "hello-run:v2" });
    const second = await finished(id);
    expect(second.status, `${second.error}\n${second.log}`).toBe("Succeeded");
    expect(second.gitCommit).toBe(commit);
    // Labelled with where it came from: the repository (no login in it) and the commit the Job fetched.
    expect(labels(second)).toMatchObject({ "org.opencontainers.image.source": `${git.url}/hello-run.git`, "org.opencontainers.image.revision": commit });
    expect(second.log).toMatch(/#\d+ CACHED/);
    const run = (b: { steps: Step[] }, name: string) => b.steps.find((s) => s.name.endsWith(name));
    expect(run(second, "RUN sleep 4")?.detail).toBe("cached");
    expect(run(second, "RUN echo hello > /hello")?.detail).toBe("cached");
    expect(run(first, "RUN sleep 4")?.detail).toBeUndefined();
    // The first build ran `sleep 4`; the second did not.
    expect(seconds(second)).toBeLessThan(seconds(first));
  });

  it("fails with BuildKit's own message when a RUN fails, and leaves no Job behind", async () => {
    const id = await start(dev, { source: "dockerfile", image: "hello-run:broken" }, tarGz(files({ Dockerfile: "FROM busybox\nRUN echo about to fail && exit 3\n" })));
    const b = await finished(id);
    expect(b.status).toBe("Failed");
    expect(b.error).toBe('failed to solve: process "/bin/sh -c echo about to fail && exit 3" did not complete successfully: exit code: 3');
    expect(b.log).toContain("about to fail");
    expect(b.steps.find((s: Step) => s.name.includes("RUN echo about to fail"))?.detail).toBe("failed");
    await jobGone(id);
  });

  it("is cancelled at once: its Job and pod are deleted", async () => {
    const id = await start(dev, { source: "dockerfile", image: "hello-run:slow" }, tarGz(files({ Dockerfile: "FROM busybox\nRUN sleep 300\n" })));
    await eventually("the RUN step to start", async () => {
      const b = (await dev.call("GET", `/api/namespaces/${ns}/builds/${id}`)).body;
      return b.steps?.some((s: Step) => s.name.includes("RUN sleep 300"));
    }, 120_000, 500);
    const c = await dev.call("DELETE", `/api/namespaces/${ns}/builds/${id}`);
    expect(c.status).toBe(200);
    expect(c.body.status).toBe("Cancelled");
    await jobGone(id);
  });

  it("goes on when the console that started it stops: the next console follows the Job to the end", async () => {
    const one = await extraConsole();
    const client = await loggedIn(one.url, user.email, user.password);
    const id = await start(client, { source: "dockerfile", image: "hello-run:restart" }, tarGz(files({ Dockerfile: "FROM busybox\nRUN sleep 6 && echo slept > /slept\n" })));
    await eventually("the build to be running in the cluster", async () => {
      const b = (await client.call("GET", `/api/namespaces/${ns}/builds/${id}`)).body;
      return b.steps?.some((s: Step) => s.name.includes("RUN sleep 6"));
    }, 120_000, 250);
    await killConsole(one.child);
    await extraConsole(); // the next console to start takes the build over
    const b = await finished(id);
    expect(b.status, `${b.error}\n${b.log}`).toBe("Succeeded");
    expect(b.log).toContain("this one follows it from here");
    expect(b.digest).toMatch(/^sha256:/);
    await jobGone(id);
  });
});
