// The first thing `npm start` and `npm test` run, in plain JavaScript so that a bare
// Node.js can run it before anything is installed:
//   1. npm packages: `npm ci` when node_modules is missing or was installed from another
//      package-lock.json (a hash of the lock file is kept in node_modules/.berth-lock);
//   2. Debian packages the command needs (tests: Chromium, PostgreSQL, skopeo, …):
//      installed with apt-get when running as root, otherwise one line naming them;
//   3. tools from PyPI the tests run (schemathesis), in a virtualenv cached by version under
//      ~/.cache/berth;
//   4. then the command itself (scripts/start.ts, scripts/test.ts or tools/bench/bench.ts,
//      through tsx).
//
//   node scripts/bootstrap.mjs start|test|bench [args…]
//   node scripts/bootstrap.mjs start|test|bench --deps-only   steps 1-3 only (CI and a test use it)
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const say = (m) => console.log(`[berth] ${m}`);

/**
 * Debian packages each command needs, with the file that proves each is there
 * (checked first, so a machine without dpkg but with the tools passes too).
 */
// The local cluster: its certificates, and the real node (containers, network, the images made from Debian packages).
const CLUSTER = [
  ["openssl", "/usr/bin/openssl"], // the local cluster's CA and certificates
  ["runc", "/usr/sbin/runc"], // the real node's container runtime (under containerd)
  ["iptables", "/usr/sbin/iptables"], // kube-proxy (Services, NodePorts) and the CNI bridge
  ["nftables", "/usr/sbin/nft"], // removing the iptables tables the node made, on `cluster down`
  ["nfacct", "/usr/sbin/nfacct"], // removing kube-proxy's packet counter, on `cluster down`
  ["iproute2", "/sbin/ip"], // the bridge, routes
  ["mmdebstrap", "/usr/bin/mmdebstrap"], // base images (redis, nginx, a JRE) from Debian packages
  ["busybox-static", "/bin/busybox"], // the busybox base image
  ["gcc", "/usr/bin/gcc"], // the pod sandbox (pause), compiled statically
  ["libc6-dev", "/usr/lib/x86_64-linux-gnu/libc.a"],
];

const SYSTEM = {
  // git: builds from a Git URL.
  start: [["git", "/usr/bin/git"], ...CLUSTER],
  test: [
    ["git", "/usr/bin/git"],
    ...CLUSTER,
    ["redis-tools", "/usr/bin/redis-cli"], // the real-node tests talk to the seed's Redis
    ["chromium", "/usr/bin/chromium"], // end-to-end tests (playwright-core drives it)
    ["postgresql", "/usr/lib/postgresql"], // the real database the system tests use
    ["skopeo", "/usr/bin/skopeo"], // reads back what builds pushed to the registry
    ["ca-certificates", "/etc/ssl/certs/ca-certificates.crt"],
    ["python3-venv", "/usr/share/doc/python3-venv"], // the PyPI tools' virtualenv
  ],
  bench: [
    ["git", "/usr/bin/git"],
    ...CLUSTER,
    ["chromium", "/usr/bin/chromium"], // the scale click and each page's JavaScript
    ["postgresql", "/usr/lib/postgresql"], // the console's database, as in production
    ["util-linux", "/usr/bin/taskset"], // the load generator (autocannon, npm) pinned to the last CPU
  ],
};

/** What each command runs once its dependencies are in place. */
const SCRIPT = { start: "scripts/start.ts", test: "scripts/test.ts", bench: "tools/bench/bench.ts" };

/**
 * Tools from PyPI, by command: the schema-driven API fuzzer the tests run against the console
 * (tests/integration/schemathesis.test.ts finds it at the same path).
 */
const PYPI = { start: [], test: [["schemathesis", "4.32.5", "st"]], bench: [] };

const pypiTool = (name, version, bin) => path.join(process.env.BERTH_CACHE || path.join(homedir(), ".cache", "berth"), `${name}-${version}`, "bin", bin);

function lockHash() {
  return createHash("sha256").update(readFileSync(path.join(repo, "package-lock.json"))).digest("hex");
}

const marker = path.join(repo, "node_modules", ".berth-lock");

