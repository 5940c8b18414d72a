// `npm run cluster`: idempotent, clear about busy ports, and `down` stops exactly what `up` started.
import { mkdtempSync, existsSync, readFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, inject, it } from "vitest";
import { down, status, up } from "../../scripts/cluster/cluster";
import { TEST_APISERVER_ARGS } from "../setup/global";

const saved = { dir: process.env.BERTH_CLUSTER_DIR, port: process.env.BERTH_APISERVER_PORT };
afterEach(() => {
  process.env.BERTH_CLUSTER_DIR = saved.dir;
  if (saved.port === undefined) delete process.env.BERTH_APISERVER_PORT;
  else process.env.BERTH_APISERVER_PORT = saved.port;
});

/** Running, and not a zombie waiting to be reaped. */
const alive = (pid: number) => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
};

describe("scripts/cluster", () => {
  it("reports the running test cluster and does nothing when asked to start it again", async () => {
    process.env.BERTH_CLUSTER_DIR = inject("clusterDir");
    const again = await up({ nodes: 3, quiet: true, apiserverArgs: TEST_APISERVER_ARGS });
    expect(again.alreadyRunning).toBe(true);
    expect(again.adminKubeconfig).toBe(inject("adminKubeconfig"));
    expect(await status()).toBe(true);
  });

  it("fails with a clear message when the pinned apiserver port is busy", async () => {
    const busy = net.createServer();
    await new Promise<void>((r) => busy.listen(0, "127.0.0.1", () => r()));
    const port = (busy.address() as net.AddressInfo).port;
    process.env.BERTH_CLUSTER_DIR = mkdtempSync(path.join(os.tmpdir(), "berth-busy-"));
    process.env.BERTH_APISERVER_PORT = String(port);
    await expect(up({ nodes: 1, quiet: true })).rejects.toThrow(`port ${port} (BERTH_APISERVER_PORT) is already in use`);
    busy.close();
  });

  it("starts a second cluster beside the first, and down stops exactly its processes", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "berth-second-"));
    process.env.BERTH_CLUSTER_DIR = dir;
    const c = await up({ nodes: 1, quiet: true });
    expect(c.alreadyRunning).toBe(false);
    const state = JSON.parse(readFileSync(path.join(dir, "state.json"), "utf8")) as { pids: Record<string, number> };
    const pids = Object.values(state.pids);
    // one real node per machine: the test cluster has it, so this one runs simulated nodes only, and says why
    expect(Object.keys(state.pids).sort()).toEqual(["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kwok", "registry"]);
    expect(c.noRealNode).toBe(`another local cluster (${inject("clusterDir")}) runs this machine's real node; stop it (BERTH_CLUSTER_DIR=${inject("clusterDir")} npm run cluster down) to get one here`);
    expect(pids.every(alive)).toBe(true);
    // its own registry, answering on the address up() printed and wrote for Berth
    expect(JSON.parse(readFileSync(path.join(dir, "registry.json"), "utf8"))).toEqual({ address: c.registry });
    expect((await fetch(`http://${c.registry}/v2/`)).status).toBe(200);
    expect(c.registry).not.toBe(inject("registry"));
    await down({ quiet: true });
    expect(pids.some(alive)).toBe(false);
    expect(existsSync(dir)).toBe(false);
    // the test cluster is untouched
    process.env.BERTH_CLUSTER_DIR = inject("clusterDir");
    expect(await status()).toBe(true);
  });
});
