// The local cluster's real node: containerd + runc + CNI (bridge, host-local, portmap,
// loopback), kubelet and kube-proxy v1.37 built from the same Go modules as the control
// plane, and CoreDNS for Service names. It runs the containers people deploy, beside
// kwok's simulated nodes. Root on Linux only; one per machine (the kubelet, kube-proxy and
// the bridge own host-wide state), so a second local cluster runs without one and says why.
//
// What it changes on the host is recorded before it starts (sysctls, iptables, whether
// /var/log/containers existed) and undone by stopNode: pods drained, processes stopped,
// mounts under its folder unmounted, the bridge deleted, iptables chains and rules it added
// removed (kube-proxy --cleanup first), sysctls restored, its cgroups removed.
import { CoreV1Api, DiscoveryV1Api, KubeConfig, KubernetesObjectApi, RbacAuthorizationV1Api } from "@kubernetes/client-node";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, rmdirSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { networkInterfaces } from "node:os";
import path from "node:path";
import { SANDBOX_IMAGE } from "./images";
import { issue, type Pki } from "./pki";

export const NODE_NAME = "berth-node";
/** Pod addresses on the real node (kwok's simulated pods use 10.244.0.0/16). */
export const POD_CIDR = "10.85.0.0/16";
export const BRIDGE = "berth0";
export const CLUSTER_DNS = "10.96.0.10";
const CNI_NETWORK = "berth";
/** One real node per machine: who holds it. */
const LOCK = "/run/berth-real-node.json";
const CGROUP_ROOT = "berth";
const CGROUP_BASE = "/sys/fs/cgroup";

/** Sysctls the node's parts change (kubelet's kernel tunables, the bridge, kube-proxy): restored on stop. */
const SYSCTLS = [
  "net/ipv4/ip_forward",
  "net/ipv4/conf/all/route_localnet",
  "net/bridge/bridge-nf-call-iptables",
  "net/bridge/bridge-nf-call-ip6tables",
  "vm/overcommit_memory",
  "vm/panic_on_oom",
  "kernel/panic",
  "kernel/panic_on_oops",
  "kernel/keys/root_maxkeys",
  "kernel/keys/root_maxbytes",
];

export interface NodePorts {
  kubelet: number;
  kubeletHealthz: number;
  proxyHealthz: number;
  proxyMetrics: number;
  dns: number;
  dnsHealth: number;
  /** metrics-server's API (aggregated by the apiserver as metrics.k8s.io) */
  metrics: number;
}

export interface NodeState {
  name: string;
  ip: string;
  ports: NodePorts;
  /** Host state before the node started, to restore. */
  before: { sysctls: Record<string, string>; iptables: Record<string, string[]>; nftTables: string[]; nfacct: string[]; varLogContainers: boolean; missing: string[] };
}

/**
 * Fixed paths outside the node's folder that its parts create whatever they are told:
 * containerd's runtime folder, the kubelet's device-plugin socket (/var/lib/kubelet/device-plugins,
 * not under its --root-dir) and libcni's cache of results (/var/lib/cni/results). `down` removes
 * those `up` found missing.
 */
const FIXED_PATHS = ["/run/containerd", "/var/lib/kubelet", "/var/lib/cni"];

export interface NodeBins {
  kube: string;
  containerd: string;
  cni: string;
  coredns: string;
  metricsServer: string;
}

type Starter = (name: NodeComponent, binary: string, args: string[], env?: NodeJS.ProcessEnv) => number;
export const NODE_COMPONENTS = ["containerd", "kubelet", "kube-proxy", "coredns", "metrics-server"] as const;
export type NodeComponent = (typeof NODE_COMPONENTS)[number];

const nodeDir = (dir: string) => path.join(dir, "node");

function sh(cmd: string, args: string[], opts: { input?: string; allowFail?: boolean } = {}): string {
  const r = spawnSync(cmd, args, { encoding: "utf8", input: opts.input, maxBuffer: 64 * 1024 * 1024 });
  if (!opts.allowFail && (r.error || r.status !== 0)) throw new Error(`${cmd} ${args.join(" ")} failed: ${(r.error?.message ?? r.stderr ?? "").trim()}`);
  return r.stdout ?? "";
}

const has = (tool: string) => spawnSync("sh", ["-c", `command -v ${tool}`]).status === 0;

/** The machine's own IPv4 address (the default route's interface): what pods reach the host and the apiserver by. */
export function hostIp(): string | undefined {
  const route = sh("ip", ["-4", "route", "show", "default"], { allowFail: true });
  const dev = /\bdev\s+(\S+)/.exec(route)?.[1];
  const pick = (name: string) => networkInterfaces()[name]?.find((a) => a.family === "IPv4" && !a.internal)?.address;
  if (dev && pick(dev)) return pick(dev);
  for (const name of Object.keys(networkInterfaces())) {
    if (name !== BRIDGE && pick(name)) return pick(name);
  }
  return undefined;
}

