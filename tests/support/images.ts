// Real images for the build tests, made here: no image can be pulled from the internet.
// A base is Debian's busybox-static as a one-layer image; the names users type
// (eclipse-temurin, openjdk, tomcat, nginx) are pushed under docker.io's "library/" in
// the local registry, which mirrors docker.io, and labelled as what they really are.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import bcrypt from "bcryptjs";
import { buildImage } from "../../lib/registry/build-image";
import { RegistryClient } from "../../lib/registry/client";
import { freePort } from "../../lib/db/embedded";
import { registryBinary, writeRegistryConfig } from "../../scripts/cluster/cluster";

export const TEST_BASES = ["library/eclipse-temurin:17-jre", "library/openjdk:8-jdk-slim", "library/tomcat:10.1-jre17", "library/nginx:1.27-alpine"];

const quiet = { step() {}, log() {} };

/** A one-layer busybox image pushed as repo:tag. */
export async function pushBusybox(registryUrl: string, repoTag: string, credentials?: { username: string; password: string }) {
  const [repo, tag] = repoTag.split(":");
  const size = statSync("/bin/busybox").size;
  return buildImage(
    {
      base: "scratch",
      target: { client: new RegistryClient(registryUrl, credentials), repo, tag },
      layers: [{ createdBy: "busybox-static (Debian)", files: [{ path: "/bin/busybox", type: "file", mode: 0o755, size, from: "/bin/busybox" }, { path: "/bin/sh", type: "symlink", linkname: "busybox" }] }],
      config: { cmd: ["/bin/sh"], env: { PATH: "/usr/local/bin:/usr/bin:/bin" }, labels: { "dev.berth.test-base": `busybox-static standing in for ${repoTag}; not the upstream image` } },
    },
    quiet,
  );
}

/** A registry with htpasswd auth (bcrypt), its own data folder and port. */
export async function startAuthRegistry(username: string, password: string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "berth-auth-registry-"));
  const htpasswd = path.join(dir, "htpasswd");
  writeFileSync(htpasswd, `${username}:${bcrypt.hashSync(password, 10)}\n`);
  const port = await freePort();
  const config = writeRegistryConfig({ dir, port, htpasswd });
  const child = spawn(registryBinary(), ["serve", config], { stdio: "ignore" });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`${url}/v2/`).then((r) => r.status === 401, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, host: `127.0.0.1:${port}`, stop: () => child.kill("SIGTERM") };
}

/** What skopeo (an independent client) reads back: the config, the raw manifest, a layer's files. */
export function skopeo(args: string[]) {
  const r = spawnSync("skopeo", args, { encoding: "utf8" });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

export function inspectConfig(ref: string, creds?: string) {
  const r = skopeo(["inspect", "--tls-verify=false", "--config", ...(creds ? ["--creds", creds] : []), `docker://${ref}`]);
  if (r.status !== 0) throw new Error(r.err);
  return JSON.parse(r.out) as { config: { Entrypoint?: string[]; Cmd?: string[]; Env?: string[]; WorkingDir?: string; ExposedPorts?: Record<string, object>; Labels?: Record<string, string> }; rootfs: { diff_ids: string[] } };
}

/** Copies an image to a folder with skopeo and lists the files of its last layer. */
export function lastLayerFiles(ref: string): { names: string[]; dir: string; layerTar: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "berth-skopeo-"));
  const r = skopeo(["copy", "--src-tls-verify=false", `docker://${ref}`, `dir:${dir}`]);
  if (r.status !== 0) throw new Error(r.err);
  const manifest = JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8")) as { layers: { digest: string }[] };
  const last = manifest.layers[manifest.layers.length - 1].digest.replace("sha256:", "");
  const layerTar = path.join(dir, last);
  const list = spawnSync("tar", ["-tzf", layerTar], { encoding: "utf8" });
  return { names: list.stdout.split("\n").filter(Boolean), dir, layerTar };
}

/** Extracts one file of a layer tarball (tar -xzO). */
export function fileInLayer(layerTar: string, name: string): Buffer {
  return spawnSync("tar", ["-xzOf", layerTar, name]).stdout;
}

/** A real jar (and a war the seed runs with java -jar) compiled here with javac and jar. */
export function buildJavaArtifacts(): { jar: string; war: string; dir: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "berth-java-"));
  mkdirSync(path.join(dir, "src", "demo"), { recursive: true });
  writeFileSync(path.join(dir, "src", "demo", "Hello.java"), 'package demo;\npublic class Hello { public static void main(String[] a) { System.out.println("hello from berth"); } }\n');
  const run = (cmd: string, args: string[]) => {
    const r = spawnSync(cmd, args, { cwd: dir, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")}: ${r.stderr}`);
  };
  run("javac", ["-d", "out", "src/demo/Hello.java"]);
  run("jar", ["--create", "--file", "hello.jar", "--main-class", "demo.Hello", "-C", "out", "."]);
  mkdirSync(path.join(dir, "out", "WEB-INF"), { recursive: true });
  writeFileSync(path.join(dir, "out", "WEB-INF", "web.xml"), '<web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0"/>\n');
  run("jar", ["--create", "--file", "app.war", "--main-class", "demo.Hello", "-C", "out", "."]);
  return { jar: path.join(dir, "hello.jar"), war: path.join(dir, "app.war"), dir };
}
