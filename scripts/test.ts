// `npm test`: unit tests, then integration and end-to-end tests against the real
// local cluster, a real PostgreSQL, the built console and headless Chromium.
// Ends with one plain line "N passed, N failed" totalling every suite (CI reads it).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { prepare } from "./cluster/cluster";
import { generateClient } from "./db";
import { repo } from "./next";

const outDir = path.join(repo, ".berth");
mkdirSync(outDir, { recursive: true });
generateClient();
// The cluster's components and images are built (or found in ~/.cache/berth) before any test
// runs: a cold build takes longer than a test may, and several suites start clusters.
await prepare();

/** One vitest run with a JSON report; returns its counts. */
function vitest(name: string, args: string[]): { passed: number; failed: number; ok: boolean } {
  const out = path.join(outDir, `test-results${name ? `-${name}` : ""}.json`);
  rmSync(out, { force: true });
  const r = spawnSync(path.join(repo, "node_modules", ".bin", "vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`, ...args], {
    cwd: repo,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  let passed = 0;
  let failed = 1; // no report at all means the run itself broke
  if (existsSync(out)) {
    const report = JSON.parse(readFileSync(out, "utf8")) as { numPassedTests: number; numFailedTests: number; testResults: { status: string }[] };
    passed = report.numPassedTests;
    failed = report.numFailedTests;
    // A file that failed to load (or a setup that failed) has no failed test of its own: count the file.
    if (failed === 0 && r.status !== 0) failed = Math.max(1, report.testResults.filter((t) => t.status === "failed").length);
  }
  return { passed, failed, ok: r.status === 0 };
}

// With arguments (files, -t, --project …) one run does what they say. Without, the host
// project runs first on its own (it starts and stops a cluster with the machine's one real
// node, and checks nothing is left behind), then the unit and system projects, then the final
// check of what the system run's consoles logged.
const args = process.argv.slice(2);
const runs = args.length > 0 ? [vitest("", args)] : [vitest("host", ["--project", "host"]), vitest("", ["--project", "unit", "--project", "system"]), vitest("final", ["--project", "final"])];
const passed = runs.reduce((n, r) => n + r.passed, 0);
const failed = runs.reduce((n, r) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(runs.every((r) => r.ok) ? 0 : 1);