/** Who holds this machine's real node (a cluster folder whose kubelet still runs), if anyone but `dir`. */
function heldBy(dir: string): string | undefined {
  try {
    const lock = JSON.parse(readFileSync(LOCK, "utf8")) as { dir: string; pid: number };
    if (lock.dir === dir) return undefined;
    process.kill(lock.pid, 0);
    return lock.dir;
  } catch {
    return undefined;
  }
}

/** Why this machine cannot run the real node, in one line; undefined when it can. */
export function whyNoRealNode(dir: string, bins: NodeBins): string | undefined {
  if (process.env.BERTH_REAL_NODE === "0") return "BERTH_REAL_NODE=0 turns it off";
  if (process.platform !== "linux") return `it needs Linux (this is ${process.platform})`;
  if (process.getuid?.() !== 0) return "it needs root (containers, cgroups, iptables): run as root for a real node";
  if (!existsSync(path.join(CGROUP_BASE, "memory")) && !existsSync(path.join(CGROUP_BASE, "cgroup.controllers"))) return `no cgroups are mounted at ${CGROUP_BASE}`;
  for (const tool of ["runc", "iptables", "iptables-save", "iptables-restore", "ip", "openssl"]) {
    if (!has(tool)) return `${tool} is not installed (apt-get install ${tool === "ip" ? "iproute2" : tool.startsWith("iptables") ? "iptables" : tool})`;
  }
  for (const b of [path.join(bins.kube, "kubelet"), path.join(bins.containerd, "containerd"), path.join(bins.cni, "bridge"), path.join(bins.coredns, "coredns"), path.join(bins.metricsServer, "metrics-server")]) {
    if (!existsSync(b)) return `${b} was not built`;
  }
  if (!hostIp()) return "this machine has no IPv4 address besides loopback for pods to reach it by";
  const other = heldBy(dir);
  if (other) return `another local cluster (${other}) runs this machine's real node; stop it (BERTH_CLUSTER_DIR=${other} npm run cluster down) to get one here`;
  return undefined;
}

// ---------------------------------------------------------------- host state

function readSysctls(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of SYSCTLS) {
    try {
      out[k] = readFileSync(`/proc/sys/${k}`, "utf8").trim();
    } catch {
      /* not on this kernel (e.g. br_netfilter not loaded) */
    }
  }
  return out;
}

const IPT_TABLES = ["filter", "nat", "mangle", "raw"];
const IPT = ["iptables", "ip6tables"] as const;

/** iptables-save of one table, without counters and comment lines: the rules as text. */
function iptablesDump(tool: (typeof IPT)[number], table: string): string[] {
  if (!has(`${tool}-save`)) return [];
  return sh(`${tool}-save`, ["-t", table], { allowFail: true })
    .split("\n")
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => l.replace(/\s\[\d+:\d+\]$/, ""));
}

export function iptablesSnapshot(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const tool of IPT) for (const t of IPT_TABLES) out[`${tool}/${t}`] = iptablesDump(tool, t);
  return out;
}

/** Chains the node's parts make: kubelet's and kube-proxy's KUBE- chains, the CNI plugins' CNI- chains. */
const OURS = /^(KUBE-|CNI-)/;

/**
 * Removes what the node added to iptables: every KUBE- or CNI- chain that was not there
 * before, and every rule that jumps to one or sits in one. The rest of each table is
 * restored as it is now (iptables-restore of the filtered dump), so others' rules stay.
 */
function restoreIptables(before: Record<string, string[]>) {
  for (const tool of IPT) {
    for (const table of IPT_TABLES) {
      const now = iptablesDump(tool, table);
      if (now.length === 0) continue;
      const had = new Set((before[`${tool}/${table}`] ?? []).filter((l) => l.startsWith(":")).map((l) => l.slice(1).split(" ")[0]));
      const added = new Set(now.filter((l) => l.startsWith(":")).map((l) => l.slice(1).split(" ")[0]).filter((c) => OURS.test(c) && !had.has(c)));
      if (added.size === 0) continue;
      const keep = now.filter((l) => {
        if (l.startsWith(":")) return !added.has(l.slice(1).split(" ")[0]);
        if (!l.startsWith("-A ")) return true;
        const chain = l.split(" ")[1];
        const target = /\s-[jg]\s+(\S+)/.exec(l)?.[1];
        return !added.has(chain) && !(target && added.has(target));
      });
      sh(`${tool}-restore`, ["-w"], { input: keep.join("\n") + "\n", allowFail: false });
    }
  }
}

/** nftables tables ("ip nat", …): iptables-save lists a table's built-in chains even when the table does not exist. */
export function nftTables(): string[] {
  if (!has("nft")) return [];
  return sh("nft", ["list", "tables"], { allowFail: true })
    .split("\n")
    .map((l) => l.replace(/^table\s+/, "").trim())
    .filter(Boolean);
}

