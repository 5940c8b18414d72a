// The local Kubernetes cluster Berth runs against by default: the upstream
// kube-apiserver, kube-controller-manager and kube-scheduler with etcd, built
// from Go modules (build.sh); one real node that runs containers (node.ts: kubelet,
// kube-proxy, containerd, CNI, CoreDNS; root on Linux), kwok playing the kubelet for N
// simulated nodes (tainted: only workloads that tolerate it land there), and an OCI registry.
//
//   tsx scripts/cluster/cluster.ts up [--nodes N]   build once (cached), start, wait until Ready
//   tsx scripts/cluster/cluster.ts down              stop exactly what `up` started, remove its data
//   tsx scripts/cluster/cluster.ts status            report each component
//
// BERTH_CLUSTER_DIR chooses the data dir (default .berth/cluster), so tests run
// their own cluster beside a developer's. BERTH_APISERVER_PORT pins the apiserver port.
import { CoreV1Api, KubeConfig, RbacAuthorizationV1Api, StorageV1Api, type V1Node } from "@kubernetes/client-node";
import { spawn } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { CONSOLE_RULES } from "../../lib/domain/console-rbac";
import { ensureBuilderImage } from "./builder-image";
import { buildImages, canBuildImages, IMAGES, pushImages } from "./images";
import { cleanHost, drainNode, forgetStaleImages, hostIp, NODE_COMPONENTS, NODE_NAME, readNodeState, startNode, whyNoRealNode, type NodeBins, type NodeState } from "./node";
import { createCa, issue } from "./pki";
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import https from "node:https";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");

// ---------------------------------------------------------------- versions / paths

export function versions() {
  const text = readFileSync(path.join(here, "versions.sh"), "utf8");
  const v = (k: string) => new RegExp(`^${k}=(\\S+)`, "m").exec(text)![1];
  const cache = process.env.BERTH_CACHE || path.join(process.env.HOME || "/root", ".cache", "berth");
  const k8s = v("K8S_VERSION");
  return {
    k8s,
    etcd: v("ETCD_VERSION"),
    kwok: v("KWOK_VERSION"),
    registry: v("REGISTRY_VERSION"),
    bin: path.join(cache, `k8s-${k8s}-etcd-${v("ETCD_VERSION")}-kwok-${v("KWOK_VERSION")}`, "bin"),
    registryBin: path.join(cache, `registry-${v("REGISTRY_VERSION")}`, "bin"),
    buildkit: { version: v("BUILDKIT_VERSION"), bin: path.join(cache, `buildkit-${v("BUILDKIT_VERSION")}`, "bin"), rootlesskit: path.join(cache, `rootlesskit-${v("ROOTLESSKIT_VERSION")}`, "bin", "rootlesskit") },
    node: {
      kube: path.join(cache, `k8s-${k8s}-etcd-${v("ETCD_VERSION")}-kwok-${v("KWOK_VERSION")}`, "bin"),
      containerd: path.join(cache, `containerd-${v("CONTAINERD_VERSION")}`, "bin"),
      cni: path.join(cache, `cni-plugins-${v("CNI_VERSION")}`, "bin"),
      coredns: path.join(cache, `coredns-${v("COREDNS_VERSION")}`, "bin"),
      metricsServer: path.join(cache, `metrics-server-${v("METRICS_SERVER_VERSION")}`, "bin"),
    } satisfies NodeBins,
  };
}

export function clusterDir() {
  return path.resolve(process.env.BERTH_CLUSTER_DIR || path.join(repo, ".berth", "cluster"));
}

/** Bump when the way components are started changes: a running cluster of an older layout is restarted. */
const LAYOUT = 6;

const CONTROL_PLANE = ["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kwok", "registry"] as const;
type Component = (typeof CONTROL_PLANE)[number] | (typeof NODE_COMPONENTS)[number];
/** What a cluster runs: the control plane, and the real node's parts when it has one. */
const components = (state: State): Component[] => [...CONTROL_PLANE, ...(state.node ? NODE_COMPONENTS : [])];

interface State {
  layout: number;
  apiserverArgs?: string[];
  version: string;
  dir: string;
  bin: string;
  registryBin: string;
  ports: { etcd: number; etcdPeer: number; apiserver: number; controllerManager: number; scheduler: number; kwok: number; registry: number };
  pids: Partial<Record<Component, number>>;
  /** The real node, when this cluster has one; otherwise why not (one line). */
  node?: NodeState;
  noRealNode?: string;
  nodes: number;
  adminKubeconfig: string;
  berthKubeconfig: string;
}

const statePath = (dir: string) => path.join(dir, "state.json");

