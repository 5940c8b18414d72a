// Login throttling: a fixed number of failed attempts per window, per account and per IP.
// Kept in the database, so every Berth replica sees the same counts and a restart does
// not reset them.
import { db } from "./client";

const WINDOW_MS = 60_000;

export interface Limiter {
  /** true when the key is over its limit (the attempt must be refused). */
  blocked(key: string, now?: Date): Promise<boolean>;
  fail(key: string, now?: Date): Promise<void>;
  reset(key: string): Promise<void>;
}

/** A limiter over the keys with one prefix ("account:", "ip:"). */
export function createLimiter(prefix: string, max: number, windowMs = WINDOW_MS): Limiter {
  const since = (now: Date) => new Date(now.getTime() - windowMs);
  return {
    async blocked(key, now = new Date()) {
      const recent = await db().loginFailure.count({ where: { key: prefix + key, at: { gt: since(now) } } });
      return recent >= max;
    },
    async fail(key, now = new Date()) {
      await db().$transaction([db().loginFailure.deleteMany({ where: { at: { lt: since(now) } } }), db().loginFailure.create({ data: { key: prefix + key, at: now } })]);
    },
    async reset(key) {
      await db().loginFailure.deleteMany({ where: { key: prefix + key } });
    },
  };
}

export function loginLimits() {
  return {
    account: createLimiter("account:", Number(process.env.BERTH_LOGIN_MAX_PER_ACCOUNT ?? 5)),
    ip: createLimiter("ip:", Number(process.env.BERTH_LOGIN_MAX_PER_IP ?? 20)),
  };
}
