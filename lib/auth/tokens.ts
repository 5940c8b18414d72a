// API tokens for scripts: "berth_<random>", shown once, stored as a sha256 hash.
// (A high-entropy random token needs no slow hash; sha256 lets us look it up.)
import { hash, randomBytes } from "node:crypto";
import { db } from "../db/client";
import { AppError } from "../errors";
import { msg } from "../domain/messages";
import type { TokenScope } from "../domain/token-scopes";

const PREFIX = "berth_";

/** The token's sha256 (one-shot crypto.hash: 0.3 µs, where a Hash object costs 1 µs on every request). */
export function hashToken(token: string): string {
  return hash("sha256", token, "hex");
}

export async function createToken(userId: string, name: string, scope: TokenScope, expiresInDays: number) {
  const token = PREFIX + randomBytes(24).toString("base64url");
  const row = await db().apiToken.create({
    data: {
      userId,
      name,
      scope,
      tokenHash: hashToken(token),
      prefix: token.slice(0, PREFIX.length + 6),
      expiresAt: new Date(Date.now() + expiresInDays * 86_400_000),
    },
  });
  return { token, id: row.id, name: row.name, prefix: row.prefix, scope: row.scope, expiresAt: row.expiresAt };
}

/** How precisely "last used" is kept: one write a minute at most, not one per request. */
const LAST_USED_STEP_MS = 60_000;

/** The user a valid token belongs to (not revoked, not expired) and its scope, recording its use. */
export async function tokenOwner(token: string): Promise<{ userId: string; scope: TokenScope } | null> {
  if (!token.startsWith(PREFIX) || token.length > 200) return null;
  const row = await db().apiToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt < new Date())) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_STEP_MS) await db().apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  return { userId: row.userId, scope: row.scope as TokenScope };
}

export async function listTokens(userId: string) {
  return db().apiToken.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, scope: true, createdAt: true, expiresAt: true, revokedAt: true, lastUsedAt: true },
  });
}

export async function revokeToken(userId: string, id: string) {
  const row = await db().apiToken.findFirst({ where: { id, userId } });
  if (!row) throw new AppError("not_found", msg("noSuchToken"));
  await db().apiToken.update({ where: { id }, data: { revokedAt: row.revokedAt ?? new Date() } });
}
