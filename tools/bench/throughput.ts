// Requests per second and p99 at 100 connections kept busy (wrk, closed loop, 20 s each):
// the console's own floor (/healthz) and authenticated reads with a Bearer token.
import { execFileSync, spawnSync } from "node:child_process";

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

/** One wrk run against base+path (GET), with the token when given. */
export function load(base: string, path: string, token?: string): Throughput {
  const args = ["-t2", "-c100", `-d${SECONDS}s`, "--latency", "--timeout", "5s", ...(token ? ["-H", `Authorization: Bearer ${token}`] : []), `${base}${path}`];
  const out = execFileSync("wrk", args, { encoding: "utf8", maxBuffer: 4 * 1024 * 1024 });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN);
  const errors = [/Socket errors:[^\n]*/.exec(out)?.[0], /Non-2xx or 3xx responses: \d+/.exec(out)?.[0]].filter(Boolean).join("; ");
  return { path, rps, p99ms: p99(out), errors };
}
