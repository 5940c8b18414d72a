// Builds against the real local registry (distribution) and a registry with htpasswd auth:
// a jar, a war and the seed's Dockerfile become images that skopeo reads back; every bad
// input ends with its message, nothing under the final tag and no temporary files left.
import { AppsV1Api, CoreV1Api } from "@kubernetes/client-node";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, copyFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db/client";
import { adminKubeConfig, eventually } from "../support/cluster";
import { startGitServer } from "../support/git-server";
import type { Client } from "../support/http";
import { buildJavaArtifacts, fileInLayer, inspectConfig, lastLayerFiles, pushBusybox, skopeo, startAuthRegistry } from "../support/images";
import { teamWithNamespace } from "../support/teams";
import { TEST_MAX_UPLOAD } from "../setup/global";
import { freePort } from "@/lib/db/embedded";

const kc = adminKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const apps = kc.makeApiClient(AppsV1Api);
let ns: string;
let slug: string;
let owner: Client;
let dev: Client;
let java: ReturnType<typeof buildJavaArtifacts>;
let auth: Awaited<ReturnType<typeof startAuthRegistry>>;
let gitServer: Awaited<ReturnType<typeof startGitServer>>;
/** A loopback port nothing listens on: a registry that is down. */
let closedPort: number;
const registry = () => inject("registry");

function form(fields: Record<string, string>, file?: { path?: string; bytes?: Buffer; name: string }) {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  if (file) f.append("file", new Blob([new Uint8Array(file.bytes ?? readFileSync(file.path!))]), file.name);
  return f;
}

async function build(client: Client, fields: Record<string, string>, file?: { path?: string; bytes?: Buffer; name: string }) {
  const res = await client.call("POST", `/api/namespaces/${ns}/builds`, form(fields, file));
  return res;
}

async function finished(id: string) {
  return eventually(`build ${id} to finish`, async () => {
    const r = await dev.call("GET", `/api/namespaces/${ns}/builds/${id}`);
    return ["Succeeded", "Failed", "Cancelled"].includes(r.body?.status) ? r.body : undefined;
  }, 120_000);
}

/** A tar.gz build context from files (name → content). */
function context(files: Record<string, string | Buffer>): Buffer {
  const dir = mkdtempSync(path.join(os.tmpdir(), "berth-ctx-"));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  const out = path.join(os.tmpdir(), `ctx-${Date.now()}-${Math.random().toString(36).slice(2)}.tar.gz`);
  const r = spawnSync("tar", ["-czf", out, "-C", dir, "."]);
  expect(r.status).toBe(0);
  return readFileSync(out);
}

const SEED_DOCKERFILE = 'FROM openjdk:8-jdk-slim\nCOPY target/*.war /app.war\nENTRYPOINT ["java","-jar","/app.war"]\n';

beforeAll(async () => {
  const t = await teamWithNamespace({ role: "developer" });
  ns = t.namespace;
  slug = t.slug;
  dev = t.member;
  owner = t.admin; // a platform admin acts as owner
  java = buildJavaArtifacts();
  auth = await startAuthRegistry("pusher", "s3cret-pass");
  gitServer = await startGitServer();
  closedPort = await freePort();
});
afterAll(async () => {
  auth?.stop();
  await gitServer?.stop();
});

describe("the local registry", () => {
  it("is every team's \"local\" registry, with nothing to configure", async () => {
    const r = await dev.call("GET", `/api/teams/${slug}/registries`);
    expect(r.status).toBe(200);
    const local = r.body.items.find((x: { name: string }) => x.name === "local");
    expect(local).toMatchObject({ url: `http://${registry()}`, builtIn: true, hasPassword: false });
    expect((await dev.call("POST", `/api/teams/${slug}/registries/local/test`)).body).toMatchObject({ ok: true });
  });
});

