// `npm test`: unit tests, then integration and end-to-end tests against the real
// local cluster, a real PostgreSQL, the built console and headless Chromium.
// Ends with one plain line "N passed, N failed" totalling every suite (CI reads it).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { generateClient } from "./db";
import { repo } from "./next";

const out = path.join(repo, ".berth", "test-results.json");
mkdirSync(path.dirname(out), { recursive: true });
rmSync(out, { force: true });
generateClient();

const r = spawnSync(
  path.join(repo, "node_modules", ".bin", "vitest"),
  ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`, ...process.argv.slice(2)],
  { cwd: repo, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } },
);

let passed = 0;
let failed = 1; // no report at all means the run itself broke
if (existsSync(out)) {
  const report = JSON.parse(readFileSync(out, "utf8")) as { numPassedTests: number; numFailedTests: number; testResults: { status: string }[] };
  passed = report.numPassedTests;
  failed = report.numFailedTests;
  // A file that failed to load (or a setup that failed) has no failed test of its own: count the file.
  if (failed === 0 && r.status !== 0) failed = Math.max(1, report.testResults.filter((t) => t.status === "failed").length);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(r.status ?? 1);
