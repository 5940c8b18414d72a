// The embedded default database: PostgreSQL compiled to WASM (PGlite), served on
// a loopback port by pglite-socket so the app and the Prisma CLI talk to it with
// the same pg driver as to a real server. Data lives in a git-ignored folder.
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

// 16 MB of shared buffers, not PostgreSQL's 128 MB: plenty for one console's data (PGlite just
// started on a new folder measured about 730 MB resident instead of 830).
const CONF = ["shared_buffers=16MB"];

/**
 * A new data folder is made (initdb) by a short-lived child process: what initdb leaves in
 * the process that ran it is never given back (measured: PGlite opened on a new folder 691 MB
 * resident, on an existing one 168 MB, closed and reopened in the same process 316 MB).
 * PGlite is found with require's resolution, which works under tsx, vitest and plain Node.
 */
function initdb(dataDir: string): Promise<void> {
  const pglite = createRequire(import.meta.url).resolve("@electric-sql/pglite");
  const script =
    "const { PGlite } = require(process.argv[1]);" +
    "PGlite.create(process.argv[2], { postgresqlconf: JSON.parse(process.argv[3]) })" +
    ".then((pg) => pg.close()).catch((e) => { console.error(e && e.message || e); process.exit(1); });";
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", script, pglite, dataDir, JSON.stringify(CONF)], { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    child.stderr.on("data", (c) => (err += c));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`creating the embedded database in ${dataDir} failed: ${err.trim() || `exit ${code}`}`))));
  });
}

export async function startEmbeddedDatabase(dataDir: string, port?: number): Promise<EmbeddedDatabase> {
  mkdirSync(dataDir, { recursive: true });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) await initdb(dataDir);
  const pg = await PGlite.create(dataDir, { postgresqlconf: CONF });
  const p = port ?? (await freePort());
  const server = new PGLiteSocketServer({ db: pg, port: p, host: "127.0.0.1" });
  await server.start();
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${p}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await pg.close();
    },
  };
}