function readState(dir: string): State | undefined {
  try {
    return JSON.parse(readFileSync(statePath(dir), "utf8")) as State;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------- small helpers

const log = (msg: string) => process.stderr.write(`[cluster] ${msg}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once("error", () => resolve(false));
    s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
  });
}

async function freePort(taken: Set<number>): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const s = net.createServer();
      s.once("error", reject);
      s.listen(0, "127.0.0.1", () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    if (!taken.has(port)) {
      taken.add(port);
      return port;
    }
  }
}

/** True when pid is alive and is the binary we started (not a reused pid). */
function ours(pid: number | undefined, binary: string): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    return cmd.split("\0")[0].endsWith(binary);
  } catch {
    return false;
  }
}

/** True once a process has exited (gone, or a zombie waiting to be reaped by its parent). */
function exited(pid: number): boolean {
  try {
    return /^\d+ \(.*\) [ZX]/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return true;
  }
}

function get(url: string, token?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const lib = url.startsWith("https") ? https : http;
    const req = lib.get(url, { headers: token ? { Authorization: `Bearer ${token}` } : {}, rejectUnauthorized: false, timeout: 3000 }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
  });
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number, logFile?: string) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await sleep(300);
  }
  const tail = logFile && existsSync(logFile) ? `\n--- last lines of ${logFile} ---\n${readFileSync(logFile, "utf8").split("\n").slice(-15).join("\n")}` : "";
  throw new Error(`${what} did not become ready within ${timeoutMs / 1000}s${tail}`);
}

function start(state: State, name: Component, args: string[], binary = path.join(name === "registry" ? state.registryBin : state.bin, name), env?: NodeJS.ProcessEnv): number {
  const logFile = path.join(state.dir, "logs", `${name}.log`);
  const out = openSync(logFile, "a");
  const child = spawn(binary, args, { detached: true, stdio: ["ignore", out, out], env });
  child.unref();
  if (!child.pid) throw new Error(`could not start ${name}`);
  state.pids[name] = child.pid;
  writeFileSync(statePath(state.dir), JSON.stringify(state, null, 2));
  return child.pid;
}

function kubeconfig(server: string, caFile: string, user: string, auth: { token: string } | { cert: string; key: string }): string {
  const ca = readFileSync(caFile).toString("base64");
  const credentials = "token" in auth ? [`    token: ${auth.token}`] : [`    client-certificate: ${auth.cert}`, `    client-key: ${auth.key}`];
  return [
    "apiVersion: v1",
    "kind: Config",
    "clusters:",
    "- name: berth-local",
    "  cluster:",
    `    server: ${server}`,
    `    certificate-authority-data: ${ca}`,
    "users:",
    `- name: ${user}`,
    "  user:",
    ...credentials,
    "contexts:",
    "- name: berth-local",
    "  context:",
    "    cluster: berth-local",
    `    user: ${user}`,
    "current-context: berth-local",
    "",
  ].join("\n");
}

// ---------------------------------------------------------------- build

/** Whether this machine can have the real node: root on Linux, unless BERTH_REAL_NODE=0. */
const realNodePossible = () => process.platform === "linux" && process.getuid?.() === 0 && process.env.BERTH_REAL_NODE !== "0";

/**
 * Everything `up` runs, built (or found in the cache): the Go components (build.sh, a child
 * process) and, when this machine can have a real node, the Debian base images (mmdebstrap) at
 * the same time. `npm test` calls it first, so no test's time limit includes a cold build.
 */
export async function prepare() {
  const go = new Promise<void>((resolve, reject) => {
    const child = spawn(path.join(here, "build.sh"), { stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error("building the cluster's components failed (see the output above)"))));
  });
  const images = realNodePossible() && !canBuildImages() ? buildImages((m) => log(m)) : Promise.resolve(undefined);
  const [, built] = await Promise.all([go, images]);
  return built;
}

// ---------------------------------------------------------------- up

export interface UpOptions {
  nodes?: number;
  quiet?: boolean;
  /** Extra kube-apiserver flags (the tests turn off the watch cache for ConfigMaps to provoke 410 Gone). */
  apiserverArgs?: string[];
}

export interface UpResult {
  adminKubeconfig: string;
  berthKubeconfig: string;
  server: string;
  /** host:port of the local OCI registry (plain HTTP on loopback). */
  registry: string;
  alreadyRunning: boolean;
  /** Why the cluster has no real node, when it has none. */
  noRealNode?: string;
}

export async function up(opts: UpOptions = {}): Promise<UpResult> {
  const nodes = opts.nodes ?? Number(process.env.BERTH_NODES ?? 3);
  if (!Number.isInteger(nodes) || nodes < 0 || nodes > 1000) throw new Error(`--nodes must be an integer from 0 to 1000 (got ${nodes})`);
  const v = versions();
  const dir = clusterDir();
  const images = await prepare();

  const existing = readState(dir);
  if (existing) {
    const want = components(existing);
    const alive = want.filter((c) => ours(existing.pids[c], c));
    const sameArgs = JSON.stringify(existing.apiserverArgs ?? []) === JSON.stringify(opts.apiserverArgs ?? []);
    if (existing.layout === LAYOUT && existing.version === v.k8s && sameArgs && alive.length === want.length && (await apiserverReady(existing))) {
      log(`already running: https://127.0.0.1:${existing.ports.apiserver} (kubeconfig ${existing.adminKubeconfig})${existing.node ? `; real node ${existing.node.name}` : `; no real node: ${existing.noRealNode}`}`);
      await bootstrapRbac(existing);
      await ensureStorageClass(existing);
      await ensureNodes(existing, nodes);
      // images added or rebuilt since it started (what the registry has is skipped)
      if (existing.node && images) forgetStaleImages(dir, v.node.containerd, await publishImages(dir, registryAddress(existing), images));
      return { adminKubeconfig: existing.adminKubeconfig, berthKubeconfig: existing.berthKubeconfig, server: `https://127.0.0.1:${existing.ports.apiserver}`, registry: registryAddress(existing), alreadyRunning: true, noRealNode: existing.noRealNode };
    }
    log(existing.layout === LAYOUT ? `a previous cluster in ${dir} is only partly running (${alive.join(", ") || "nothing"}): stopping it and starting fresh` : `the cluster in ${dir} was started by an older Berth: restarting it`);
    await down({ quiet: true });
  }

  const pinned = process.env.BERTH_APISERVER_PORT ? Number(process.env.BERTH_APISERVER_PORT) : undefined;
  if (pinned !== undefined && !(await portFree(pinned))) {
    throw new Error(`port ${pinned} (BERTH_APISERVER_PORT) is already in use: stop what listens there or unset BERTH_APISERVER_PORT to pick a free port`);
  }
  const taken = new Set<number>(pinned ? [pinned] : []);
  const ports = {
    etcd: await freePort(taken),
    etcdPeer: await freePort(taken),
    apiserver: pinned ?? (await freePort(taken)),
    controllerManager: await freePort(taken),
    scheduler: await freePort(taken),
    kwok: await freePort(taken),
    registry: await freePort(taken),
  };

  for (const d of ["etcd", "pki", "logs"]) mkdirSync(path.join(dir, d), { recursive: true });
  const noRealNode = whyNoRealNode(dir, v.node) ?? (images ? undefined : (canBuildImages() ?? "its images were not built"));
  const state: State = {
    noRealNode,
    layout: LAYOUT,
    apiserverArgs: opts.apiserverArgs ?? [],
    version: v.k8s,
    dir,
    bin: v.bin,
    registryBin: v.registryBin,
    ports,
    pids: {},
    nodes,
    adminKubeconfig: path.join(dir, "admin.kubeconfig"),
    berthKubeconfig: path.join(dir, "berth.kubeconfig"),
  };
  writeFileSync(statePath(dir), JSON.stringify(state, null, 2));

  try {
    await startAll(state, opts.quiet ?? false, opts.apiserverArgs ?? [], v.node, images);
  } catch (e) {
    await down({ quiet: true });
    throw e;
  }
  return { adminKubeconfig: state.adminKubeconfig, berthKubeconfig: state.berthKubeconfig, server: `https://127.0.0.1:${ports.apiserver}`, registry: registryAddress(state), alreadyRunning: false, noRealNode: state.noRealNode };
}