/** Tables the node's parts created (iptables cannot delete a table): deleted when they hold no rules any more. */
function removeNewTables(before: string[]) {
  for (const table of nftTables().filter((t) => !before.includes(t))) {
    const [family, name] = table.split(" ");
    if (!["ip", "ip6"].includes(family) || !IPT_TABLES.includes(name)) continue;
    const dump = iptablesDump(family === "ip" ? "iptables" : "ip6tables", name);
    const empty = !dump.some((l) => l.startsWith("-A ")) && dump.filter((l) => l.startsWith(":")).every((l) => / ACCEPT$/.test(l) && /^:(PREROUTING|INPUT|FORWARD|OUTPUT|POSTROUTING) /.test(l));
    if (empty) spawnSync("nft", ["delete", "table", family, name], { stdio: "ignore" });
  }
}

/** nfacct objects (kube-proxy counts dropped and localhost NodePort packets with them). */
export function nfacctObjects(): string[] {
  if (!has("nfacct")) return [];
  return [...sh("nfacct", ["list"], { allowFail: true }).matchAll(/=\s*([^;\s]+);/g)].map((m) => m[1]);
}

/** Mount points under `prefix`, deepest first. */
function mountsUnder(prefix: string): string[] {
  const lines = readFileSync("/proc/self/mountinfo", "utf8").split("\n");
  return lines
    .map((l) => l.split(" ")[4])
    .filter((m): m is string => !!m && (m === prefix || m.startsWith(prefix + "/")))
    .map((m) => m.replace(/\\040/g, " "))
    .sort((a, b) => b.length - a.length);
}

function cgroupHierarchies(): string[] {
  if (!existsSync(CGROUP_BASE)) return [];
  if (existsSync(path.join(CGROUP_BASE, "cgroup.controllers"))) return [CGROUP_BASE];
  return readdirSync(CGROUP_BASE)
    .map((d) => path.join(CGROUP_BASE, d))
    .filter((d) => {
      try {
        return statSync(d).isDirectory() && !readlinkSafe(d) && existsSync(path.join(d, "cgroup.procs"));
      } catch {
        return false;
      }
    });
}

function readlinkSafe(p: string): string | undefined {
  try {
    return readlinkSync(p);
  } catch {
    return undefined;
  }
}

/** The kubelet's cgroupRoot, made in every hierarchy beforehand (cpuset needs cpus and mems copied from the parent). */
function makeCgroupRoot() {
  for (const h of cgroupHierarchies()) {
    const d = path.join(h, CGROUP_ROOT);
    mkdirSync(d, { recursive: true });
    for (const f of ["cpuset.cpus", "cpuset.mems"]) {
      if (existsSync(path.join(h, f)) && readFileSync(path.join(d, f), "utf8").trim() === "") writeFileSync(path.join(d, f), readFileSync(path.join(h, f), "utf8"));
    }
  }
}

/** Removes the node's cgroups, leaves first; a cgroup that still has processes is reported, not forced. */
function removeCgroups(): string[] {
  const left: string[] = [];
  const rm = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) if (e.isDirectory()) rm(path.join(d, e.name));
    try {
      rmdirSync(d);
    } catch (e) {
      left.push(`${d} (${(e as NodeJS.ErrnoException).code})`);
    }
  };
  for (const h of cgroupHierarchies()) if (existsSync(path.join(h, CGROUP_ROOT))) rm(path.join(h, CGROUP_ROOT));
  return left;
}

// ---------------------------------------------------------------- start

export interface NodeContext {
  dir: string;
  bins: NodeBins;
  pki: Pki;
  /** A kubeconfig for an identity with a client certificate. */
  kubeconfig: (user: string, cert: { cert: string; key: string }) => string;
  registry: string;
  admin: KubeConfig;
  ports: NodePorts;
  start: Starter;
  say: (m: string) => void;
  waitFor: (what: string, check: () => Promise<boolean>, timeoutMs: number, logFile?: string) => Promise<void>;
}

const toml = (s: string) => JSON.stringify(s);