describe("a jar becomes an image", () => {
  let first: { digest: string; image: string; id: string };

  it("builds a real jar on a JRE base, with the entrypoint, port and the jar in its own layer", async () => {
    const res = await build(dev, { source: "artifact", kind: "jar", image: "java-demo:v1.0", port: "8080", env: "GREETING=hi", jvmOptions: "-Xmx256m" }, { path: java.jar, name: "hello.jar" });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const b = await finished(res.body.id);
    expect(b.status, b.error + b.log).toBe("Succeeded");
    expect(b.image).toBe(`${registry()}/${ns}/java-demo:v1.0`); // the shared local registry keeps each namespace apart
    expect(b.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(b.steps.map((s: { name: string }) => s.name)).toEqual(["resolving base", "layer 1: 0.0 MB", "base layers", "config", "manifest"]);
    expect(b.steps.every((s: { startedAt: string; finishedAt?: string }) => s.startedAt && s.finishedAt)).toBe(true);
    first = { digest: b.digest, image: b.image, id: b.id };

    const config = inspectConfig(`${registry()}/${ns}/java-demo:v1.0`);
    expect(config.config.Entrypoint).toEqual(["java", "-Xmx256m", "-jar", "/app/app.jar"]);
    expect(config.config.WorkingDir).toBe("/app");
    expect(Object.keys(config.config.ExposedPorts ?? {})).toEqual(["8080/tcp"]);
    expect(config.config.Env).toContain("GREETING=hi");
    expect(config.config.Labels?.["dev.berth.source.sha256"]).toMatch(/^[a-f0-9]{64}$/);
    const layer = lastLayerFiles(`${registry()}/${ns}/java-demo@${b.digest}`);
    expect(layer.names).toEqual(["app/", "app/app.jar"]);
    expect(fileInLayer(layer.layerTar, "app/app.jar").equals(readFileSync(java.jar))).toBe(true);
  });

  it("is reproducible: the same jar on the same base gives the same digest, without making the layer again", async () => {
    const res = await build(dev, { source: "artifact", kind: "jar", image: "java-demo:v1.0", port: "8080", env: "GREETING=hi", jvmOptions: "-Xmx256m" }, { path: java.jar, name: "hello.jar" });
    const b = await finished(res.body.id);
    expect(b.status).toBe("Succeeded");
    expect(b.digest).toBe(first.digest);
    const full = await dev.call("GET", `/api/namespaces/${ns}/builds/${b.id}`);
    expect(full.body.log).toContain("unchanged, already in the registry");
  });

  it("lists builds newest first, filtered by status and text", async () => {
    const r = await dev.call("GET", `/api/namespaces/${ns}/builds?status=Succeeded&q=java-demo`);
    expect(r.status).toBe(200);
    expect(r.body.items.length).toBeGreaterThanOrEqual(2);
    expect(r.body.items.every((b: { status: string }) => b.status === "Succeeded")).toBe(true);
    expect(r.body.items[0].createdAt >= r.body.items[1].createdAt).toBe(true);
    expect(r.body.items[0]).not.toHaveProperty("log");
  });

  it("deploys as an app by digest", async () => {
    const image = `${first.image.split(":v1.0")[0]}@${first.digest}`;
    const r = await dev.call("POST", `/api/namespaces/${ns}/apps`, { spec: { name: "java-demo", image, replicas: 1, ports: [{ containerPort: 8080 }] } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const d = await apps.readNamespacedDeployment({ name: "java-demo", namespace: ns });
    expect(d.spec?.template.spec?.containers[0].image).toBe(image);
  });
});

describe("the seed's Dockerfile", () => {
  it("builds as written: FROM openjdk:8-jdk-slim resolves through the local docker.io mirror", async () => {
    const ctx = context({ Dockerfile: SEED_DOCKERFILE, "target/demo-0.1.war": readFileSync(java.war) });
    const res = await build(dev, { source: "dockerfile", image: "seed-demo:v1.0" }, { bytes: ctx, name: "context.tar.gz" });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const b = await finished(res.body.id);
    expect(b.status, b.error).toBe("Succeeded");
    expect(b.base).toBe(null);
    const config = inspectConfig(`${registry()}/${ns}/seed-demo:v1.0`);
    expect(config.config.Entrypoint).toEqual(["java", "-jar", "/app.war"]);
    expect(config.config.Labels?.["dev.berth.test-base"]).toContain("openjdk"); // the base's labels are kept
    const layer = lastLayerFiles(`${registry()}/${ns}/seed-demo:v1.0`);
    expect(layer.names).toEqual(["app.war"]);
    expect(fileInLayer(layer.layerTar, "app.war").equals(readFileSync(java.war))).toBe(true);
  });

  it("builds from a Git repository at a branch, recording the commit", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "berth-repo-"));
    mkdirSync(path.join(dir, "service", "target"), { recursive: true });
    writeFileSync(path.join(dir, "service", "Dockerfile"), SEED_DOCKERFILE);
    copyFileSync(java.war, path.join(dir, "service", "target", "app.war"));
    const commit = gitServer.repo("seed", dir);
    const res = await build(dev, { source: "git", gitUrl: `${gitServer.url}/seed.git`, gitRef: "main", gitSubdir: "service", image: "seed-git:v1" });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const b = await finished(res.body.id);
    expect(b.status, b.error).toBe("Succeeded");
    expect(b.gitCommit).toBe(commit);
    expect(inspectConfig(`${registry()}/${ns}/seed-git:v1`).config.Labels?.["org.opencontainers.image.revision"]).toBe(commit);
  });
});