const registryAddress = (state: State) => `127.0.0.1:${state.ports.registry}`;

async function apiserverReady(state: State): Promise<boolean> {
  try {
    const token = readFileSync(path.join(state.dir, "pki", "admin.token"), "utf8").trim();
    return (await get(`https://127.0.0.1:${state.ports.apiserver}/readyz`, token)).status === 200;
  } catch {
    return false;
  }
}

async function startAll(state: State, quiet: boolean, apiserverArgs: string[], nodeBins: NodeBins, images: Awaited<ReturnType<typeof buildImages>> | undefined) {
  const { dir, ports } = state;
  const pki = path.join(dir, "pki");
  const say = (m: string) => quiet || log(m);
  if (state.noRealNode) log(`no real node: ${state.noRealNode} (apps run on simulated nodes only)`);
  // With a real node, pods reach the apiserver at the machine's address (the `kubernetes`
  // Service's endpoint); without one it stays on loopback.
  const nodeIp = state.noRealNode ? undefined : hostIp();
  const ca = createCa(pki);
  const serving = issue(ca, "apiserver", {
    cn: "kube-apiserver",
    server: { ips: ["127.0.0.1", "10.96.0.1", ...(nodeIp ? [nodeIp] : [])], dns: ["localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local"] },
  });
  // The apiserver's identity towards kubelets (logs, exec, port-forward go through it).
  const kubeletClient = issue(ca, "apiserver-kubelet-client", { cn: "kube-apiserver-kubelet-client", orgs: ["system:masters"] });
  // Its identity towards aggregated API servers (metrics-server): they trust the user it names
  // in X-Remote-User only from a certificate with this name.
  const frontProxy = issue(ca, "front-proxy-client", { cn: "front-proxy-client" });

  // Credentials: a static admin token (system:masters) for bootstrapping and tests,
  // and a token for Berth's own identity, which RBAC below keeps to what it needs.
  const adminToken = randomBytes(24).toString("hex");
  const berthToken = randomBytes(24).toString("hex");
  writeFileSync(path.join(pki, "admin.token"), adminToken, { mode: 0o600 });
  writeFileSync(
    path.join(pki, "tokens.csv"),
    `${adminToken},admin,admin,"system:masters"\n${berthToken},berth,berth,"berth:console"\n`,
    { mode: 0o600 },
  );
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  writeFileSync(path.join(pki, "sa.key"), privateKey.export({ type: "pkcs1", format: "pem" }), { mode: 0o600 });
  writeFileSync(path.join(pki, "sa.pub"), publicKey.export({ type: "spki", format: "pem" }));

  say(`starting etcd on 127.0.0.1:${ports.etcd}`);
  const etcdUrl = `http://127.0.0.1:${ports.etcd}`;
  const peerUrl = `http://127.0.0.1:${ports.etcdPeer}`;
  start(state, "etcd", [
    "--name=berth",
    `--data-dir=${path.join(dir, "etcd")}`,
    `--listen-client-urls=${etcdUrl}`,
    `--advertise-client-urls=${etcdUrl}`,
    `--listen-peer-urls=${peerUrl}`,
    `--initial-advertise-peer-urls=${peerUrl}`,
    `--initial-cluster=berth=${peerUrl}`,
    "--unsafe-no-fsync=true",
    "--quota-backend-bytes=4294967296",
    "--log-level=warn",
  ]);
  await waitFor("etcd", async () => (await get(`${etcdUrl}/health`)).status === 200, 60_000, path.join(dir, "logs", "etcd.log"));

  say(`starting kube-apiserver on https://127.0.0.1:${ports.apiserver}`);
  start(state, "kube-apiserver", [
    `--etcd-servers=${etcdUrl}`,
    `--bind-address=${nodeIp ? "0.0.0.0" : "127.0.0.1"}`,
    `--advertise-address=${nodeIp ?? "127.0.0.1"}`,
    `--secure-port=${ports.apiserver}`,
    `--tls-cert-file=${serving.cert}`,
    `--tls-private-key-file=${serving.key}`,
    `--client-ca-file=${ca.caCert}`,
    `--kubelet-client-certificate=${kubeletClient.cert}`,
    `--kubelet-client-key=${kubeletClient.key}`,
    `--kubelet-certificate-authority=${ca.caCert}`,
    `--token-auth-file=${path.join(pki, "tokens.csv")}`,
    "--authorization-mode=Node,RBAC",
    // NodeRestriction: the node's identity may change only its own Node and pods. PodNodeSelector
    // and PodTolerationRestriction let a namespace opt into the simulated nodes (tests, bench).
    "--enable-admission-plugins=NodeRestriction,PodNodeSelector,PodTolerationRestriction",
    "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
    `--service-account-key-file=${path.join(pki, "sa.pub")}`,
    `--service-account-signing-key-file=${path.join(pki, "sa.key")}`,
    "--service-cluster-ip-range=10.96.0.0/16",
    `--endpoint-reconciler-type=${nodeIp ? "lease" : "none"}`,
    "--allow-privileged=true",
    "--kubelet-preferred-address-types=InternalIP",
    "--enable-priority-and-fairness=false",
    // The aggregation layer (metrics.k8s.io is served by metrics-server on this machine).
    `--requestheader-client-ca-file=${ca.caCert}`,
    "--requestheader-allowed-names=front-proxy-client",
    "--requestheader-username-headers=X-Remote-User",
    "--requestheader-group-headers=X-Remote-Group",
    "--requestheader-extra-headers-prefix=X-Remote-Extra-",
    `--proxy-client-cert-file=${frontProxy.cert}`,
    `--proxy-client-key-file=${frontProxy.key}`,
    "--enable-aggregator-routing=true",
    "--v=0",
    ...apiserverArgs,
  ]);
  await waitFor("kube-apiserver", () => apiserverReady(state), 120_000, path.join(dir, "logs", "kube-apiserver.log"));

  const server = `https://127.0.0.1:${ports.apiserver}`;
  const caFile = ca.caCert;
  writeFileSync(state.adminKubeconfig, kubeconfig(server, caFile, "admin", { token: adminToken }), { mode: 0o600 });
  writeFileSync(state.berthKubeconfig, kubeconfig(server, caFile, "berth", { token: berthToken }), { mode: 0o600 });

  say("starting kube-controller-manager and kube-scheduler");
  const kc = state.adminKubeconfig;
  start(state, "kube-controller-manager", [
    `--kubeconfig=${kc}`,
    `--authentication-kubeconfig=${kc}`,
    `--authorization-kubeconfig=${kc}`,
    "--leader-elect=false",
    "--bind-address=127.0.0.1",
    `--secure-port=${ports.controllerManager}`,
    `--service-account-private-key-file=${path.join(pki, "sa.key")}`,
    `--root-ca-file=${caFile}`,
    "--use-service-account-credentials=false",
    "--node-monitor-grace-period=50s",
    "--concurrent-deployment-syncs=10",
    "--concurrent-replicaset-syncs=10",
    "--kube-api-qps=200",
    "--kube-api-burst=400",
    // PersistentVolumeClaims get a volume (a directory under /tmp on this machine) from the
    // "standard" StorageClass, so apps with storage run here as on a cloud cluster.
    "--enable-hostpath-provisioner=true",
  ]);
  start(state, "kube-scheduler", [
    `--kubeconfig=${kc}`,
    `--authentication-kubeconfig=${kc}`,
    `--authorization-kubeconfig=${kc}`,
    "--leader-elect=false",
    "--bind-address=127.0.0.1",
    `--secure-port=${ports.scheduler}`,
    "--kube-api-qps=200",
    "--kube-api-burst=400",
  ]);
  await waitFor("kube-controller-manager", async () => (await get(`https://127.0.0.1:${ports.controllerManager}/healthz`)).status === 200, 60_000, path.join(dir, "logs", "kube-controller-manager.log"));
  await waitFor("kube-scheduler", async () => (await get(`https://127.0.0.1:${ports.scheduler}/healthz`)).status === 200, 60_000, path.join(dir, "logs", "kube-scheduler.log"));

  await bootstrapRbac(state);
  await ensureStorageClass(state);

  say(`starting kwok with ${state.nodes} simulated node(s)`);
  const logsConfig = writeSimulatedLogs(dir);
  // kwok plays the kubelet's API too (logs): with a CA-signed certificate, as the apiserver verifies kubelets.
  const kwokServing = issue(ca, "kwok-serving", { cn: "kwok", server: { ips: ["127.0.0.1"], dns: ["localhost"] } });
  start(state, "kwok", [
    `--kubeconfig=${kc}`,
    "--manage-all-nodes=false",
    "--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake",
    `--config=${path.join(state.bin, "kwok-stages.yaml")}`,
    `--config=${logsConfig}`,
    "--node-ip=127.0.0.1",
    `--node-port=${ports.kwok}`,
    `--server-address=127.0.0.1:${ports.kwok}`,
    `--tls-cert-file=${kwokServing.cert}`,
    `--tls-private-key-file=${kwokServing.key}`,
    "--cidr=10.244.0.1/16",
    "--node-lease-duration-seconds=40",
  ]);
  await ensureNodes(state, state.nodes);

  const registryUrl = `http://${registryAddress(state)}`;
  say(`starting the OCI registry (distribution) on ${registryUrl}`);
  start(state, "registry", ["serve", writeRegistryConfig({ dir: path.join(dir, "registry"), port: ports.registry })]);
  await waitFor("the OCI registry", async () => (await get(`${registryUrl}/v2/`)).status === 200, 30_000, path.join(dir, "logs", "registry.log"));
  // Where Berth finds it (lib/registry/local.ts): beside the kubeconfigs.
  writeFileSync(path.join(dir, "registry.json"), JSON.stringify({ address: registryAddress(state) }) + "\n");

  if (nodeIp && images) {
    say(`pushing the images built here (${IMAGES.map((i) => i.id).join(", ")}) to the local registry`);
    await publishImages(dir, registryAddress(state), images);
    const taken = new Set(Object.values(ports));
    const nodePorts = { kubelet: await freePort(taken), kubeletHealthz: await freePort(taken), proxyHealthz: await freePort(taken), proxyMetrics: await freePort(taken), dns: await freePort(taken), dnsHealth: await freePort(taken), metrics: await freePort(taken) };
    state.node = await startNode({
      dir,
      bins: nodeBins,
      pki: ca,
      registry: registryAddress(state),
      admin: adminClient(state),
      ports: nodePorts,
      say,
      waitFor,
      kubeconfig: (user, cert) => kubeconfig(server, caFile, user, cert),
      start: (name, binary, args, env) => start(state, name, args, binary, env),
    });
    writeFileSync(statePath(dir), JSON.stringify(state, null, 2));
    // Where Berth learns that NodePorts answer on this machine (lib/k8s/config.ts localNodeHost).
    writeFileSync(path.join(dir, "real-node.json"), JSON.stringify({ name: state.node.name, ip: state.node.ip }) + "\n");
  }
  say(`ready: ${server} with ${state.node ? `the real node ${state.node.name} and ` : ""}${state.nodes} simulated node(s); kubeconfig ${state.adminKubeconfig}; registry ${registryAddress(state)}`);
}

