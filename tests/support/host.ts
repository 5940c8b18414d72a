// What the real node may change on this machine, read independently of scripts/cluster:
// iptables rules and chains (both families), nftables tables, network interfaces, mounts,
// the sysctls Kubernetes components touch, cgroups, nfacct objects and the fixed paths the
// kubelet and containerd use. Two snapshots compare equal when nothing was left behind.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const run = (cmd: string, args: string[]) => {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  return r.status === 0 ? r.stdout : `(${cmd} failed: ${r.stderr?.trim()})`;
};

const SYSCTLS = [
  "net/ipv4/ip_forward",
  "net/ipv4/conf/all/route_localnet",
  "net/ipv4/conf/all/forwarding",
  "net/bridge/bridge-nf-call-iptables",
  "net/bridge/bridge-nf-call-ip6tables",
  "vm/overcommit_memory",
  "vm/panic_on_oom",
  "kernel/panic",
  "kernel/panic_on_oops",
  "kernel/keys/root_maxkeys",
  "kernel/keys/root_maxbytes",
  "net/netfilter/nf_conntrack_max",
];

export function hostState() {
  const rules = (tool: string) =>
    run(tool, [])
      .split("\n")
      .filter((l) => l && !l.startsWith("#"))
      .map((l) => l.replace(/\s*\[\d+:\d+\]$/, ""));
  const cgroups: string[] = [];
  for (const h of existsSync("/sys/fs/cgroup") ? readdirSync("/sys/fs/cgroup") : []) {
    const d = path.join("/sys/fs/cgroup", h);
    try {
      for (const e of readdirSync(d, { withFileTypes: true })) if (e.isDirectory()) cgroups.push(`${h}/${e.name}`);
    } catch {
      /* not a folder */
    }
  }
  return {
    iptables: rules("iptables-save"),
    ip6tables: rules("ip6tables-save"),
    nftTables: run("nft", ["list", "tables"]).split("\n").filter(Boolean),
    links: run("ip", ["-o", "link"]).split("\n").filter(Boolean).map((l) => l.split(":")[1].trim()),
    addresses: run("ip", ["-o", "-4", "addr"]).split("\n").filter(Boolean).map((l) => l.split(/\s+/).slice(1, 4).join(" ")),
    routes: run("ip", ["route"]).split("\n").filter(Boolean),
    mounts: readFileSync("/proc/self/mountinfo", "utf8").split("\n").filter(Boolean).map((l) => `${l.split(" ")[4]} ${l.split(" - ")[1]?.split(" ")[0]}`).sort(),
    sysctls: Object.fromEntries(SYSCTLS.map((k) => [k, existsSync(`/proc/sys/${k}`) ? readFileSync(`/proc/sys/${k}`, "utf8").trim() : "(absent)"])),
    cgroups: cgroups.sort(),
    nfacct: run("nfacct", ["list"]).split("\n").filter(Boolean).map((l) => l.replace(/pkts = \d+, bytes = \d+/, "")),
    paths: ["/var/log/containers", "/var/log/pods", "/run/containerd", "/var/lib/kubelet", "/var/lib/containerd", "/etc/cni", "/opt/cni", "/opt/containerd", "/var/lib/cni", "/run/nri"].filter((p) => existsSync(p)),
  };
}
