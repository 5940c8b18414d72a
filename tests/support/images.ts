// What the build tests need besides Berth: base images (scripts/base-images.ts), a
// registry with htpasswd auth, skopeo to read images back, a real jar and war.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import bcrypt from "bcryptjs";
import { freePort } from "../../lib/db/embedded";
import { registryBinary, writeRegistryConfig } from "../../scripts/cluster/cluster";

export { pushBusybox, BASE_NAMES as TEST_BASES } from "../../scripts/base-images";

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
  const list = spawnSync("tar", ["-tf", layerTar], { encoding: "utf8" }); // gzip or not, tar tells by itself
  return { names: list.stdout.split("\n").filter(Boolean), dir, layerTar };
}

/** Extracts one file of a layer tarball (tar -xO; gzip or not). */
export function fileInLayer(layerTar: string, name: string): Buffer {
  return spawnSync("tar", ["-xOf", layerTar, name]).stdout;
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

/** A self-signed certificate with its key, and the key of another pair (openssl, as an operator would make them). */
export function tlsPair(): { cert: string; key: string; otherKey: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "berth-tls-"));
  for (const n of ["a", "b"]) {
    const r = spawnSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", `/CN=${n}`, "-keyout", path.join(dir, `${n}.key`), "-out", path.join(dir, `${n}.crt`)]);
    if (r.status !== 0) throw new Error(`openssl: ${r.stderr}`);
  }
  const read = (f: string) => readFileSync(path.join(dir, f), "utf8");
  return { cert: read("a.crt"), key: read("a.key"), otherKey: read("b.key") };
}
