// The embedded default database: PostgreSQL compiled to WASM (PGlite), served on
// a loopback port by pglite-socket so the app and the Prisma CLI talk to it with
// the same pg driver as to a real server. Data lives in a git-ignored folder.
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { mkdirSync } from "node:fs";
import net from "node:net";

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

export async function startEmbeddedDatabase(dataDir: string, port?: number): Promise<EmbeddedDatabase> {
  mkdirSync(dataDir, { recursive: true });
  // 16 MB of shared buffers, not PostgreSQL's 128 MB: plenty for one console's data. PGlite
  // alone, just started, measured about 730 MB resident instead of 830; the bench's npm start
  // process after caching 5,000 pods, 819 MB instead of 842 (Postgres's memory lives in WASM).
  const pg = await PGlite.create(dataDir, { postgresqlconf: ["shared_buffers=16MB"] });
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
