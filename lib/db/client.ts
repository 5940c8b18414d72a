// The one Prisma client of the server process, over @prisma/adapter-pg (Prisma's
// WASM query compiler; no native engine). Works the same against a real
// PostgreSQL and against the embedded PGlite server.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";
import { AppError } from "../errors";
import { msg } from "../domain/messages";
import { accessWritten } from "../auth/actor-cache";

const holder = globalThis as unknown as { __berthPrisma?: PrismaClient };

export function databaseUrl(): string | undefined {
  return process.env.DATABASE_URL || undefined;
}

export function db(): PrismaClient {
  if (holder.__berthPrisma) return holder.__berthPrisma;
  const url = databaseUrl();
  if (!url) {
    throw new AppError("database_unavailable", msg("noDatabase"));
  }
  // The embedded PGlite server runs one query at a time: a pool of 1 keeps
  // transactions from interleaving (../shared/docs/prisma-offline.md).
  const max = Number(process.env.BERTH_DB_POOL ?? 10);
  holder.__berthPrisma = new PrismaClient({
    adapter: new PrismaPg({ connectionString: url, max, connectionTimeoutMillis: 5000 }),
  }).$extends({
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          const out = await query(args);
          if (changesAccess(model, operation, args)) accessWritten();
          return out;
        },
      },
    },
  }) as unknown as PrismaClient; // the same client and model methods, with the hook above
  return holder.__berthPrisma;
}

/** The tables people are resolved from: who they are, their teams, roles, namespaces and tokens (lib/auth/actor.ts). */
const ACCESS_MODELS = new Set(["User", "Membership", "Team", "TeamNamespace", "ApiToken"]);
const WRITES = new Set(["create", "createMany", "createManyAndReturn", "update", "updateMany", "updateManyAndReturn", "upsert", "delete", "deleteMany"]);

/**
 * Whether a query may change who may do what, so the actor cache must forget
 * (lib/auth/actor-cache.ts). Recording a token's last use changes nothing of that.
 */
export function changesAccess(model: string | undefined, operation: string, args: unknown): boolean {
  if (!model || !ACCESS_MODELS.has(model) || !WRITES.has(operation)) return false;
  const data = (args as { data?: Record<string, unknown> } | undefined)?.data;
  return !(model === "ApiToken" && operation === "update" && data && Object.keys(data).every((k) => k === "lastUsedAt"));
}

/** Describes a database failure for a person, without a stack trace. */
export function describeDbError(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  const url = databaseUrl();
  let where = "the database";
  if (url) {
    try {
      const u = new URL(url);
      where = `the database at ${u.hostname}:${u.port || 5432}${u.pathname}`;
    } catch {
      where = "the database (DATABASE_URL is not a valid URL)";
    }
  }
  const reason = /ECONNREFUSED|Can't reach database server/.test(msg)
    ? "no database server answers there (is PostgreSQL running?)"
    : /password authentication failed/.test(msg)
      ? "password authentication failed"
      : /does not exist/.test(msg)
        ? msg.split("\n")[0]
        : msg.split("\n").filter(Boolean).pop() ?? msg;
  return `cannot reach ${where}: ${reason}`;
}

export async function pingDatabase(): Promise<{ ok: true } | { ok: false; reason: string }> {
  try {
    await db().$queryRawUnsafe("SELECT 1");
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: e instanceof AppError ? e.message : describeDbError(e) };
  }
}
