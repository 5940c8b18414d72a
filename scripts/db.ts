// Database commands shared by `npm start`, the test setup and `npm run db:*`:
// Prisma CLI calls with DATABASE_URL always set (without it the CLI tries to
// download a native engine; see ../shared/docs/prisma-offline.md).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const prismaBin = path.join(repo, "node_modules", ".bin", "prisma");

// generate never connects; any syntactically valid URL keeps the CLI offline.
const PLACEHOLDER_URL = "postgresql://berth@127.0.0.1:5432/berth";

function prisma(args: string[], url: string, quiet = true) {
  const r = spawnSync(prismaBin, args, {
    cwd: repo,
    env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
    encoding: "utf8",
    stdio: quiet ? "pipe" : "inherit",
  });
  if (r.status !== 0) {
    const out = `${r.stdout ?? ""}${r.stderr ?? ""}`.trim().split("\n").slice(-12).join("\n");
    throw new Error(`prisma ${args.join(" ")} failed:\n${out}`);
  }
  return r.stdout ?? "";
}

export function generateClient(force = false) {
  if (!force && existsSync(path.join(repo, "lib", "db", "generated", "client.ts"))) return;
  prisma(["generate"], process.env.DATABASE_URL || PLACEHOLDER_URL);
}

/** Applies prisma/migrations to the database at url (idempotent). */
export function migrate(url: string) {
  prisma(["migrate", "deploy"], url);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const cmd = process.argv[2];
  try {
    if (cmd === "generate") generateClient(true);
    else if (cmd === "migrate") {
      if (!process.env.DATABASE_URL) throw new Error("set DATABASE_URL to the database to migrate");
      migrate(process.env.DATABASE_URL);
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
