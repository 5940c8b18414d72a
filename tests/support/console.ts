// Extra console processes on the tests' database and cluster (the production build the global
// setup made), for what needs a console to stop: killed with SIGKILL mid-operation, restarted.
import type { ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { freePort } from "@/lib/db/embedded";
import { serveConsole, waitForHttp } from "../../scripts/next";
import { consoleLogStdio } from "./secret-log";
import { TEST_DIST_DIR } from "../setup/global";

const children: ChildProcess[] = [];

/** A console on a free port (or `port`); `env` adds to the tests' own settings. Its build files stay apart: a killed one cannot clean up after itself. */
export async function extraConsole(env: Record<string, string> = {}, port?: number) {
  port ??= await freePort();
  const url = `http://localhost:${port}`;
  const buildDir = mkdtempSync(path.join(os.tmpdir(), "berth-extra-console-"));
  const child = serveConsole({ ...process.env, NODE_ENV: "production", BERTH_NEXT_DIST_DIR: TEST_DIST_DIR, DATABASE_URL: inject("databaseUrl"), BERTH_SECRET_KEY: inject("secretKey"), BERTH_BUILD_DIR: buildDir, BERTH_CLUSTER_DIR: inject("clusterDir"), NEXTAUTH_SECRET: inject("nextauthSecret"), NEXTAUTH_URL: url, ...env }, port, consoleLogStdio());
  children.push(child);
  await waitForHttp(`${url}/healthz`, 60_000);
  return { url, child };
}

/** Stops a console the hard way (no shutdown code runs) and waits until it is gone. */
export async function killConsole(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((res) => child.once("exit", res));
  child.kill("SIGKILL");
  await gone;
}

/** Every extra console this file started, stopped (call from afterAll). */
export const stopExtraConsoles = () => Promise.all(children.map(killConsole));
