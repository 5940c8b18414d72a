// Helpers for the tests that run things on the local cluster's real node: short-lived pods
// that report what they see, the host processes of containers, and small Java programs.
import { CoreV1Api, type KubeConfig } from "@kubernetes/client-node";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eventually, uniqueName } from "./cluster";

/** Runs a busybox pod with a shell script to completion; returns its phase and output (logs through the apiserver). */
export async function runPod(kc: KubeConfig, namespace: string, script: string): Promise<{ phase: string; log: string }> {
  const core = kc.makeApiClient(CoreV1Api);
  const name = uniqueName("probe");
  await core.createNamespacedPod({ namespace, body: { metadata: { name }, spec: { restartPolicy: "Never", containers: [{ name: "c", image: "busybox:1", command: ["sh", "-c", script] }] } } });
  const phase = await eventually(`pod ${name} to finish`, async () => {
    const p = await core.readNamespacedPod({ name, namespace });
    return p.status?.phase === "Succeeded" || p.status?.phase === "Failed" ? p.status.phase : undefined;
  }, 90_000);
  const log = await core.readNamespacedPodLog({ name, namespace });
  await core.deleteNamespacedPod({ name, namespace, gracePeriodSeconds: 0 });
  return { phase, log };
}

/** An HTTP GET from inside a pod, with busybox nc (Debian's static busybox wget crashes on name lookups). */
export const httpGetScript = (host: string, port: number, p = "/") => `printf 'GET ${p} HTTP/1.0\\r\\nHost: ${host}\\r\\n\\r\\n' | nc -w 5 ${host} ${port}`;

/** Host pids of a container (its processes are ordinary processes here), from its cgroup. */
export function containerPids(containerId: string): number[] {
  const id = containerId.replace(/^\w+:\/\//, "");
  const found: number[] = [];
  const walk = (dir: string, depth: number) => {
    if (depth > 6 || !existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (!e.isDirectory()) continue;
      const d = path.join(dir, e.name);
      if (e.name === id) found.push(...readFileSync(path.join(d, "cgroup.procs"), "utf8").split("\n").filter(Boolean).map(Number));
      else walk(d, depth + 1);
    }
  };
  walk("/sys/fs/cgroup/memory/berth", 0);
  if (found.length === 0) walk("/sys/fs/cgroup/berth", 0);
  return found;
}

/**
 * A jar whose main class reads its own namespace's ConfigMaps from the apiserver with the
 * pod's ServiceAccount token, trusting the cluster CA from the token volume, at the
 * kubernetes Service's DNS name — what an in-cluster client does.
 */
export function namespaceReaderJar(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "berth-nsreader-"));
  mkdirSync(path.join(dir, "src", "demo"), { recursive: true });
  writeFileSync(
    path.join(dir, "src", "demo", "NsReader.java"),
    `package demo;
import java.net.URI;
import java.net.http.*;
import java.nio.file.*;
import java.security.KeyStore;
import java.security.cert.*;
import javax.net.ssl.*;
public class NsReader {
  public static void main(String[] a) throws Exception {
    String dir = "/var/run/secrets/kubernetes.io/serviceaccount/";
    String token = Files.readString(Path.of(dir + "token")).trim();
    String ns = Files.readString(Path.of(dir + "namespace")).trim();
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    ks.load(null);
    int i = 0;
    try (var in = Files.newInputStream(Path.of(dir + "ca.crt"))) {
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) ks.setCertificateEntry("ca" + (i++), c);
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    HttpClient http = HttpClient.newBuilder().sslContext(ssl).build();
    HttpRequest req = HttpRequest.newBuilder(URI.create("https://kubernetes.default.svc/api/v1/namespaces/" + ns + "/configmaps")).header("Authorization", "Bearer " + token).build();
    HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
    System.out.println("namespace=" + ns + " status=" + res.statusCode() + " sees-kube-root-ca=" + res.body().contains("\\"kube-root-ca.crt\\""));
    Thread.sleep(Long.MAX_VALUE);
  }
}
`,
  );
  const run = (cmd: string, args: string[]) => {
    const r = spawnSync(cmd, args, { cwd: dir, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")}: ${r.stderr}`);
  };
  run("javac", ["--release", "17", "-d", "out", "src/demo/NsReader.java"]);
  run("jar", ["--create", "--file", "nsreader.jar", "--main-class", "demo.NsReader", "-C", "out", "."]);
  return path.join(dir, "nsreader.jar");
}

/** redis-cli (Debian's redis-tools) against a port on this machine. */
export function redisCli(port: number, args: string[], password?: string): string {
  const r = spawnSync("redis-cli", ["-h", "127.0.0.1", "-p", String(port), ...(password ? ["--no-auth-warning", "-a", password] : []), ...args], { encoding: "utf8", timeout: 10_000 });
  if (r.error) throw r.error;
  return `${r.stdout}${r.stderr}`.trim();
}

/** A command in a running container, through the apiserver (pods/exec); its output, or the failure. */
export async function execIn(kc: KubeConfig, namespace: string, pod: string, container: string, command: string[]): Promise<string> {
  const { Exec } = await import("@kubernetes/client-node");
  const { PassThrough } = await import("node:stream");
  const out = new PassThrough();
  const err = new PassThrough();
  let text = "";
  out.on("data", (c) => (text += c));
  err.on("data", (c) => (text += c));
  await new Promise<void>((resolve, reject) => {
    new Exec(kc).exec(namespace, pod, container, command, out, err, null, false, (s) => (s.status === "Success" ? resolve() : reject(new Error(`${JSON.stringify(s.message ?? s)}: ${text}`)))).catch(reject);
  });
  return text;
}