function containerdConfig(d: string, bins: NodeBins, registry: string): string {
  const c = path.join(d, "containerd");
  const hosts = path.join(c, "certs.d");
  // docker.io and registry.k8s.io are served by the local registry (plain HTTP, loopback);
  // Berth's builds push to the registry's own address, also plain HTTP.
  for (const host of ["docker.io", "registry.k8s.io", registry]) {
    mkdirSync(path.join(hosts, host), { recursive: true });
    writeFileSync(path.join(hosts, host, "hosts.toml"), `server = "http://${registry}"\n\n[host."http://${registry}"]\n  capabilities = ["pull", "resolve"]\n`);
  }
  const runc = sh("sh", ["-c", "command -v runc"]).trim();
  return `version = 3
root = ${toml(path.join(c, "root"))}
state = ${toml(path.join(c, "state"))}

[grpc]
  address = ${toml(path.join(c, "containerd.sock"))}

[ttrpc]
  address = ${toml(path.join(c, "containerd.sock.ttrpc"))}

[plugins]
  [plugins."io.containerd.internal.v1.opt"]
    path = ${toml(path.join(c, "opt"))}
  [plugins."io.containerd.nri.v1.nri"]
    disable = true
  [plugins."io.containerd.cri.v1.images"]
    snapshotter = "overlayfs"
    [plugins."io.containerd.cri.v1.images".pinned_images]
      sandbox = ${toml(SANDBOX_IMAGE)}
    [plugins."io.containerd.cri.v1.images".registry]
      config_path = ${toml(hosts)}
  [plugins."io.containerd.cri.v1.runtime"]
    tolerate_missing_hugetlb_controller = true
    netns_mounts_under_state_dir = true
    # This VM has no CAP_SYS_RESOURCE: runc cannot lower oom_score_adj below containerd's own.
    restrict_oom_score_adj = true
    [plugins."io.containerd.cri.v1.runtime".containerd]
      default_runtime_name = "runc"
      [plugins."io.containerd.cri.v1.runtime".containerd.runtimes.runc]
        runtime_type = "io.containerd.runc.v2"
        [plugins."io.containerd.cri.v1.runtime".containerd.runtimes.runc.options]
          SystemdCgroup = false
          BinaryName = ${toml(runc)}
          Root = ${toml(path.join(c, "runc"))}
    [plugins."io.containerd.cri.v1.runtime".cni]
      bin_dirs = [${toml(bins.cni)}]
      conf_dir = ${toml(path.join(d, "cni", "net.d"))}
`;
}

function cniConfig(d: string): string {
  return JSON.stringify(
    {
      cniVersion: "1.0.0",
      name: CNI_NETWORK,
      plugins: [
        {
          type: "bridge",
          bridge: BRIDGE,
          isGateway: true,
          ipMasq: true,
          hairpinMode: true,
          ipam: { type: "host-local", ranges: [[{ subnet: POD_CIDR }]], routes: [{ dst: "0.0.0.0/0" }], dataDir: path.join(d, "cni", "ipam") },
        },
        { type: "portmap", capabilities: { portMappings: true } },
      ],
    },
    null,
    2,
  );
}

