// Database commands shared by `npm start`, the test setup and `npm run db:*`:
// Prisma CLI calls with DATABASE_URL always set (without it the CLI tries to
// download a native engine; see ../shared/docs/prisma-offline.md).
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const prismaBin = path.join(repo, "node_modules", ".bin", "prisma");

// generate never connects; any syntactically valid URL keeps the CLI offline.
const PLACEHOLDER_URL = "postgresql://berth@127.0.0.1:5432/berth";

const prismaEnv = (url: string) => ({ ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" });

function failure(args: string[], output: string) {
  return new Error(`prisma ${args.join(" ")} failed:\n${output.trim().split("\n").slice(-12).join("\n")}`);
}

// Asynchronous on purpose: the embedded database may be served by this very
// process, and a blocking spawn would stop it from answering the CLI.
function prisma(args: string[], url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(prismaBin, args, { cwd: repo, env: prismaEnv(url), stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(failure(args, output))));
  });
}

export function generateClient(force = false) {
  if (!force && existsSync(path.join(repo, "lib", "db", "generated", "client.ts"))) return;
  const args = ["generate"];
  const r = spawnSync(prismaBin, args, { cwd: repo, env: prismaEnv(process.env.DATABASE_URL || PLACEHOLDER_URL), encoding: "utf8" });
  if (r.status !== 0) throw failure(args, `${r.stdout}${r.stderr}`);
}

/** Applies prisma/migrations to the database at url (idempotent). */
export function migrate(url: string): Promise<void> {
  return prisma(["migrate", "deploy"], url);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const cmd = process.argv[2];
  try {
    if (cmd === "generate") generateClient(true);
    else if (cmd === "migrate") {
      if (!process.env.DATABASE_URL) throw new Error("set DATABASE_URL to the database to migrate");
      await migrate(process.env.DATABASE_URL);
      console.log("migrations applied");
    } else {
      console.error("usage: tsx scripts/db.ts generate | migrate");
      process.exit(2);
    }
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
}
