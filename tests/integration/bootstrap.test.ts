// A fresh clone: `npm start` and `npm test` install what they need themselves. This runs
// the dependency step of both commands (scripts/bootstrap.mjs --deps-only) in a clone
// without node_modules, as a new user's first command would, without running the suite twice.
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repo } from "../../scripts/next";

let clone: string;

/** The environment a person's shell has: none of npm's own variables from the outer run. */
const cleanEnv = () => Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("npm_") && k !== "INIT_CWD")) as NodeJS.ProcessEnv;

/** Runs the bootstrap in the clone (asynchronously: npm ci takes a while, the test worker stays responsive). */
function bootstrap(args: string[], opts: { env?: Record<string, string>; asNobody?: boolean } = {}): Promise<{ status: number | null; out: string }> {
  const node = process.execPath;
  const argv = [path.join(clone, "scripts", "bootstrap.mjs"), ...args];
  const [cmd, full] = opts.asNobody ? ["setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", node, ...argv]] : [node, argv];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, full, { cwd: clone, env: { ...cleanEnv(), ...opts.env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (c) => (out += c));
    child.stderr.on("data", (c) => (out += c));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, out }));
  });
}

beforeAll(() => {
  clone = mkdtempSync(path.join(os.tmpdir(), "berth-clone-"));
  const r = spawnSync("git", ["clone", "--quiet", "--depth", "1", `file://${repo}`, clone], { encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  expect(existsSync(path.join(clone, "node_modules"))).toBe(false);
});
afterAll(() => {
  if (clone) rmSync(clone, { recursive: true, force: true });
});

describe("a fresh clone", () => {
  it("npm start's dependency step runs npm ci itself, then knows it is done", async () => {
    const first = await bootstrap(["start", "--deps-only"]);
    expect(first.status, first.out).toBe(0);
    expect(first.out).toContain("first run: installing npm packages (npm ci)");
    expect(first.out).toContain("dependencies of npm start are in place");
    expect(existsSync(path.join(clone, "node_modules", ".bin", "tsx"))).toBe(true);
    expect(existsSync(path.join(clone, "lib", "db", "generated", "client.ts"))).toBe(true); // postinstall ran

    const again = await bootstrap(["start", "--deps-only"]);
    expect(again.status, again.out).toBe(0);
    expect(again.out).not.toContain("npm ci");
  }, 600_000);

  it("npm test's dependency step installs npm packages and finds the Debian packages the tests use", async () => {
    rmSync(path.join(clone, "node_modules"), { recursive: true, force: true });
    const r = await bootstrap(["test", "--deps-only"]);
    expect(r.status, r.out).toBe(0);
    expect(r.out).toContain("installing npm packages (npm ci)");
    expect(r.out).toContain("dependencies of npm test are in place");
    expect(existsSync(path.join(clone, "node_modules", "vitest"))).toBe(true);
    expect(readFileSync(path.join(clone, "node_modules", ".berth-lock"), "utf8").trim()).toMatch(/^[0-9a-f]{64}$/); // what a changed lock file is compared with
  }, 600_000);

  it.runIf(process.getuid?.() === 0)("without root, a missing Debian package is named in one line with the command, before anything runs", async () => {
    chmodSync(clone, 0o755); // readable by the unprivileged user
    const r = await bootstrap(["test"], { env: { CHROMIUM_PATH: "/nonexistent/chromium", HOME: "/tmp" }, asNobody: true });
    expect(r.status).toBe(1);
    expect(r.out.trim()).toBe("[berth] missing Debian packages: chromium — install them with: sudo apt-get install -y --no-install-recommends chromium");
  });
});
