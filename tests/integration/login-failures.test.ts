// Login throttling kept in the real PostgreSQL test database (shared by replicas, kept across restarts).
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createLimiter } from "@/lib/db/login-failures";
import { uniqueName } from "../support/cluster";

describe("login throttling in the database", () => {
  it("blocks after max failures inside the window, forgets them after it, and resets on success", async () => {
    const l = createLimiter("test:", 3, 60_000);
    const key = uniqueName("who");
    const t = new Date("2026-11-26T10:00:00Z").getTime();
    for (let i = 0; i < 3; i++) {
      expect(await l.blocked(key, new Date(t + i))).toBe(false);
      await l.fail(key, new Date(t + i));
    }
    expect(await l.blocked(key, new Date(t + 10))).toBe(true);
    expect(await l.blocked(`${key}-other`, new Date(t + 10))).toBe(false);
    // another replica (another limiter over the same table) sees the same count
    expect(await createLimiter("test:", 3, 60_000).blocked(key, new Date(t + 10))).toBe(true);
    expect(await l.blocked(key, new Date(t + 60_010))).toBe(false);

    // a failure after the window prunes the old rows
    await l.fail(key, new Date(t + 60_011));
    expect(await db().loginFailure.count({ where: { key: `test:${key}` } })).toBe(1);
    await l.reset(key);
    expect(await db().loginFailure.count({ where: { key: `test:${key}` } })).toBe(0);
  });
});
