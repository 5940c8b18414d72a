// Accounts in the database: who set a password, the session version every session carries,
// and single-use set-password links (only their hashes are stored).
import { createHash } from "node:crypto";
import { db } from "./client";

export const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");

export type PasswordSetBy = "self" | "link" | "seed" | "unknown";

/** A new link for the person; their earlier unused links stop working. */
export async function createPasswordLink(userId: string, token: string, purpose: "invite" | "reset", expiresAt: Date, createdById: string | null) {
  await db().$transaction([
    db().passwordLink.updateMany({ where: { userId, usedAt: null }, data: { usedAt: new Date() } }),
    db().passwordLink.create({ data: { userId, tokenHash: tokenHash(token), purpose, expiresAt, createdById } }),
  ]);
}

export async function findPasswordLink(token: string) {
  return db().passwordLink.findUnique({ where: { tokenHash: tokenHash(token) }, include: { user: { select: { email: true } } } });
}

/** Uses a link once: false when it was used (or replaced) in the meantime. */
export async function usePasswordLink(id: string): Promise<boolean> {
  const r = await db().passwordLink.updateMany({ where: { id, usedAt: null, expiresAt: { gt: new Date() } }, data: { usedAt: new Date() } });
  return r.count === 1;
}

/** A new password (or none), ending every session the person has. */
export async function setPassword(userId: string, passwordHash: string | null, setBy: PasswordSetBy | null) {
  await db().user.update({ where: { id: userId }, data: { passwordHash, passwordSetBy: setBy, sessionVersion: { increment: 1 } } });
}

/** Ends every session of the person (their API tokens are revoked separately). */
export async function endSessions(userId: string) {
  await db().user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}

export async function accountById(id: string) {
  return db().user.findUnique({ where: { id }, select: { id: true, email: true, passwordHash: true, passwordSetBy: true, ssoLinked: true, sessionVersion: true } });
}

/**
 * A person signing in by SSO, by their verified email: created when new; the first time an
 * existing account is linked, a password the person did not set themselves ("link", "unknown")
 * is cleared and its sessions end, and its unused set-password links stop working — whoever
 * knew that password or held such a link can no longer sign in as them.
 */
export async function linkSsoAccount(email: string, name: string): Promise<{ id: string; email: string; sessionVersion: number; clearedPassword: boolean }> {
  const existing = await db().user.findUnique({ where: { email } });
  if (!existing) {
    const u = await db().user.create({ data: { email, name, ssoLinked: true } });
    return { id: u.id, email: u.email, sessionVersion: u.sessionVersion, clearedPassword: false };
  }
  if (existing.ssoLinked) return { id: existing.id, email: existing.email, sessionVersion: existing.sessionVersion, clearedPassword: false };
  const clear = existing.passwordHash !== null && existing.passwordSetBy !== "self" && existing.passwordSetBy !== "seed";
  const [u] = await db().$transaction([
    db().user.update({ where: { id: existing.id }, data: { ssoLinked: true, ...(clear ? { passwordHash: null, passwordSetBy: null, sessionVersion: { increment: 1 } } : {}) } }),
    db().passwordLink.updateMany({ where: { userId: existing.id, usedAt: null }, data: { usedAt: new Date() } }),
  ]);
  return { id: u.id, email: u.email, sessionVersion: u.sessionVersion, clearedPassword: clear };
}
