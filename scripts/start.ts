// `npm start`: everything a fresh machine needs to click around Berth.
//   1. the local Kubernetes cluster, unless KUBECONFIG points at another one;
//   2. the embedded PostgreSQL (PGlite), unless DATABASE_URL points at a server;
//   3. migrations, and a first platform admin printed once;
//   4. the console on http://localhost:3000 (PORT to change).
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { up } from "./cluster/cluster";
import { generateClient, migrate } from "./db";
import { buildConsole, repo, serveConsole } from "./next";

// Secrets and the embedded database's data (BERTH_STATE_DIR: elsewhere, as the bench runs a second one).
const stateDir = process.env.BERTH_STATE_DIR || path.join(repo, ".berth");
const say = (m: string) => console.log(`[berth] ${m}`);

/** A secret from the environment, else one generated once and kept in .berth/ (mode 600). */
function secret(envName: string, fileName: string): string {
  if (process.env[envName]) return process.env[envName]!;
  const file = path.join(stateDir, fileName);
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}

async function main() {
  mkdirSync(stateDir, { recursive: true });
  const port = Number(process.env.PORT ?? 3000);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXTAUTH_SECRET: secret("NEXTAUTH_SECRET", "nextauth-secret"),
    // Encrypts registry passwords and webhook secrets at rest.
    BERTH_SECRET_KEY: secret("BERTH_SECRET_KEY", "secret-key"),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    // the terminal of `npm start` is for a person: warnings and errors, not a line per request
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" };

  if (process.env.KUBECONFIG) say(`using the cluster from KUBECONFIG=${process.env.KUBECONFIG}`);
  else {
    say("starting the local Kubernetes cluster (kube-apiserver, controller-manager, scheduler, etcd, kwok nodes)…");
    const c = await up();
    say(`cluster ${c.server} ${c.alreadyRunning ? "(already running)" : "started"}; stop it with: npm run cluster down`);
    say(`local OCI registry ${c.registry} (every team has it as "local"; push with skopeo --dest-tls-verify=false docker://${c.registry}/…)`);
  }

  let stopDb: (() => Promise<void>) | undefined;
  if (!process.env.DATABASE_URL) {
    const { startEmbeddedDatabase } = await import("../lib/db/embedded");
    const dataDir = path.join(stateDir, "pglite");
    say(`starting the embedded database (PGlite, data in ${path.relative(repo, dataDir)}/)…`);
    const embedded = await startEmbeddedDatabase(dataDir);
    env.DATABASE_URL = embedded.url;
    env.BERTH_DB_POOL = "1";
    stopDb = embedded.stop;
  } else say("using the PostgreSQL database from DATABASE_URL");
  process.env.DATABASE_URL = env.DATABASE_URL;
  process.env.BERTH_DB_POOL = env.BERTH_DB_POOL;

  generateClient();
  say("applying database migrations…");
  await migrate(env.DATABASE_URL!);

  // In a process of its own: this one stays up hosting the embedded database (so never a
  // synchronous wait here: it answers the child's queries), and should not keep the database client's memory.
  const seeded = await promisify(execFile)(process.execPath, ["--import", "tsx", path.join(repo, "scripts", "seed-admin.ts")], { cwd: repo, env, encoding: "utf8" }).catch((e: Error & { stderr?: string }) => {
    throw new Error(`could not create the first platform admin: ${e.stderr || e.message}`);
  });
  const admin = JSON.parse(seeded.stdout) as { email: string; password?: string } | null;
  if (admin) {
    console.log("");
    say("first platform admin created — this password is shown only once:");
    say(`  email:    ${admin.email}`);
    say(`  password: ${admin.password ?? "(from BERTH_ADMIN_PASSWORD)"}`);
    console.log("");
  }
  buildConsole(env, say);

  say(`serving the console on http://localhost:${port}`);
  const server = serveConsole(env, port);
  const stop = async () => {
    server.kill("SIGTERM");
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  server.on("exit", async (code) => {
    await stopDb?.();
    process.exit(code ?? 0);
  });
}

main().catch((e) => {
  console.error(`[berth] ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