/**
 * The images built here, pushed to the local registry, and the in-cluster builder image made
 * on them; where Berth finds the builder: registry.json (lib/registry/local.ts).
 */
async function publishImages(dir: string, registry: string, images: Awaited<ReturnType<typeof buildImages>>) {
  const pushed = await pushImages(`http://${registry}`, images);
  const builder = await ensureBuilderImage(registry, versions().buildkit, log);
  writeFileSync(path.join(dir, "registry.json"), JSON.stringify({ address: registry, builder }) + "\n");
  return pushed;
}

/**
 * A configuration for the reference registry: filesystem storage under `dir`, plain HTTP
 * on loopback, optionally htpasswd (bcrypt) auth. Returns the config file's path.
 */
export function writeRegistryConfig(opts: { dir: string; port: number; htpasswd?: string }): string {
  mkdirSync(opts.dir, { recursive: true });
  const lines = [
    "version: 0.1",
    "log:",
    "  level: warn",
    "  accesslog:",
    "    disabled: true",
    "storage:",
    "  filesystem:",
    `    rootdirectory: ${path.join(opts.dir, "data")}`,
    "  delete:",
    "    enabled: true",
    "http:",
    `  addr: 127.0.0.1:${opts.port}`,
    `  secret: ${randomBytes(16).toString("hex")}`,
  ];
  if (opts.htpasswd) lines.push("auth:", "  htpasswd:", "    realm: berth-test", `    path: ${opts.htpasswd}`);
  const file = path.join(opts.dir, "config.yml");
  writeFileSync(file, lines.join("\n") + "\n");
  return file;
}