describe("a registry with a login (htpasswd)", () => {
  it("owners add it; the password is encrypted at rest and never comes back", async () => {
    expect((await dev.call("POST", `/api/teams/${slug}/registries`, { name: "private", url: auth.url, username: "pusher", password: "s3cret-pass" })).status).toBe(403);
    const r = await owner.call("POST", `/api/teams/${slug}/registries`, { name: "private", url: auth.url, username: "pusher", password: "s3cret-pass" });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ name: "private", url: auth.url, username: "pusher", hasPassword: true, pullSecret: "registry-private" });
    const list = await dev.call("GET", `/api/teams/${slug}/registries`);
    expect(JSON.stringify(list.body)).not.toContain("s3cret-pass");
    const row = await db().registry.findFirst({ where: { name: "private", team: { slug } } });
    expect(row?.passwordEnc).toMatch(/^v1:/);
    expect(row?.passwordEnc).not.toContain("s3cret-pass");
    expect(Buffer.from(row!.passwordEnc!.slice(3), "base64").toString("latin1")).not.toContain("s3cret-pass");
  });

  it("\"Test connection\" says what the registry answered", async () => {
    expect((await dev.call("POST", `/api/teams/${slug}/registries/private/test`)).body).toEqual({ ok: true, message: `Connected: registry ${auth.host} answered and accepted the credentials.` });
    await owner.call("POST", `/api/teams/${slug}/registries`, { name: "nologin", url: auth.url });
    expect((await dev.call("POST", `/api/teams/${slug}/registries/nologin/test`)).body).toEqual({ ok: false, problem: "unauthorized", message: `Registry ${auth.host} needs a username and password (401).` });
    await owner.call("POST", `/api/teams/${slug}/registries`, { name: "badpw", url: auth.url, username: "pusher", password: "nope" });
    expect((await dev.call("POST", `/api/teams/${slug}/registries/badpw/test`)).body).toEqual({ ok: false, problem: "unauthorized", message: `Registry ${auth.host} refused the username or password (401).` });
    await owner.call("POST", `/api/teams/${slug}/registries`, { name: "gone", url: `http://127.0.0.1:${closedPort}` });
    const gone = await dev.call("POST", `/api/teams/${slug}/registries/gone/test`);
    expect(gone.body).toMatchObject({ ok: false, problem: "unreachable" });
    expect(gone.body.message).toBe(`Registry 127.0.0.1:${closedPort} is unreachable: connection refused (ECONNREFUSED)`);
  });

  it("keeps a pull Secret in the team's namespaces, which a built image's app carries", async () => {
    const secret = await core.readNamespacedSecret({ name: "registry-private", namespace: ns });
    expect(secret.type).toBe("kubernetes.io/dockerconfigjson");
    const cfg = JSON.parse(Buffer.from(secret.data![".dockerconfigjson"], "base64").toString());
    expect(cfg.auths[auth.host]).toMatchObject({ username: "pusher", password: "s3cret-pass" });

    await pushBusybox(auth.url, "library/eclipse-temurin:17-jre", { username: "pusher", password: "s3cret-pass" });
    const res = await build(dev, { source: "artifact", kind: "jar", image: "private-demo:v1", registry: "private", base: `${auth.host}/library/eclipse-temurin:17-jre` }, { path: java.jar, name: "hello.jar" });
    const b = await finished(res.body.id);
    expect(b.status, b.error).toBe("Succeeded");
    expect(b.image).toBe(`${auth.host}/private-demo:v1`);
    expect(skopeo(["inspect", "--tls-verify=false", `docker://${auth.host}/private-demo:v1`]).status).not.toBe(0); // no login, no image
    expect(skopeo(["inspect", "--tls-verify=false", "--creds", "pusher:s3cret-pass", `docker://${auth.host}/private-demo:v1`]).status).toBe(0);

    const image = `${auth.host}/private-demo@${b.digest}`;
    const d = await dev.call("POST", `/api/namespaces/${ns}/apps`, { spec: { name: "private-demo", image, replicas: 1, imagePullSecrets: ["registry-private"] } });
    expect(d.status, JSON.stringify(d.body)).toBe(201);
    const dep = await apps.readNamespacedDeployment({ name: "private-demo", namespace: ns });
    expect(dep.spec?.template.spec?.imagePullSecrets).toEqual([{ name: "registry-private" }]);
    expect((await dev.call("GET", `/api/namespaces/${ns}/apps/private-demo`)).body.spec.imagePullSecrets).toEqual(["registry-private"]);
  });

  it("rotates the Secret when the password changes, gives it to new namespaces, and deletes it with the registry", async () => {
    expect((await owner.call("PUT", `/api/teams/${slug}/registries/private`, { password: "rotated-pass" })).status).toBe(200);
    const secret = await core.readNamespacedSecret({ name: "registry-private", namespace: ns });
    expect(JSON.parse(Buffer.from(secret.data![".dockerconfigjson"], "base64").toString()).auths[auth.host].password).toBe("rotated-pass");

    const second = `${ns}-b`;
    expect((await owner.call("POST", `/api/teams/${slug}/namespaces`, { name: second, limits: { quota: { cpu: "4", memory: "8Gi", pods: 10 } } })).status).toBe(201);
    expect((await core.readNamespacedSecret({ name: "registry-private", namespace: second })).type).toBe("kubernetes.io/dockerconfigjson");

    expect((await owner.call("DELETE", `/api/teams/${slug}/registries/private`)).status).toBe(204);
    for (const n of [ns, second]) {
      await expect(core.readNamespacedSecret({ name: "registry-private", namespace: n })).rejects.toMatchObject({ code: 404 });
    }
    expect((await owner.call("DELETE", `/api/teams/${slug}/registries/local`)).body.error.message).toBe("The local registry comes with the local cluster and cannot be changed.");
  });
});

