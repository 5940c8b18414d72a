// Login throttling and refusal auditing against the real console and PostgreSQL: attempts are
// recorded before the password is checked (parallel guesses cannot slip past the count), an
// account slows down instead of locking, a flood from one address keeps nobody else out, and
// a flood of refusals cannot fill the audit log.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { REFUSALS_PER_SOURCE_MINUTE } from "@/lib/db/audit";
import { accountDelayMs, beginAttempt } from "@/lib/db/login-failures";
import { uniqueName } from "../support/cluster";
import { signIn } from "../support/http";
import { createUser } from "../support/users";

const sumCount = async (where: object) => (await db().auditEvent.aggregate({ where, _sum: { count: true } }))._sum.count ?? 0;
let n = 0;
/** A documentation address (RFC 5737) no other test signs in from. */
const freshIp = () => `192.0.2.${(process.pid % 50) + 1 + n++ * 3}`;

describe("login throttling", () => {
  it("lets 50 parallel wrong passwords for one account check at most 5 of them", async () => {
    const u = await createUser();
    const ip = freshIp();
    const results = await Promise.all(Array.from({ length: 50 }, () => signIn(u.email, "wrong guess", ip)));
    expect(results.every((r) => !r.ok)).toBe(true);
    const checked = await sumCount({ target: u.email, detail: { startsWith: "wrong credentials" } });
    const refused = await sumCount({ target: u.email, detail: { startsWith: "rate limited" } });
    expect(checked).toBeLessThanOrEqual(5);
    expect(checked + refused).toBe(50);
  });

  it("does not let a flood from one address keep the owner out; the flooding address is slowed", async () => {
    const u = await createUser();
    const attacker = freshIp();
    for (let i = 0; i < 12; i++) await signIn(u.email, `guess ${i}`, attacker);
    expect((await signIn(u.email, u.password, attacker)).error).toBe("rate_limited");
    const owner = await signIn(u.email, u.password, freshIp());
    expect(owner.ok).toBe(true);
  });

  it("slows an account down twice as much after each failure, never locking it", async () => {
    const account = `${uniqueName("slow")}@example.test`;
    const ip = freshIp();
    const limits = { ipMax: 100, accountFree: 3 };
    const t0 = Date.now();
    for (let i = 0; i < 3; i++) expect((await beginAttempt(account, ip, limits, new Date(t0 + i))).allowed).toBe(true);
    const slowed = await beginAttempt(account, ip, limits, new Date(t0 + 10));
    expect(slowed).toMatchObject({ allowed: false, by: "account" });
    expect((slowed as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(900);
    expect((await beginAttempt(account, ip, limits, new Date(t0 + 1003))).allowed).toBe(true); // waited 1 s: one more try
    const next = await beginAttempt(account, ip, limits, new Date(t0 + 1004));
    expect((next as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(1900); // then 2 s
    expect((await beginAttempt(account, freshIp(), limits, new Date(t0 + 1005))).allowed).toBe(true); // an address that has not failed
    expect([0, 1, 2, 3, 4, 13].map((f) => accountDelayMs(f, 3))).toEqual([0, 0, 0, 1000, 2000, 15 * 60_000]);
  });

  it("hard-limits one address across accounts (credential stuffing)", async () => {
    const ip = freshIp();
    const limits = { ipMax: 4, accountFree: 100 };
    const t0 = Date.now();
    for (let i = 0; i < 4; i++) expect((await beginAttempt(`${uniqueName("s")}@example.test`, ip, limits, new Date(t0 + i))).allowed).toBe(true);
    expect(await beginAttempt(`${uniqueName("s")}@example.test`, ip, limits, new Date(t0 + 10))).toMatchObject({ allowed: false, by: "ip" });
    expect((await beginAttempt(`${uniqueName("s")}@example.test`, ip, limits, new Date(t0 + 60_010))).allowed).toBe(true);
  });
});

describe("refusals in the audit log", () => {
  it("aggregates a flood into a bounded number of rows that still count every refusal", async () => {
    const ip = freshIp();
    const before = await db().auditEvent.count();
    for (let i = 0; i < 60; i++) await signIn(`${uniqueName("flood")}@example.test`, "x", ip);
    const rows = await db().auditEvent.findMany({ where: { source: `ip:${ip}` } });
    // per minute (the flood may cross one): at most the cap, plus the one row counting the rest
    const minutes = new Map<number, number>();
    for (const r of rows) minutes.set(r.at.getTime(), (minutes.get(r.at.getTime()) ?? 0) + 1);
    expect(minutes.size).toBeLessThanOrEqual(2);
    for (const n of minutes.values()) expect(n).toBeLessThanOrEqual(REFUSALS_PER_SOURCE_MINUTE + 1);
    expect(rows.reduce((s, r) => s + r.count, 0)).toBe(60);
    expect(rows.some((r) => r.action === "refusals" && r.count > 1)).toBe(true); // one minute had at least 30
    expect((await db().auditEvent.count()) - before).toBeLessThanOrEqual(2 * (REFUSALS_PER_SOURCE_MINUTE + 1));
  });

  it("counts the same refusal again on its row", async () => {
    const u = await createUser();
    const ip = freshIp();
    for (let i = 0; i < 3; i++) await signIn(u.email, "wrong", ip);
    const rows = await db().auditEvent.findMany({ where: { target: u.email, source: `ip:${ip}` } });
    expect(rows.reduce((s, r) => s + r.count, 0)).toBe(3);
    expect(rows.length).toBeLessThanOrEqual(2);
  });
});