/** The registry binary `build` made (tests start more registries with it). */
export const registryBinary = () => path.join(versions().registryBin, "registry");

/**
 * kwok serves container logs for its pods through the kubelet API the apiserver
 * proxies (`kubectl logs`, Berth's log view): every container answers with the
 * lines of one sample file (ClusterLogs, https://kwok.sigs.k8s.io/docs/user/logs-configuration/).
 */
function writeSimulatedLogs(dir: string): string {
  const file = path.join(dir, "logs", "simulated-container.log");
  const start = Date.parse("2026-01-01T08:00:00Z");
  const lines = [
    "Starting application",
    "Loaded configuration from /etc/app",
    "Connected to database in 42 ms",
    "Listening on 0.0.0.0:8080",
    ...Array.from({ length: 196 }, (_, i) => `GET /api/items/${i} 200 ${3 + (i % 17)}ms`),
  ];
  // CRI log format (what the kubelet reads from disk): "<RFC3339Nano> stdout F <line>".
  writeFileSync(file, lines.map((l, i) => `${new Date(start + i * 1000).toISOString()} stdout F INFO ${l}`).join("\n") + "\n");
  const config = path.join(dir, "kwok-logs.yaml");
  writeFileSync(
    config,
    ["apiVersion: kwok.x-k8s.io/v1alpha1", "kind: ClusterLogs", "metadata:", "  name: simulated", "spec:", "  logs:", `  - logsFile: ${file}`, "    follow: true", ""].join("\n"),
  );
  return config;
}

