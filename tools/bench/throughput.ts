// Requests per second and p99 at 100 connections kept busy (closed loop, 10 s a run): the
// console's own floor (/healthz) and authenticated reads with a Bearer token, each loaded in
// turn and the whole round three times (rounds()): one run's figure varies by a third from
// run to run of the same code (on two CPUs shared with the cluster, how many requests the
// server reads and answers per turn of its event loop settles differently), so each figure
// is the median of its three runs, its p99 the worst of them.
//
// The load generator is autocannon (npm), run as its own process. It replaced Debian's wrk
// 4.1.0, whose latency percentiles are wrong on this machine once the server is saturated: a
// server that logged, for every connection, the time from writing a response to reading that
// connection's next request (p99 17 ms, max 34 ms over 59,000 requests) was reported by wrk at
// p99 374 ms, max 912 ms — and at a mean of 25 ms, which a closed loop of 100 connections at
// 5,900 requests/s cannot have (at most 100 / 5,900 s = 17 ms, Little's law). autocannon, and a
// plain socket client written for the comparison, measured the same server at the same
// requests/s with p99 20–32 ms and a mean of 16.3 ms.
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";

export interface Throughput {
  /** What was asked. */
  target: Target;
  rps: number;
  p99ms: number;
  errors: string;
  /** The server's CPU time per request during the run (µs), when its pid was given. */
  cpuUs?: number;
  /** Requests/s of each run, when this is the median of several (rounds()). */
  samples?: number[];
}

/** A process's CPU time so far (user + system), in µs, from /proc (Linux). */
function cpuTimeUs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // after the command's name, which may hold spaces
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLOCK_TICKS;
}
const CLOCK_TICKS = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;

const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_LOAD_ROUNDS ?? 3);
const AUTOCANNON = createRequire(import.meta.url).resolve("autocannon/autocannon.js");

/**
 * The load generator runs on the machine's last CPU (taskset, util-linux): left to the
 * scheduler, it and the server take turns on the same CPU and the slowest 1% of requests wait
 * for that, not for the server.
 */
const PIN = spawnSync("taskset", ["--version"]).error === undefined && os.availableParallelism() > 1 ? ["taskset", "-c", String(os.availableParallelism() - 1)] : [];

interface AutocannonResult {
  requests: { total: number };
  latency: { p99: number };
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

/**
 * What a load asks: its path, with a Bearer token when given; `gzip`: with the Accept-Encoding
 * that fetch(), browsers and Go's and Python's HTTP clients send unasked (curl sends none).
 */
export interface Target {
  path: string;
  token?: string;
  gzip?: boolean;
}

/** One run against base+path (GET); `serverPid`: the server's CPU is measured too. */
export function load(base: string, target: Target, serverPid?: number): Throughput {
  const { path, token, gzip } = target;
  const headers = [...(token ? ["-H", `Authorization=Bearer ${token}`] : []), ...(gzip ? ["-H", "Accept-Encoding=gzip, deflate"] : [])];
  const args = ["-c", "100", "-d", String(SECONDS), "-t", "5", "-j", ...headers, `${base}${path}`];
  const [command, ...rest] = [...PIN, process.execPath, AUTOCANNON, ...args];
  const cpuBefore = serverPid === undefined ? 0 : cpuTimeUs(serverPid);
  const out = execFileSync(command, rest, { encoding: "utf8", maxBuffer: 16 * 1024 * 1024, stdio: ["ignore", "pipe", "ignore"] });
  const cpu = serverPid === undefined ? undefined : cpuTimeUs(serverPid) - cpuBefore;
  const r = JSON.parse(out) as AutocannonResult;
  const errors = [r.errors ? `${r.errors} errors` : "", r.timeouts ? `${r.timeouts} timeouts` : "", r.non2xx ? `${r.non2xx} non-2xx responses` : ""].filter(Boolean).join("; ");
  return { target, rps: r.requests.total / r.duration, p99ms: r.latency.p99, errors, cpuUs: cpu === undefined ? undefined : cpu / r.requests.total };
}

/** The middle value (the upper one of an even count). */
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Each target loaded in turn, the whole round ROUNDS times: per target the median requests/s
 * and server CPU per request, the worst p99, every run's errors, and the runs' requests/s.
 */
export function rounds(base: string, targets: Target[], serverPid?: number): Throughput[] {
  const runs: Throughput[][] = targets.map(() => []);
  for (let r = 0; r < ROUNDS; r++) targets.forEach((t, i) => runs[i].push(load(base, t, serverPid)));
  return runs.map((all, i) => ({
    target: targets[i],
    rps: median(all.map((x) => x.rps)),
    p99ms: Math.max(...all.map((x) => x.p99ms)),
    errors: all.map((x) => x.errors).filter(Boolean).join("; "),
    cpuUs: serverPid === undefined ? undefined : median(all.map((x) => x.cpuUs!)),
    samples: all.map((x) => x.rps),
  }));
}