export async function startNode(ctx: NodeContext): Promise<NodeState> {
  const { dir, bins, pki, ports, say } = ctx;
  const d = nodeDir(dir);
  const ip = hostIp()!;
  for (const sub of ["containerd", "cni/net.d", "cni/ipam", "kubelet", "pod-logs", "plugins"]) mkdirSync(path.join(d, sub), { recursive: true });
  const state: NodeState = {
    name: NODE_NAME,
    ip,
    ports,
    before: { sysctls: readSysctls(), iptables: iptablesSnapshot(), nftTables: nftTables(), nfacct: nfacctObjects(), varLogContainers: existsSync("/var/log/containers"), missing: FIXED_PATHS.filter((p) => !existsSync(p)) },
  };
  writeFileSync(path.join(d, "node.json"), JSON.stringify(state, null, 2));

  // Identities: the node (Node authorizer + NodeRestriction), kube-proxy, CoreDNS; the kubelet serves TLS with a CA-signed certificate.
  const nodeCert = issue(pki, "node", { cn: `system:node:${NODE_NAME}`, orgs: ["system:nodes"] });
  const kubeletServing = issue(pki, "kubelet-serving", { cn: NODE_NAME, server: { ips: [ip, "127.0.0.1"], dns: [NODE_NAME, "localhost"] } });
  const proxyCert = issue(pki, "kube-proxy", { cn: "system:kube-proxy" });
  const dnsCert = issue(pki, "coredns", { cn: "system:coredns" });
  const kubeletKc = path.join(d, "kubelet.kubeconfig");
  const proxyKc = path.join(d, "kube-proxy.kubeconfig");
  const dnsKc = path.join(d, "coredns.kubeconfig");
  writeFileSync(kubeletKc, ctx.kubeconfig(`system:node:${NODE_NAME}`, nodeCert), { mode: 0o600 });
  writeFileSync(proxyKc, ctx.kubeconfig("system:kube-proxy", proxyCert), { mode: 0o600 });
  writeFileSync(dnsKc, ctx.kubeconfig("system:coredns", dnsCert), { mode: 0o600 });
  await clusterObjects(ctx.admin, ip, ports.dns);

  say(`starting the real node ${NODE_NAME} (${ip}): containerd`);
  const containerdToml = path.join(d, "containerd.toml");
  writeFileSync(containerdToml, containerdConfig(d, bins, ctx.registry));
  writeFileSync(path.join(d, "cni", "net.d", "10-berth.conflist"), cniConfig(d));
  const env = { ...process.env, PATH: `${bins.containerd}:${process.env.PATH}` };
  const sock = path.join(d, "containerd", "containerd.sock");
  ctx.start("containerd", path.join(bins.containerd, "containerd"), [`--config=${containerdToml}`, "--log-level=warn"], env);
  await ctx.waitFor("containerd", async () => existsSync(sock) && spawnSync(path.join(bins.containerd, "ctr"), ["--address", sock, "version"]).status === 0, 30_000, path.join(dir, "logs", "containerd.log"));

  say("starting kubelet and kube-proxy");
  makeCgroupRoot();
  const kubeletConfig = path.join(d, "kubelet.yaml");
  writeFileSync(
    kubeletConfig,
    JSON.stringify(
      {
        apiVersion: "kubelet.config.k8s.io/v1beta1",
        kind: "KubeletConfiguration",
        // This VM mounts cgroup v1; the kubelet refuses it unless told (maintenance mode upstream).
        failCgroupV1: false,
        cgroupDriver: "cgroupfs",
        cgroupRoot: `/${CGROUP_ROOT}`,
        failSwapOn: false,
        containerRuntimeEndpoint: `unix://${sock}`,
        address: ip,
        port: ports.kubelet,
        readOnlyPort: 0,
        healthzBindAddress: "127.0.0.1",
        healthzPort: ports.kubeletHealthz,
        tlsCertFile: kubeletServing.cert,
        tlsPrivateKeyFile: kubeletServing.key,
        // Never anonymous: the apiserver's client certificate, checked against the CA; every request authorized by the apiserver.
        authentication: { anonymous: { enabled: false }, webhook: { enabled: true, cacheTTL: "10s" }, x509: { clientCAFile: pki.caCert } },
        authorization: { mode: "Webhook", webhook: { cacheAuthorizedTTL: "10s", cacheUnauthorizedTTL: "5s" } },
        clusterDomain: "cluster.local",
        clusterDNS: [CLUSTER_DNS],
        // This machine's disk is shared with everything else: no evictions or image GC on its fill level (kind does the same).
        evictionHard: { "memory.available": "0%", "nodefs.available": "0%", "nodefs.inodesFree": "0%", "imagefs.available": "0%" },
        imageGCHighThresholdPercent: 100,
        imageGCLowThresholdPercent: 99,
        podLogsDir: path.join(d, "pod-logs"),
        volumePluginDir: path.join(d, "plugins"),
        serializeImagePulls: false,
        maxPods: 110,
        nodeStatusReportFrequency: "10s",
      },
      null,
      2,
    ),
  );
  const kubeletPid = ctx.start("kubelet", path.join(bins.kube, "kubelet"), [
    `--config=${kubeletConfig}`,
    `--kubeconfig=${kubeletKc}`,
    `--hostname-override=${NODE_NAME}`,
    `--node-ip=${ip}`,
    `--root-dir=${path.join(d, "kubelet")}`,
    `--cert-dir=${path.join(d, "kubelet", "pki")}`,
    "--node-labels=berth.dev/node=real",
    "--v=0",
  ]);
  writeFileSync(LOCK, JSON.stringify({ dir, pid: kubeletPid }));

  const proxyConfig = path.join(d, "kube-proxy.yaml");
  writeFileSync(proxyConfig, proxyConfigYaml(proxyKc, ports));
  ctx.start("kube-proxy", path.join(bins.kube, "kube-proxy"), [`--config=${proxyConfig}`]);

  const corefile = path.join(d, "Corefile");
  writeFileSync(
    corefile,
    [
      `.:${ports.dns} {`,
      `  bind ${ip}`,
      "  errors",
      `  health 127.0.0.1:${ports.dnsHealth}`,
      "  kubernetes cluster.local in-addr.arpa ip6.arpa {",
      `    kubeconfig ${dnsKc} berth-local`,
      "    pods insecure",
      "    fallthrough in-addr.arpa ip6.arpa",
      "  }",
      "  forward . /etc/resolv.conf",
      "  cache 30",
      "}",
      "",
    ].join("\n"),
  );
  say(`starting CoreDNS (cluster DNS ${CLUSTER_DNS} → ${ip}:${ports.dns})`);
  ctx.start("coredns", path.join(bins.coredns, "coredns"), [`-conf=${corefile}`]);

  const core = ctx.admin.makeApiClient(CoreV1Api);
  await ctx.waitFor(
    `the real node ${NODE_NAME}`,
    async () => (await core.readNode({ name: NODE_NAME })).status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false,
    90_000,
    path.join(dir, "logs", "kubelet.log"),
  );
  await ctx.waitFor("kube-proxy", async () => (await fetch(`http://127.0.0.1:${ports.proxyHealthz}/healthz`)).ok, 60_000, path.join(dir, "logs", "kube-proxy.log"));
  await ctx.waitFor("CoreDNS", async () => (await fetch(`http://127.0.0.1:${ports.dnsHealth}/health`)).ok, 60_000, path.join(dir, "logs", "coredns.log"));

  // The resource metrics API: metrics-server scrapes the real node's kubelet (as
  // system:metrics-server, authorized by the apiserver like any kubelet client) and serves
  // metrics.k8s.io through the apiserver's aggregation layer; the simulated nodes have no kubelet.
  say(`starting metrics-server (metrics.k8s.io → ${ip}:${ports.metrics})`);
  const msClient = issue(pki, "metrics-server", { cn: "system:metrics-server" });
  const msServing = issue(pki, "metrics-server-serving", { cn: "metrics-server", server: { ips: [ip], dns: ["metrics-server.kube-system.svc", "metrics-server.kube-system.svc.cluster.local"] } });
  const msKc = path.join(d, "metrics-server.kubeconfig");
  writeFileSync(msKc, ctx.kubeconfig("system:metrics-server", msClient), { mode: 0o600 });
  await metricsObjects(ctx.admin, ip, ports.metrics, readFileSync(pki.caCert));
  ctx.start("metrics-server", path.join(bins.metricsServer, "metrics-server"), [
    `--kubeconfig=${msKc}`,
    `--authentication-kubeconfig=${msKc}`,
    `--authorization-kubeconfig=${msKc}`,
    `--bind-address=${ip}`,
    `--secure-port=${ports.metrics}`,
    `--tls-cert-file=${msServing.cert}`,
    `--tls-private-key-file=${msServing.key}`,
    `--kubelet-certificate-authority=${pki.caCert}`,
    "--kubelet-preferred-address-types=InternalIP",
    "--kubelet-use-node-status-port",
    "--node-selector=berth.dev/node=real",
    "--metric-resolution=15s",
  ]);
  const objects = KubernetesObjectApi.makeApiClient(ctx.admin);
  await ctx.waitFor(
    "metrics-server (the metrics.k8s.io APIService Available)",
    async () => {
      const svc = (await objects.read({ apiVersion: "apiregistration.k8s.io/v1", kind: "APIService", metadata: { name: "v1beta1.metrics.k8s.io" } })) as { status?: { conditions?: { type: string; status: string }[] } };
      return svc.status?.conditions?.some((c) => c.type === "Available" && c.status === "True") ?? false;
    },
    60_000,
    path.join(dir, "logs", "metrics-server.log"),
  );
  return state;
}