function adminClient(state: State): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(state.adminKubeconfig);
  return kc;
}

/**
 * Berth's service identity (CONSOLE_RULES, lib/domain/console-rbac.ts: the same in the Helm
 * chart's ClusterRole, which a test compares, and as the README lists it): impersonate users and groups (so the apiserver decides
 * what each user may do), manage namespaces and the quota/limits/RoleBindings it
 * puts in them, read nodes for the Overview page, and watch (read-only) the
 * workloads the live view caches. It cannot change any workload itself.
 */
async function bootstrapRbac(state: State) {
  const rbac = adminClient(state).makeApiClient(RbacAuthorizationV1Api);
  const role = {
    metadata: { name: "berth-console", labels: { "app.kubernetes.io/managed-by": "berth" } },
    rules: CONSOLE_RULES,
  };
  const binding = {
    metadata: { name: "berth-console", labels: { "app.kubernetes.io/managed-by": "berth" } },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "berth-console" },
    subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: "berth" }],
  };
  // Platform admins act through the group Berth impersonates for them.
  const platformAdmins = {
    metadata: { name: "berth-platform-admins", labels: { "app.kubernetes.io/managed-by": "berth" } },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
    subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "berth:platform-admins" }],
  };
  // Create, or bring an existing cluster's objects up to date (rules change between versions).
  await rbac.createClusterRole({ body: role }).catch(async (e) => {
    ignoreExists(e);
    await rbac.replaceClusterRole({ name: role.metadata.name, body: role });
  });
  await rbac.createClusterRoleBinding({ body: binding }).catch(ignoreExists);
  await rbac.createClusterRoleBinding({ body: platformAdmins }).catch(ignoreExists);
}

