// The real PostgreSQL the system tests and the benchmark use: TEST_DATABASE_URL (a server URL whose
// database we may create others beside), else the local Debian cluster, started
// if it is installed but down. Each run gets its own fresh database.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import pg from "pg";

const DEFAULT_URL = "postgresql://postgres:postgres@127.0.0.1:5432/postgres";

async function canConnect(url: string): Promise<string | undefined> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.end();
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/** Starts Debian's PostgreSQL cluster when it is installed and we are root (what .ci/run does too). */
function startDebianPostgres() {
  if (!existsSync("/usr/lib/postgresql")) return;
  const versions = readdirSync("/usr/lib/postgresql").sort();
  const v = versions[versions.length - 1];
  if (!v) return;
  try {
    // apt creates the "main" cluster on install; a machine where it was dropped gets it back.
    if (!execFileSync("pg_lsclusters", ["-h"], { encoding: "utf8" }).split("\n").some((l) => l.startsWith(`${v} main`))) {
      execFileSync("pg_createcluster", [v, "main"], { stdio: "ignore" });
    }
  } catch {
    /* not root: the connect below says what is wrong */
  }
  try {
    execFileSync("pg_ctlcluster", [v, "main", "start"], { stdio: "ignore" });
  } catch {
    /* already running, or not ours to start: the connect below says which */
  }
  try {
    execFileSync("su", ["postgres", "-c", `psql -qc "ALTER USER postgres PASSWORD 'postgres'"`], { stdio: "ignore" });
  } catch {
    /* not root or no local socket: TEST_DATABASE_URL must then be given */
  }
}

export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL || DEFAULT_URL;
  let err = await canConnect(serverUrl);
  if (err && !process.env.TEST_DATABASE_URL) {
    startDebianPostgres();
    err = await canConnect(serverUrl);
  }
  if (err) throw new Error(`the system tests need PostgreSQL at ${serverUrl}: ${err} (install the Debian package postgresql, or set TEST_DATABASE_URL)`);
  const name = `berth_test_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}
