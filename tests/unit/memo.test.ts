import { afterEach, describe, expect, it, vi } from "vitest";
import { Memo } from "@/lib/memo";

afterEach(() => vi.useRealTimers());

describe("a short-lived memo", () => {
  it("runs one load for everyone asking at once, and keeps its value for the time given", async () => {
    vi.useFakeTimers();
    const memo = new Memo<number>(1000);
    let loads = 0;
    const load = async () => ++loads;
    const all = await Promise.all(Array.from({ length: 100 }, () => memo.get("k", load)));
    expect(new Set(all)).toEqual(new Set([1]));
    expect(loads).toBe(1);
    vi.advanceTimersByTime(999);
    expect(await memo.get("k", load)).toBe(1);
    vi.advanceTimersByTime(1);
    const again = await Promise.all([memo.get("k", load), memo.get("k", load)]);
    expect(again).toEqual([2, 2]);
    expect(loads).toBe(2);
  });

  it("keeps no failed load: the next caller tries again", async () => {
    const memo = new Memo<string>(60_000);
    await expect(memo.get("k", () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    expect(await memo.get("k", async () => "up")).toBe("up");
  });

  it("forgets a key, or everything, at once", async () => {
    const memo = new Memo<number>(60_000);
    await memo.get("a", async () => 1);
    await memo.get("b", async () => 1);
    memo.delete("a");
    expect(await memo.get("a", async () => 2)).toBe(2);
    memo.clear();
    expect(await memo.get("b", async () => 3)).toBe(3);
  });

  it("drops expired entries once it holds more than its maximum", async () => {
    vi.useFakeTimers();
    const memo = new Memo<number>(1000, 2);
    await memo.get("a", async () => 1);
    await memo.get("b", async () => 1);
    vi.advanceTimersByTime(1000);
    await memo.get("c", async () => 1); // three entries, two expired: they go
    let loads = 0;
    await memo.get("c", async () => ++loads);
    expect(loads).toBe(0); // the fresh one stays
    expect((memo as unknown as { entries: Map<string, unknown> }).entries.size).toBe(1);
  });
});