/**
 * The default StorageClass: kube-controller-manager's hostPath provisioner (enabled
 * above) gives each claim a directory under /tmp, deleted with the claim. Enough
 * for apps with storage to schedule and run on kwok's nodes; not for real data.
 */
async function ensureStorageClass(state: State) {
  const storage = adminClient(state).makeApiClient(StorageV1Api);
  const body = {
    metadata: { name: "standard", labels: { "app.kubernetes.io/managed-by": "berth" }, annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
    provisioner: "kubernetes.io/host-path",
    reclaimPolicy: "Delete",
    volumeBindingMode: "Immediate",
  };
  await storage.createStorageClass({ body }).catch(ignoreExists);
}

function ignoreExists(e: unknown) {
  if ((e as { code?: number }).code === 409) return;
  throw e;
}

/** The taint on simulated nodes when a real node exists: only pods that tolerate it (bench, tests that opt in) land there. */
export const SIMULATED_TAINT = { key: "kwok.x-k8s.io/node", value: "fake", effect: "NoSchedule" };

/**
 * Node objects kwok manages: realistic capacity so quotas and "Insufficient cpu" behave as on
 * real machines. Tainted when the cluster has a real node, so ordinary apps run for real.
 */
function simulatedNode(i: number, tainted: boolean): V1Node {
  const name = `kwok-node-${i}`;
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name,
      annotations: { "kwok.x-k8s.io/node": "fake", "node.alpha.kubernetes.io/ttl": "0" },
      labels: {
        "kubernetes.io/arch": "amd64",
        "kubernetes.io/os": "linux",
        "kubernetes.io/hostname": name,
        "kubernetes.io/role": "agent",
        "node-role.kubernetes.io/agent": "",
        type: "kwok",
      },
    },
    status: {
      allocatable: { cpu: "8", memory: "32Gi", pods: "2000", "ephemeral-storage": "100Gi" },
      capacity: { cpu: "8", memory: "32Gi", pods: "2000", "ephemeral-storage": "100Gi" },
      nodeInfo: {
        architecture: "amd64",
        operatingSystem: "linux",
        kubeletVersion: "fake",
        kubeProxyVersion: "fake",
        bootID: "",
        containerRuntimeVersion: "",
        kernelVersion: "",
        machineID: "",
        osImage: "",
        systemUUID: "",
      },
    },
    spec: tainted ? { taints: [SIMULATED_TAINT] } : {},
  };
}

