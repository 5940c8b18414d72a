// Pipelines: a signed push webhook builds the pushed commit from a real Git server and
// rolls the app out to the new digest; replays, bad signatures and floods start nothing.
import { AppsV1Api } from "@kubernetes/client-node";
import { createHmac, randomUUID } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db/client";
import { adminKubeConfig, eventually } from "../support/cluster";
import { startGitServer } from "../support/git-server";
import { client, type Client } from "../support/http";
import { buildJavaArtifacts, fileInLayer, inspectConfig, lastLayerFiles } from "../support/images";
import { teamWithNamespace } from "../support/teams";

const apps = adminKubeConfig().makeApiClient(AppsV1Api);
let ns: string;
let dev: Client;
let gitServer: Awaited<ReturnType<typeof startGitServer>>;
let commit: string;
let pipeline: { id: string; secret: string; webhook: string };
let jar: string;

/** A webhook call as GitHub or Gitea sends it. */
function hook(body: object, opts: { secret?: string; delivery?: string; gitlab?: boolean } = {}) {
  const raw = JSON.stringify(body);
  const headers: Record<string, string> = { "content-type": "application/json" };
  const secret = opts.secret ?? pipeline.secret;
  if (opts.gitlab) {
    headers["x-gitlab-token"] = secret;
    headers["x-gitlab-event-uuid"] = opts.delivery ?? randomUUID();
  } else {
    headers["x-hub-signature-256"] = `sha256=${createHmac("sha256", secret).update(raw).digest("hex")}`;
    headers["x-github-delivery"] = opts.delivery ?? randomUUID();
  }
  return fetch(`${inject("baseUrl")}${pipeline.webhook}`, { method: "POST", headers, body: raw });
}

const buildCount = () => db().build.count({ where: { pipelineId: pipeline.id } });

beforeAll(async () => {
  const t = await teamWithNamespace();
  ns = t.namespace;
  dev = t.member;
  gitServer = await startGitServer();
  const java = buildJavaArtifacts();
  jar = java.jar;
  const dir = mkdtempSync(path.join(os.tmpdir(), "berth-pipe-"));
  mkdirSync(path.join(dir, "target"));
  writeFileSync(path.join(dir, "Dockerfile"), 'FROM openjdk:8-jdk-slim\nCOPY target/*.war /app.war\nEXPOSE 8080\nENTRYPOINT ["java","-jar","/app.war"]\n');
  copyFileSync(java.war, path.join(dir, "target", "app.war"));
  commit = gitServer.repo("shop", dir);
  expect((await dev.call("POST", `/api/namespaces/${ns}/apps`, { spec: { name: "shop", image: "nginx:1.27", replicas: 1, ports: [{ containerPort: 8080 }] } })).status).toBe(201);
});
afterAll(async () => {
  await gitServer?.stop();
});

describe("a pipeline with a webhook", () => {
  it("is created with its secret shown once", async () => {
    const r = await dev.call("POST", `/api/namespaces/${ns}/pipelines`, { name: "shop-ci", gitUrl: `${gitServer.url}/shop.git`, gitRef: "main", image: "shop:latest", updateApp: "shop" });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(r.body.webhook).toBe(`/api/hooks/pipelines/${r.body.id}`);
    pipeline = r.body;
    const list = await dev.call("GET", `/api/namespaces/${ns}/pipelines`);
    expect(list.body.items.map((p: { name: string }) => p.name)).toEqual(["shop-ci"]);
    expect(JSON.stringify(list.body)).not.toContain(pipeline.secret);
    expect((await db().pipeline.findUnique({ where: { id: pipeline.id } }))?.secretEnc).not.toContain(pipeline.secret);
  });

  it("keeps a token in the Git URL encrypted, and shows the URL without it", async () => {
    const r = await dev.call("POST", `/api/namespaces/${ns}/pipelines`, { name: "private-ci", gitUrl: "https://ci-bot:tok3n-s3cret@git.example.com/shop.git", image: "shop:latest" });
    expect(r.status).toBe(201);
    expect(r.body.gitUrl).toBe("https://ci-bot:***@git.example.com/shop.git");
    const row = await db().pipeline.findUnique({ where: { id: r.body.id } });
    expect(JSON.stringify(row)).not.toContain("tok3n-s3cret");
    expect(JSON.stringify((await dev.call("GET", `/api/namespaces/${ns}/pipelines`)).body)).not.toContain("tok3n-s3cret");
    expect((await dev.call("DELETE", `/api/namespaces/${ns}/pipelines/${r.body.id}`)).status).toBe(204);
  });

  it("a signed push builds the pushed commit and updates the app to the new digest", async () => {
    const res = await hook({ ref: "refs/heads/main", after: commit }, { delivery: "delivery-1" });
    expect(res.status).toBe(202);
    const { build } = (await res.json()) as { build: string };
    const b = await eventually("the pipeline's build to succeed", async () => {
      const r = await dev.call("GET", `/api/namespaces/${ns}/builds/${build}`);
      return r.body.status === "Succeeded" && r.body.appUpdated !== null ? r.body : r.body.status === "Failed" ? Promise.reject(new Error(r.body.error)) : undefined;
    }, 90_000);
    expect(b.gitCommit).toBe(commit);
    expect(b.appUpdated).toBe(true);
    const d = await apps.readNamespacedDeployment({ name: "shop", namespace: ns });
    expect(d.spec?.template.spec?.containers[0].image).toBe(`${inject("registry")}/${ns}/shop@${b.digest}`);
    // the image is really in the registry, built from the pushed commit
    expect(inspectConfig(`${inject("registry")}/${ns}/shop@${b.digest}`).config.Labels?.["org.opencontainers.image.revision"]).toBe(commit);

    const page = await dev.call("GET", `/api/namespaces/${ns}/pipelines/${pipeline.id}`);
    expect(page.body.runs).toEqual([expect.objectContaining({ id: build, status: "Succeeded", gitCommit: commit, appUpdated: true })]);
  });

  it("refuses a replayed delivery and a bad signature with 401, starting nothing", async () => {
    const before = await buildCount();
    const replay = await hook({ ref: "refs/heads/main", after: commit }, { delivery: "delivery-1" });
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { error: { message: string } }).error.message).toBe("This delivery was already received.");
    const forged = await hook({ ref: "refs/heads/main", after: commit }, { secret: "not-the-secret" });
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as { error: { message: string } }).error.message).toBe("The webhook signature is missing or wrong.");
    const unsigned = await fetch(`${inject("baseUrl")}${pipeline.webhook}`, { method: "POST", body: "{}" });
    expect(unsigned.status).toBe(401);
    expect(await buildCount()).toBe(before);
  });

  it("takes GitLab's token form, and ignores pushes to other branches", async () => {
    const other = await hook({ ref: "refs/heads/feature-x", after: commit }, { gitlab: true });
    expect(other.status).toBe(202);
    expect(await other.json()).toEqual({ ignored: "a push to refs/heads/feature-x; this pipeline follows main" });
    const gl = await hook({ ref: "refs/heads/main", checkout_sha: commit }, { gitlab: true });
    expect(gl.status).toBe(202);
    const started = (await gl.json()) as { commit: string; build: string };
    expect(started.commit).toBe(commit);
    // it updates "shop" too: finished here, so it cannot roll the app back under a later test
    expect((await succeeded(started.build)).gitCommit).toBe(commit);
  });

  it("answers a flood with 429", async () => {
    let last = 0;
    for (let i = 0; i < 12 && last !== 429; i++) last = (await hook({ ref: "refs/heads/elsewhere" })).status;
    expect(last).toBe(429);
    const before = await buildCount();
    expect((await hook({ ref: "refs/heads/main", after: commit })).status).toBe(429);
    expect(await buildCount()).toBe(before);
  });
});

