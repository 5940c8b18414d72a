// Password hashing with bcrypt (bcryptjs: pure JS, no native build, well kept).
import bcrypt from "bcryptjs";
import { randomBytes } from "node:crypto";

const ROUNDS = 10;

/** Runs at most `n` of the given tasks at once; the others wait their turn, first come first served. */
export function concurrencyLimit(n: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async function run<T>(work: () => Promise<T>): Promise<T> {
    if (running >= n) await new Promise<void>((r) => waiting.push(r)); // the slot is handed over by the task that ends
    else running++;
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

/**
 * At most two bcrypt runs at once per process: a burst of sign-ins cannot take every core
 * from the requests already being served.
 */
const bounded = concurrencyLimit(2);

export function hashPassword(plain: string): Promise<string> {
  return bounded(() => bcrypt.hash(plain, ROUNDS));
}

export function verifyPassword(plain: string, hash: string): Promise<boolean> {
  return bounded(() => bcrypt.compare(plain, hash));
}

// A hash of a random string, compared against when the email is unknown, so a
// wrong email costs the same time as a wrong password (no account probing).
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= bcrypt.hash(randomBytes(16).toString("hex"), ROUNDS);
  return dummy;
}

/** A readable random password for the first admin: 4 groups of 5 from an unambiguous alphabet. */
export function generatePassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = randomBytes(20);
  const chars = Array.from(bytes, (b) => alphabet[b % alphabet.length]);
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join("")).join("-");
}
