// Login throttling, kept in the database so every Berth replica sees the same counts and a
// restart does not reset them. An attempt is recorded before its password is checked, under a
// per-account and per-address lock (PostgreSQL advisory locks, one transaction): parallel
// guesses cannot all slip past the count. Per address: a hard limit per minute (the address is
// the attacker's). Per account: a few free failures, then each next try must wait twice as long
// as the one before — a slow-down, never a lock-out — except from an address that has not failed
// lately, so a flood from one place does not keep the owner out.
import { db } from "./client";

const IP_WINDOW_MS = 60_000;
const ACCOUNT_WINDOW_MS = 15 * 60_000;
const MAX_DELAY_MS = 15 * 60_000;

export interface LoginLimits {
  ipMax: number;
  /** Failures an account may have before it slows down. */
  accountFree: number;
}

export const loginLimits = (): LoginLimits => ({
  ipMax: Number(process.env.BERTH_LOGIN_MAX_PER_IP ?? 20),
  accountFree: Number(process.env.BERTH_LOGIN_MAX_PER_ACCOUNT ?? 5),
});

export type Attempt = { allowed: true; ids: string[] } | { allowed: false; by: "ip" | "account"; retryAfterMs: number };

/** How long an account with `failures` recent failures makes the next try wait after the last one. */
export function accountDelayMs(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(1000 * 2 ** (failures - free), MAX_DELAY_MS);
}

/**
 * Records an attempt for (account, address) before its password is checked, or refuses it.
 * The recorded rows count as failures until `succeeded` removes them.
 */
export async function beginAttempt(account: string, ip: string, limits = loginLimits(), now = new Date()): Promise<Attempt> {
  const accountKey = `account:${account}`;
  const ipKey = `ip:${ip}`;
  return db().$transaction(async (tx) => {
    // always account first, then address: two attempts never wait for each other in a circle
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${accountKey}))`;
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${ipKey}))`;
    const ipRecent = await tx.loginFailure.findMany({ where: { key: ipKey, at: { gt: new Date(now.getTime() - ACCOUNT_WINDOW_MS) } }, select: { at: true }, orderBy: { at: "asc" } });
    const ipLastMinute = ipRecent.filter((r) => r.at.getTime() > now.getTime() - IP_WINDOW_MS);
    if (ipLastMinute.length >= limits.ipMax) return { allowed: false, by: "ip", retryAfterMs: ipLastMinute[0].at.getTime() + IP_WINDOW_MS - now.getTime() };
    const acct = await tx.loginFailure.aggregate({ where: { key: accountKey, at: { gt: new Date(now.getTime() - ACCOUNT_WINDOW_MS) } }, _count: true, _max: { at: true } });
    const wait = accountDelayMs(acct._count, limits.accountFree);
    const until = (acct._max.at?.getTime() ?? 0) + wait;
    if (wait > 0 && now.getTime() < until && ipRecent.length > 0) return { allowed: false, by: "account", retryAfterMs: until - now.getTime() };
    const [a, b] = await Promise.all([tx.loginFailure.create({ data: { key: accountKey, at: now } }), tx.loginFailure.create({ data: { key: ipKey, at: now } })]);
    return { allowed: true, ids: [a.id, b.id] };
  });
}

/** The password was right: this attempt does not count, and the account's failures are forgiven. */
export async function succeeded(account: string, attempt: { ids: string[] }) {
  await db().loginFailure.deleteMany({ where: { OR: [{ id: { in: attempt.ids } }, { key: `account:${account}` }] } });
}

/** Rows older than any window, removed now and then (a failed attempt calls it). */
export async function pruneFailures(now = new Date()) {
  await db().loginFailure.deleteMany({ where: { at: { lt: new Date(now.getTime() - ACCOUNT_WINDOW_MS) } } });
}
