// Requests per second and p99 at 100 connections kept busy (wrk, closed loop, 20 s each):
// the console's own floor (/healthz) and authenticated reads with a Bearer token.
import { execFileSync, spawnSync } from "node:child_process";
import os from "node:os";

export interface Throughput {
  path: string;
  rps: number;
  p99ms: number;
  errors: string;
}

const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 20);

/** wrk's "99%" latency line in ms. */
function p99(out: string): number {
  const m = /^\s+99%\s+([\d.]+)(us|ms|s)\s*$/m.exec(out);
  if (!m) return NaN;
  const v = Number(m[1]);
  return m[2] === "us" ? v / 1000 : m[2] === "s" ? v * 1000 : v;
}

export function hasWrk(): boolean {
  return spawnSync("wrk", ["--version"]).error === undefined;
}

/**
 * wrk runs on the machine's last CPU (taskset, util-linux): left to the scheduler, the load
 * generator and the server take turns on the same CPU and the slowest 1% of requests wait
 * for that, not for the server. Measured on the 2-core machine against a bare Node.js server
 * spending 0.25 ms per request: p99 840 ms with wrk anywhere, 48 ms with wrk on CPU 1, the
 * same 3,400 requests/s.
 */
const PIN = spawnSync("taskset", ["--version"]).error === undefined && os.availableParallelism() > 1 ? ["taskset", "-c", String(os.availableParallelism() - 1)] : [];

/** One wrk run against base+path (GET), with the token when given. */
export function load(base: string, path: string, token?: string): Throughput {
  const args = ["-t2", "-c100", `-d${SECONDS}s`, "--latency", "--timeout", "5s", ...(token ? ["-H", `Authorization: Bearer ${token}`] : []), `${base}${path}`];
  const [command, ...rest] = [...PIN, "wrk", ...args];
  const out = execFileSync(command, rest, { encoding: "utf8", maxBuffer: 4 * 1024 * 1024 });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN);
  const errors = [/Socket errors:[^\n]*/.exec(out)?.[0], /Non-2xx or 3xx responses: \d+/.exec(out)?.[0]].filter(Boolean).join("; ");
  return { path, rps, p99ms: p99(out), errors };
}
