// Another real control plane for the multi-cluster tests: `cluster up` in its own folder,
// kwok-only (no real node: one per machine), stopped with `cluster down`.
import { KubeConfig } from "@kubernetes/client-node";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { recordSecret } from "./secret-log";

const repo = path.resolve(__dirname, "../..");

export function secondCluster(name: string) {
  const dir = path.join(repo, ".berth", `test-cluster-${name}`);
  const run = (cmd: "up" | "down") => {
    const r = spawnSync(process.execPath, [path.join(repo, "node_modules/.bin/tsx"), "scripts/cluster/cluster.ts", cmd, ...(cmd === "up" ? ["--nodes", "1"] : [])], {
      cwd: repo,
      env: { ...process.env, BERTH_CLUSTER_DIR: dir, BERTH_REAL_NODE: "0", KUBECONFIG: "" },
      encoding: "utf8",
      timeout: 180_000,
    });
    if (r.status !== 0) throw new Error(`cluster ${cmd} (${name}) failed:\n${r.stderr}`);
  };
  return {
    up() {
      run("up");
      // Berth's own identity there (what an admin pastes): its credentials are secrets the console must never log.
      const kubeconfig = readFileSync(path.join(dir, "berth.kubeconfig"), "utf8");
      for (const m of kubeconfig.matchAll(/(token|client-key-data): (\S+)/g)) recordSecret(m[2]);
      return kubeconfig;
    },
    down: () => run("down"),
    /** The cluster's own admin, to check what is really there. */
    admin() {
      const kc = new KubeConfig();
      kc.loadFromFile(path.join(dir, "admin.kubeconfig"));
      return kc;
    },
  };
}