describe("a pipeline that builds the latest uploaded artifact", () => {
  let p: { id: string; secret: string; webhook: string };

  it("has nothing to build until an artifact is uploaded", async () => {
    const r = await dev.call("POST", `/api/namespaces/${ns}/pipelines`, { name: "jar-ci", sourceKind: "artifact", kind: "jar", image: "shop-jar:latest", updateApp: "shop" });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    p = r.body;
    const call = await hookFor(p, { ref: "refs/heads/main" });
    expect(call.status).toBe(409);
    expect(((await call.json()) as { error: { message: string } }).error.message).toBe('Pipeline "jar-ci" has no artifact yet: upload one first.');
  });

  it("an upload (as a CI job would, with an API token) keeps the artifact and builds it; the app follows", async () => {
    const token = (await dev.call("POST", "/api/tokens", { name: "ci", scope: "write" })).body.token as string;
    const ci = client({ token });
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(readFileSync(jar))]), "shop.jar");
    const r = await ci.call("POST", `/api/namespaces/${ns}/pipelines/${p.id}/artifact`, form);
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    const b = await succeeded(r.body.build);
    expect(b).toMatchObject({ sourceKind: "artifact", sourceName: "shop.jar", strategy: "jar", pipelineId: p.id, appUpdated: true });
    expect((await apps.readNamespacedDeployment({ name: "shop", namespace: ns })).spec?.template.spec?.containers[0].image).toBe(`${inject("registry")}/${ns}/shop-jar@${b.digest}`);
    const layer = lastLayerFiles(`${inject("registry")}/${ns}/shop-jar@${b.digest}`);
    expect(fileInLayer(layer.layerTar, "app/app.jar").equals(readFileSync(jar))).toBe(true); // the uploaded bytes, in the pushed image
    const bad = new FormData();
    bad.append("file", new Blob([new Uint8Array(Buffer.from("not a jar"))]), "shop.jar");
    expect((await ci.call("POST", `/api/namespaces/${ns}/pipelines/${p.id}/artifact`, bad)).status).toBe(400);
  });

  it("a signed call rebuilds from the latest artifact", async () => {
    const call = await hookFor(p, { ref: "refs/heads/main" });
    expect(call.status).toBe(202);
    const b = await succeeded(((await call.json()) as { build: string }).build);
    expect(b.sourceName).toBe("shop.jar");
    expect(b.sourceSha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

async function hookFor(target: { secret: string; webhook: string }, body: object) {
  const raw = JSON.stringify(body);
  return fetch(`${inject("baseUrl")}${target.webhook}`, { method: "POST", headers: { "content-type": "application/json", "x-hub-signature-256": `sha256=${createHmac("sha256", target.secret).update(raw).digest("hex")}`, "x-github-delivery": randomUUID() }, body: raw });
}

async function succeeded(id: string) {
  return eventually(`build ${id} to succeed`, async () => {
    const r = await dev.call("GET", `/api/namespaces/${ns}/builds/${id}`);
    if (r.body.status === "Failed") throw new Error(r.body.error);
    return r.body.status === "Succeeded" && (r.body.updateApp === null || r.body.appUpdated !== null) ? r.body : undefined;
  }, 90_000);
}