/** True when node_modules was installed from this exact package-lock.json. */
export function npmUpToDate() {
  return existsSync(marker) && readFileSync(marker, "utf8").trim() === lockHash();
}

function ensureNpm() {
  if (npmUpToDate()) return;
  say(existsSync(path.join(repo, "node_modules")) ? "package-lock.json changed since the last install: running npm ci…" : "first run: installing npm packages (npm ci)…");
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const r = spawnSync(npm, ["ci", "--no-audit", "--no-fund"], { cwd: repo, stdio: "inherit" });
  if (r.status !== 0) {
    console.error("[berth] npm ci failed (see above); fix that and run the command again");
    process.exit(r.status || 1);
  }
  writeFileSync(marker, lockHash() + "\n");
  say("npm packages installed");
}

function installed(pkg, file) {
  if (pkg === "chromium" && process.env.CHROMIUM_PATH) return existsSync(process.env.CHROMIUM_PATH);
  if (pkg === "postgresql" && process.env.TEST_DATABASE_URL) return true; // a server is given
  if (!existsSync(file)) return false;
  const q = spawnSync("dpkg-query", ["-W", "-f=${Status}", pkg], { encoding: "utf8" });
  if (q.error) return true; // no dpkg here: the file is enough
  return q.status === 0 && q.stdout.includes("install ok installed");
}

function ensureSystem(command) {
  const missing = SYSTEM[command].filter(([pkg, file]) => !installed(pkg, file)).map(([pkg]) => pkg);
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const hasApt = spawnSync("apt-get", ["--version"], { stdio: "ignore" }).status === 0;
  if (!isRoot || !hasApt) {
    console.error(`[berth] missing Debian packages: ${missing.join(" ")} — install them with: sudo apt-get install -y --no-install-recommends ${missing.join(" ")}`);
    process.exit(1);
  }
  say(`installing Debian packages: ${missing.join(" ")} (apt-get)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const update = spawnSync("apt-get", ["update", "-q"], { stdio: "inherit", env });
  const install = update.status === 0 && spawnSync("apt-get", ["install", "-y", "-q", "--no-install-recommends", ...missing], { stdio: "inherit", env });
  if (!install || install.status !== 0) {
    console.error(`[berth] apt-get could not install ${missing.join(" ")} (see above)`);
    process.exit(1);
  }
  say(`installed ${missing.join(" ")}`);
}

function ensurePypi(command) {
  for (const [name, version, bin] of PYPI[command]) {
    const exe = pypiTool(name, version, bin);
    if (existsSync(exe)) continue;
    const venv = path.dirname(path.dirname(exe));
    say(`installing ${name} ${version} from PyPI into ${venv}…`);
    rmSync(venv, { recursive: true, force: true });
    const python = existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
    const made = spawnSync(python, ["-m", "venv", venv], { stdio: "inherit" });
    const pip = made.status === 0 && spawnSync(path.join(venv, "bin", "pip"), ["install", "-q", "--disable-pip-version-check", `${name}==${version}`], { stdio: "inherit" });
    if (!pip || pip.status !== 0 || !existsSync(exe)) {
      rmSync(venv, { recursive: true, force: true });
      console.error(`[berth] could not install ${name} ${version} from PyPI (see above)`);
      process.exit(1);
    }
    say(`${name} ${version} installed`);
  }
}

function main() {
  const [command, ...args] = process.argv.slice(2);
  if (!(command in SYSTEM)) {
    console.error("usage: node scripts/bootstrap.mjs start|test|bench [--deps-only] [args…]");
    process.exit(2);
  }
  ensureNpm();
  ensureSystem(command);
  ensurePypi(command);
  if (args.includes("--deps-only")) {
    say(`dependencies of npm ${command} are in place`);
    return;
  }
  const tsx = path.join(repo, "node_modules", ".bin", "tsx");
  const child = spawn(tsx, [path.join(repo, SCRIPT[command]), ...args], { cwd: repo, stdio: "inherit" });
  // Ctrl-C reaches the whole process group; a SIGTERM sent to this process alone is passed on.
  process.on("SIGINT", () => {});
  process.on("SIGTERM", () => child.kill("SIGTERM"));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main();