/**
 * metrics-server's place in the cluster: what it may read (nodes' metrics, pods), the
 * delegated authentication every aggregated API server gets, its Service (no selector: the
 * endpoint is this machine) and the APIService that routes metrics.k8s.io to it.
 */
async function metricsObjects(admin: KubeConfig, ip: string, port: number, caBundle: Buffer) {
  const rbac = admin.makeApiClient(RbacAuthorizationV1Api);
  const core = admin.makeApiClient(CoreV1Api);
  const discovery = admin.makeApiClient(DiscoveryV1Api);
  const labels = { "app.kubernetes.io/managed-by": "berth" };
  const user = [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: "system:metrics-server" }];
  await rbac
    .createClusterRole({
      body: {
        metadata: { name: "system:metrics-server", labels },
        rules: [
          { apiGroups: [""], resources: ["nodes/metrics"], verbs: ["get"] },
          { apiGroups: [""], resources: ["pods", "nodes"], verbs: ["get", "list", "watch"] },
        ],
      },
    })
    .catch(ignoreExists);
  for (const [name, role] of [["system:metrics-server", "system:metrics-server"], ["system:metrics-server:auth-delegator", "system:auth-delegator"]]) {
    await rbac.createClusterRoleBinding({ body: { metadata: { name, labels }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: role }, subjects: user } }).catch(ignoreExists);
  }
  await rbac
    .createNamespacedRoleBinding({ namespace: "kube-system", body: { metadata: { name: "metrics-server-auth-reader", labels }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "extension-apiserver-authentication-reader" }, subjects: user } })
    .catch(ignoreExists);
  await core.createNamespacedService({ namespace: "kube-system", body: { metadata: { name: "metrics-server", labels }, spec: { ports: [{ name: "https", port: 443, targetPort: port as unknown as never }] } } }).catch(ignoreExists);
  await hostEndpoints(discovery, "metrics-server", ip, [{ name: "https", port, protocol: "TCP" }]);
  const apiService = {
    apiVersion: "apiregistration.k8s.io/v1",
    kind: "APIService",
    metadata: { name: "v1beta1.metrics.k8s.io", labels },
    spec: { group: "metrics.k8s.io", version: "v1beta1", service: { namespace: "kube-system", name: "metrics-server", port: 443 }, caBundle: caBundle.toString("base64"), groupPriorityMinimum: 100, versionPriority: 100 },
  };
  const objects = KubernetesObjectApi.makeApiClient(admin);
  await objects.create(apiService).catch(async (e) => {
    ignoreExists(e);
    const current = await objects.read({ apiVersion: apiService.apiVersion, kind: apiService.kind, metadata: { name: apiService.metadata.name } });
    await objects.replace({ ...apiService, metadata: { ...apiService.metadata, resourceVersion: current.metadata!.resourceVersion } });
  });
}

