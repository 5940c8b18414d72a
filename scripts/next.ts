// Building and serving the Next.js console, shared by `npm start` and the test setup.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const nextBin = path.join(repo, "node_modules", ".bin", "next");

function newestMtime(dir: string): number {
  let newest = 0;
  if (!existsSync(dir)) return 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".")) continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** The build directory: `.next`, or BERTH_NEXT_DIST_DIR (the tests keep their own, next.config.ts reads the same variable). */
const distDir = (env: NodeJS.ProcessEnv) => env.BERTH_NEXT_DIST_DIR || ".next";

/** True when there is no production build or a source file is newer than it. */
export function needsBuild(env: NodeJS.ProcessEnv = process.env): boolean {
  const id = path.join(repo, distDir(env), "BUILD_ID");
  if (!existsSync(id)) return true;
  const built = statSync(id).mtimeMs;
  const sources = ["app", "components", "lib", "public"].map((d) => newestMtime(path.join(repo, d)));
  const files = ["next.config.ts", "package.json", "postcss.config.mjs"].map((f) => (existsSync(path.join(repo, f)) ? statSync(path.join(repo, f)).mtimeMs : 0));
  return Math.max(...sources, ...files) > built;
}

export function buildConsole(env: NodeJS.ProcessEnv, log: (m: string) => void) {
  if (!needsBuild(env)) return;
  log("building the console (first run or changed sources, ~1-3 min)…");
  const r = spawnSync(nextBin, ["build"], { cwd: repo, env: { ...env, NEXT_TELEMETRY_DISABLED: "1" }, stdio: ["ignore", "inherit", "inherit"] });
  if (r.status !== 0) throw new Error("next build failed (see above)");
}

// A smaller young generation than V8's default: the server's garbage is mostly short-lived
// LIST pages and JSON responses, and this keeps the resident set close to the live heap.
// The old generation grows as V8 decides: a fixed growth (--heap-growing-percent=15 before)
// made a namespace's first LIST of 5,000 pods (21 MB of JSON parsed in pages) run one full
// collection after another — 245 ms of its 640 ms — and cost throughput under load (/healthz
// 15,800 → 18,600 req/s without it). What a busy spell grows is given back when it is over:
// --expose-gc lets scripts/serve.mjs compact the heap once then (see there).
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=8", "--expose-gc"];

// glibc malloc for the server, by its documented environment tunables: a block of 128 KB or
// more (a LIST page's bytes, a gzipped answer) is always its own mapping, given back when
// freed — by default the threshold rises to the largest block freed so far and later ones
// stay in the heap, which glibc keeps at its high-water mark; and two arenas, not one per
// thread that ever allocated (libuv's pool, V8's helpers), each holding its own free memory.
export const SERVER_ENV = { MALLOC_MMAP_THRESHOLD_: "131072", MALLOC_ARENA_MAX: "2" };

/** Serves the production build through scripts/serve.mjs (Next's handler behind Berth's own Node server). */
export function serveConsole(env: NodeJS.ProcessEnv, port: number, stdio: "inherit" | "ignore" | "pipe" | ["ignore", number, number] = "inherit"): ChildProcess {
  return spawn(process.execPath, [...SERVER_NODE_FLAGS, path.join(repo, "scripts", "serve.mjs")], {
    cwd: repo,
    env: { ...env, ...SERVER_ENV, PORT: String(port), NEXT_TELEMETRY_DISABLED: "1" },
    stdio,
  });
}

export async function waitForHttp(url: string, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const r = await fetch(url);
      if (r.status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`);
}