describe("bad input gets its message, and leaves nothing behind", () => {
  const noTag = (image: string) => expect(skopeo(["inspect", "--tls-verify=false", `docker://${registry()}/${ns}/${image}`]).status).not.toBe(0);

  it("a file that is not a jar (by its bytes, not its name)", async () => {
    const r = await build(dev, { source: "artifact", kind: "jar", image: "bad:1" }, { bytes: Buffer.from("just text, named like a jar"), name: "app.jar" });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toBe("app.jar is not a jar file: a jar or war is a zip archive (it starts with PK), this one does not.");
  });

  it("an empty upload, and no file at all", async () => {
    const r = await build(dev, { source: "artifact", kind: "jar", image: "bad:1" }, { bytes: Buffer.alloc(0), name: "app.jar" });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toBe("The uploaded file is empty.");
    const none = await build(dev, { source: "artifact", kind: "war", image: "bad:1" });
    expect(none.body.error.message).toBe("Choose a file to upload.");
  });

  it("over the limit: 413 from Content-Length before the body is read, and while streaming without it", async () => {
    const big = Buffer.alloc(TEST_MAX_UPLOAD + 1024 * 1024, 1);
    big.write("PK\x03\x04", 0, "latin1");
    const r = await build(dev, { source: "artifact", kind: "jar", image: "bad:1" }, { bytes: big, name: "big.jar" });
    expect(r.status).toBe(413);
    expect(r.body.error.message).toBe("The upload is larger than the limit of 24 MB (BERTH_MAX_UPLOAD).");
    // Chunked (no Content-Length): refused once the limit passes.
    const status = await rawUpload(big, { chunked: true });
    expect(status).toBe(413);
  });

  it("a truncated upload", async () => {
    expect(await rawUpload(Buffer.from("PK\x03\x04 a jar that never ends", "latin1"), { truncate: true })).toBe(400);
  });

  it("a base image that does not exist", async () => {
    const r = await build(dev, { source: "artifact", kind: "jar", image: "nobase:1", base: "eclipse-temurin:99-nope" }, { path: java.jar, name: "hello.jar" });
    const b = await finished(r.body.id);
    expect(b.status).toBe("Failed");
    expect(b.error).toBe(`Base image eclipse-temurin:99-nope was not found in ${registry()}.`);
    noTag("nobase:1");
  });

  it("a Dockerfile that does not parse, and a context without one", async () => {
    const bad = context({ Dockerfile: "FORM openjdk:8\n" });
    const b1 = await finished((await build(dev, { source: "dockerfile", image: "badfile:1" }, { bytes: bad, name: "ctx.tar.gz" })).body.id);
    expect(b1.error).toBe("Dockerfile line 1: unknown instruction FORM");
    const none = context({ "README.md": "hi" });
    const b2 = await finished((await build(dev, { source: "dockerfile", image: "badfile:1" }, { bytes: none, name: "ctx.tar.gz" })).body.id);
    expect(b2.error).toBe("There is no Dockerfile in the build context.");
  });

  it("a Git URL that does not exist, and file:// or a local path", async () => {
    const r = await build(dev, { source: "git", gitUrl: `${gitServer.url}/nope.git`, image: "nogit:1" });
    const b = await finished(r.body.id);
    expect(b.status).toBe("Failed");
    expect(b.error).toMatch(new RegExp(`^Cloning ${gitServer.url}/nope.git at main failed: `));
    for (const url of ["file:///etc", "/etc/passwd", "../repo", "ext::sh -c id"]) {
      const bad = await build(dev, { source: "git", gitUrl: url, image: "nogit:1" });
      expect(bad.status, url).toBe(400);
      expect(bad.body.error.message).toMatch(/Git URL must be https:\/\/, http:\/\/ or ssh:\/\//);
    }
  });

  it("a registry that is down, and a wrong password", async () => {
    expect((await owner.call("POST", `/api/teams/${slug}/registries`, { name: "down", url: `http://127.0.0.1:${closedPort}` })).status).toBe(201);
    const down = await finished((await build(dev, { source: "artifact", kind: "jar", image: "x:1", registry: "down" }, { path: java.jar, name: "hello.jar" })).body.id);
    expect(down.status).toBe("Failed");
    expect(down.error).toBe(`Registry 127.0.0.1:${closedPort} is unreachable: connection refused (ECONNREFUSED)`);

    expect((await owner.call("POST", `/api/teams/${slug}/registries`, { name: "wrongpw", url: auth.url, username: "pusher", password: "not-it" })).status).toBe(201);
    await pushBusybox(auth.url, "library/eclipse-temurin:17-jre", { username: "pusher", password: "s3cret-pass" });
    const wrong = await finished((await build(dev, { source: "artifact", kind: "jar", image: "x:1", registry: "wrongpw", base: `${auth.host}/library/eclipse-temurin:17-jre` }, { path: java.jar, name: "hello.jar" })).body.id);
    expect(wrong.status).toBe("Failed");
    expect(wrong.error).toBe(`Registry ${auth.host} refused the username or password (401).`);
  });

  it("leaves no temporary files", async () => {
    await eventually("temporary build folders to be removed", async () => readdirSync(inject("buildDir")).length === 0, 20_000);
  });
});

/** A multipart request written by hand: chunked without Content-Length, or ending before the form does. */
function rawUpload(file: Buffer, opts: { chunked?: boolean; truncate?: boolean }): Promise<number> {
  const boundary = "----berthtest";
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="source"\r\n\r\nartifact\r\n--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\njar\r\n--${boundary}\r\nContent-Disposition: form-data; name="image"\r\n\r\nraw:1\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="raw.jar"\r\nContent-Type: application/java-archive\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const url = new URL(`${inject("baseUrl")}/api/namespaces/${ns}/builds`);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { "content-type": `multipart/form-data; boundary=${boundary}`, cookie: dev.cookie, origin: inject("baseUrl") };
    if (opts.truncate) headers["content-length"] = head.length + file.length; // the body stops inside the file part
    const req = http.request(url, { method: "POST", headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.write(head);
    if (opts.truncate) req.end(file);
    else {
      for (let i = 0; i < file.length; i += 1024 * 1024) req.write(file.subarray(i, i + 1024 * 1024));
      req.end(tail);
    }
  });
}