function proxyConfigYaml(kubeconfig: string, ports: NodePorts): string {
  return JSON.stringify(
    {
      apiVersion: "kubeproxy.config.k8s.io/v1alpha1",
      kind: "KubeProxyConfiguration",
      clientConnection: { kubeconfig },
      hostnameOverride: NODE_NAME,
      mode: "iptables",
      clusterCIDR: POD_CIDR,
      healthzBindAddress: `127.0.0.1:${ports.proxyHealthz}`,
      metricsBindAddress: `127.0.0.1:${ports.proxyMetrics}`,
      // No conntrack sysctl writes (this is someone's machine, not a dedicated node).
      conntrack: { maxPerCore: 0, min: 0, tcpEstablishedTimeout: "0s", tcpCloseWaitTimeout: "0s" },
      // NodePorts answer on 127.0.0.1 too; traffic to Services is masqueraded, so replies
      // from a pod on the same bridge come back through the host without br_netfilter.
      iptables: { localhostNodePorts: true, masqueradeAll: true },
    },
    null,
    2,
  );
}

/**
 * What the node's parts need from the cluster: CoreDNS may read Services and EndpointSlices,
 * and cluster DNS is a Service (kube-system/kube-dns, 10.96.0.10) whose endpoint is CoreDNS
 * on the host.
 */
async function clusterObjects(admin: KubeConfig, ip: string, dnsPort: number) {
  const rbac = admin.makeApiClient(RbacAuthorizationV1Api);
  const core = admin.makeApiClient(CoreV1Api);
  const discovery = admin.makeApiClient(DiscoveryV1Api);
  const labels = { "app.kubernetes.io/managed-by": "berth" };
  const role = {
    metadata: { name: "system:coredns", labels },
    rules: [
      { apiGroups: [""], resources: ["endpoints", "services", "pods", "namespaces"], verbs: ["list", "watch"] },
      { apiGroups: ["discovery.k8s.io"], resources: ["endpointslices"], verbs: ["list", "watch"] },
    ],
  };
  await rbac.createClusterRole({ body: role }).catch(ignoreExists);
  await rbac
    .createClusterRoleBinding({ body: { metadata: { name: "system:coredns", labels }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "system:coredns" }, subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: "system:coredns" }] } })
    .catch(ignoreExists);
  const ports = [
    { name: "dns", port: 53, protocol: "UDP" },
    { name: "dns-tcp", port: 53, protocol: "TCP" },
  ];
  await core
    .createNamespacedService({ namespace: "kube-system", body: { metadata: { name: "kube-dns", labels: { ...labels, "k8s-app": "kube-dns" } }, spec: { clusterIP: CLUSTER_DNS, ports } } })
    .catch(ignoreExists);
  await hostEndpoints(discovery, "kube-dns", ip, ports.map((p) => ({ ...p, port: dnsPort })));
}

/** A kube-system Service's endpoint: a process on the host (`<service>-host`), made or replaced. */
async function hostEndpoints(discovery: DiscoveryV1Api, service: string, ip: string, ports: { name: string; port: number; protocol: string }[]) {
  const slice = {
    metadata: { name: `${service}-host`, labels: { "app.kubernetes.io/managed-by": "berth", "kubernetes.io/service-name": service } },
    addressType: "IPv4",
    endpoints: [{ addresses: [ip], conditions: { ready: true } }],
    ports,
  };
  await discovery.createNamespacedEndpointSlice({ namespace: "kube-system", body: slice }).catch(async (e) => {
    ignoreExists(e);
    await discovery.replaceNamespacedEndpointSlice({ namespace: "kube-system", name: slice.metadata.name, body: slice });
  });
}

function ignoreExists(e: unknown) {
  if ((e as { code?: number }).code === 409) return;
  throw e;
}

/**
 * Images the node cached under a name whose content changed (a base image rebuilt): removed
 * from containerd, so the next pod pulls the new one (an unchanged tag is not pulled again).
 */
export function forgetStaleImages(dir: string, containerdBin: string, pushed: { ref: string; digest: string }[]) {
  const sock = path.join(nodeDir(dir), "containerd", "containerd.sock");
  const ctr = (args: string[]) => spawnSync(path.join(containerdBin, "ctr"), ["--address", sock, "-n", "k8s.io", ...args], { encoding: "utf8" });
  const listed = ctr(["images", "ls"]);
  if (listed.status !== 0) return;
  const cached = new Map(listed.stdout.split("\n").slice(1).filter(Boolean).map((l) => { const [ref, , digest] = l.split(/\s+/); return [ref, digest] as const; }));
  const stale = pushed.filter((p) => cached.has(p.ref) && cached.get(p.ref) !== p.digest).map((p) => p.ref);
  if (stale.length) ctr(["images", "rm", ...stale]);
}

// ---------------------------------------------------------------- stop

export function readNodeState(dir: string): NodeState | undefined {
  try {
    return JSON.parse(readFileSync(path.join(nodeDir(dir), "node.json"), "utf8")) as NodeState;
  } catch {
    return undefined;
  }
}