async function ensureNodes(state: State, count: number) {
  const core = adminClient(state).makeApiClient(CoreV1Api);
  for (let i = 0; i < count; i++) {
    await core.createNode({ body: simulatedNode(i, !state.noRealNode) }).catch(ignoreExists);
  }
  await waitFor(
    `${count} Ready node(s)`,
    async () => {
      const list = await core.listNode({ labelSelector: "type=kwok" });
      return list.items.filter((n) => n.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True")).length >= count;
    },
    90_000,
    path.join(state.dir, "logs", "kwok.log"),
  );
  if (count !== state.nodes) {
    state.nodes = count;
    writeFileSync(statePath(state.dir), JSON.stringify(state, null, 2));
  }
}

// ---------------------------------------------------------------- down / status

export async function down(opts: { quiet?: boolean } = {}) {
  const dir = clusterDir();
  const state = readState(dir);
  if (!state) {
    if (!opts.quiet) log(`nothing to stop in ${dir}`);
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
    return;
  }
  const node = state.node ?? readNodeState(dir);
  const bins = versions().node;
  const problems: string[] = [];
  if (node) {
    // While the apiserver and kubelet still run: pods deleted, so the kubelet stops their
    // containers, unmounts their volumes and the CNI plugins undo their network.
    if (ours(state.pids["kube-apiserver"], "kube-apiserver")) await drainNode(adminClient(state), bins.containerd, dir).catch(() => undefined);
    await stop(state, ["metrics-server", "coredns", "kube-proxy", "kubelet"]);
    await stop(state, ["containerd"]);
    problems.push(...cleanHost(dir, bins, node));
  }
  // Reverse order: kubelet stand-in and controllers first, etcd last.
  await stop(state, [...CONTROL_PLANE].reverse());
  rmSync(dir, { recursive: true, force: true });
  for (const p of problems) log(`could not undo: ${p}`);
  if (!opts.quiet) log(`stopped and removed ${dir}`);
}

/** Only pids that are still the binaries we started get a signal; then wait until they have exited. */
async function stop(state: State, which: Component[]) {
  const mine = which.flatMap((c) => (ours(state.pids[c], c) ? [state.pids[c]!] : []));
  for (const pid of mine) {
    try {
      process.kill(pid, "SIGTERM");
    } catch {
      /* already gone */
    }
  }
  const until = Date.now() + 10_000;
  while (Date.now() < until && mine.some((pid) => !exited(pid))) await sleep(100);
  for (const pid of mine) {
    if (!exited(pid)) process.kill(pid, "SIGKILL");
  }
  const killed = Date.now() + 5_000;
  while (Date.now() < killed && mine.some((pid) => !exited(pid))) await sleep(50);
}

/**
 * A control-plane outage, for the tests: stops the running kube-apiserver and returns what
 * starts it again with the very same command line (read from /proc), waiting until it is ready.
 */
export async function stopApiserver(): Promise<() => Promise<void>> {
  const dir = clusterDir();
  const state = readState(dir);
  const pid = state?.pids["kube-apiserver"];
  if (!state || !ours(pid, "kube-apiserver")) throw new Error(`no running kube-apiserver in ${dir}`);
  const [binary, ...args] = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
  await stop(state, ["kube-apiserver"]);
  return async () => {
    start(state, "kube-apiserver", args, binary);
    await waitFor("kube-apiserver", () => apiserverReady(state), 120_000, path.join(dir, "logs", "kube-apiserver.log"));
  };
}

export async function status(): Promise<boolean> {
  const dir = clusterDir();
  const state = readState(dir);
  if (!state) {
    console.log(`no local cluster in ${dir} (start one with: npm run cluster up)`);
    return false;
  }
  let ok = true;
  for (const c of components(state)) {
    const alive = ours(state.pids[c], c);
    ok &&= alive;
    console.log(`${c.padEnd(24)} ${alive ? `running (pid ${state.pids[c]})` : "NOT running"}`);
  }
  const ready = await apiserverReady(state);
  ok &&= ready;
  console.log(`${"apiserver /readyz".padEnd(24)} ${ready ? "ok" : "not ready"}  https://127.0.0.1:${state.ports.apiserver}`);
  if (ready) {
    const nodes = await adminClient(state).makeApiClient(CoreV1Api).listNode();
    const readyNodes = nodes.items.filter((n) => n.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True")).length;
    console.log(`${"nodes".padEnd(24)} ${readyNodes}/${nodes.items.length} Ready`);
  }
  if (state.node) {
    const node = ready ? await adminClient(state).makeApiClient(CoreV1Api).readNode({ name: NODE_NAME }).catch(() => undefined) : undefined;
    const nodeReady = node?.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
    ok &&= nodeReady;
    console.log(`${"real node".padEnd(24)} ${nodeReady ? "Ready" : "NOT Ready"}  ${state.node.name} (${state.node.ip}), pods in ${"10.85.0.0/16"}`);
  } else {
    console.log(`${"real node".padEnd(24)} none: ${state.noRealNode}`);
  }
  const registryUp = ours(state.pids.registry, "registry") && (await get(`http://${registryAddress(state)}/v2/`).then((r) => r.status === 200, () => false));
  console.log(`${"registry".padEnd(24)} ${registryUp ? "ok" : "not answering"}  ${registryAddress(state)}`);
  console.log(`${"kubeconfig (admin)".padEnd(24)} ${state.adminKubeconfig}`);
  console.log(`${"kubeconfig (berth)".padEnd(24)} ${state.berthKubeconfig}`);
  return ok;
}

// ---------------------------------------------------------------- CLI

async function main(argv: string[]) {
  const [cmd, ...rest] = argv;
  const nodesFlag = rest.indexOf("--nodes");
  const nodes = nodesFlag >= 0 ? Number(rest[nodesFlag + 1]) : undefined;
  switch (cmd) {
    case "up":
      await up({ nodes });
      return 0;
    case "down":
      await down();
      return 0;
    case "status":
      return (await status()) ? 0 : 1;
    case "build":
      await prepare();
      return 0;
    default:
      console.error("usage: npm run cluster -- up [--nodes N] | down | status | build");
      return 2;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(`[cluster] ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    },
  );
}
