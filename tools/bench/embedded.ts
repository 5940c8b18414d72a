// `npm start`'s own setup beside the bench's PostgreSQL console: scripts/start.ts (the embedded
// database's host process) and the console it serves, on the bench's cluster, with its state in
// a folder of its own. Measured: both processes' RSS with the namespace's pods cached, idle, and
// authenticated reads at 100 connections.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loggedIn, type Client } from "../../scripts/http-client";
import { repo, waitForHttp } from "../../scripts/next";

export async function startEmbeddedConsole(port: number, clusterDir: string): Promise<{ base: string; host: ChildProcess; me: Client; stop: () => Promise<void> }> {
  const stateDir = mkdtempSync(path.join(os.tmpdir(), "berth-bench-start-"));
  const base = `http://localhost:${port}`;
  const email = "embedded@berth.local";
  const password = randomBytes(12).toString("hex");
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), BERTH_STATE_DIR: stateDir, BERTH_CLUSTER_DIR: clusterDir, BERTH_NEXT_DIST_DIR: ".next-test", BERTH_ADMIN_EMAIL: email, BERTH_ADMIN_PASSWORD: password, NODE_ENV: "production" };
  delete env.DATABASE_URL;
  delete env.BERTH_DB_POOL;
  delete env.KUBECONFIG;
  // node itself (not the tsx command, which would add a process): the host process npm start runs
  const host = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], { cwd: repo, env, stdio: "ignore" });
  await waitForHttp(`${base}/healthz`, 180_000);
  const me = await loggedIn(base, email, password);
  return {
    base,
    host,
    me,
    async stop() {
      const gone = new Promise((r) => host.once("exit", r));
      host.kill("SIGTERM"); // start.ts stops the console, then the database
      await Promise.race([gone, new Promise((r) => setTimeout(r, 15_000))]);
      if (host.exitCode === null) host.kill("SIGKILL");
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