/**
 * Drains the node through the apiserver while it still runs (pods deleted → the kubelet stops
 * their containers and the CNI plugins undo their network), then cordons it so nothing new lands.
 */
export async function drainNode(admin: KubeConfig, containerdBin: string, dir: string) {
  const core = admin.makeApiClient(CoreV1Api);
  await core.patchNode({ name: NODE_NAME, body: { spec: { unschedulable: true } } }, undefined).catch(() => undefined);
  const pods = await core.listPodForAllNamespaces({ fieldSelector: `spec.nodeName=${NODE_NAME}` }).catch(() => undefined);
  for (const p of pods?.items ?? []) {
    await core.deleteNamespacedPod({ name: p.metadata!.name!, namespace: p.metadata!.namespace!, gracePeriodSeconds: 1 }).catch(() => undefined);
  }
  const sock = path.join(nodeDir(dir), "containerd", "containerd.sock");
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    const sandboxes = spawnSync(path.join(containerdBin, "ctr"), ["--address", sock, "-n", "k8s.io", "tasks", "ls", "-q"], { encoding: "utf8" });
    if (sandboxes.status !== 0 || sandboxes.stdout.trim() === "") return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** After the node's processes have stopped: undo what they changed on the host. Returns what could not be undone. */
export function cleanHost(dir: string, bins: NodeBins, state: NodeState): string[] {
  const d = nodeDir(dir);
  const problems: string[] = [];
  const sock = path.join(d, "containerd", "containerd.sock");
  // Shims (and their containers) outlive containerd: stop those of this containerd.
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      if (cmd[0].endsWith("containerd-shim-runc-v2") && cmd.includes(sock)) process.kill(Number(pid), "SIGKILL");
    } catch {
      /* gone */
    }
  }
  // Container processes left in the node's cgroups (a shim killed before its container).
  for (const h of cgroupHierarchies()) {
    const root = path.join(h, CGROUP_ROOT);
    if (!existsSync(root)) continue;
    const walk = (dd: string) => {
      for (const e of readdirSync(dd, { withFileTypes: true })) if (e.isDirectory()) walk(path.join(dd, e.name));
      for (const pid of readFileSync(path.join(dd, "cgroup.procs"), "utf8").split("\n").filter(Boolean)) {
        try {
          process.kill(Number(pid), "SIGKILL");
        } catch {
          /* gone */
        }
      }
    };
    walk(root);
  }
  spawnSync("sleep", ["0.5"]);
  for (const m of mountsUnder(d)) {
    if (spawnSync("umount", [m]).status !== 0 && spawnSync("umount", ["-l", m]).status !== 0) problems.push(`could not unmount ${m}`);
  }
  if (spawnSync("ip", ["link", "show", BRIDGE]).status === 0 && spawnSync("ip", ["link", "delete", BRIDGE]).status !== 0) problems.push(`could not delete the bridge ${BRIDGE}`);
  spawnSync(path.join(bins.kube, "kube-proxy"), ["--cleanup"], { stdio: "ignore" });
  try {
    restoreIptables(state.before.iptables);
    removeNewTables(state.before.nftTables);
  } catch (e) {
    problems.push(`iptables: ${(e as Error).message}`);
  }
  for (const o of nfacctObjects().filter((o) => !state.before.nfacct.includes(o))) {
    if (spawnSync("nfacct", ["delete", o]).status !== 0) problems.push(`could not delete the nfacct object ${o}`);
  }
  for (const [k, v] of Object.entries(state.before.sysctls)) {
    try {
      if (readFileSync(`/proc/sys/${k}`, "utf8").trim() !== v) writeFileSync(`/proc/sys/${k}`, v);
    } catch (e) {
      problems.push(`sysctl ${k}: ${(e as Error).message}`);
    }
  }
  problems.push(...removeCgroups().map((c) => `cgroup ${c} could not be removed`));
  // The kubelet links container logs into /var/log/containers (a fixed path): remove our links, and the folder if we made it.
  if (existsSync("/var/log/containers")) {
    for (const f of readdirSync("/var/log/containers")) {
      const p = path.join("/var/log/containers", f);
      if (readlinkSafe(p)?.startsWith(d)) unlinkSync(p);
    }
    if (!state.before.varLogContainers && readdirSync("/var/log/containers").length === 0) rmdirSync("/var/log/containers");
  }
  // libcni's cache of our pods' networks (where /var/lib/cni was there before, only our network's entries go)
  const results = "/var/lib/cni/results";
  if (existsSync(results)) for (const f of readdirSync(results)) if (f.startsWith(`${CNI_NETWORK}-`)) rmSync(path.join(results, f), { force: true });
  for (const p of state.before.missing ?? []) rmSync(p, { recursive: true, force: true }); // a node.json from before this was recorded: left as they are
  try {
    if (JSON.parse(readFileSync(LOCK, "utf8")).dir === dir) rmSync(LOCK);
  } catch {
    /* not ours */
  }
  return problems;
}
