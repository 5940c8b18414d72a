import { afterEach, describe, expect, it, vi } from "vitest";
import { Memo } from "@/lib/memo";
import { andThen, promised } from "@/lib/maybe";

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

describe("a value now or a promise of it (lib/maybe.ts)", () => {
  it("is answered by the memo itself once its load succeeded, a promise until then", async () => {
    const memo = new Memo<string | undefined>(60_000);
    const first = memo.get("k", async () => "v");
    expect(first).toBeInstanceOf(Promise);
    expect(memo.get("k", async () => "other")).toBe(first); // still loading: the same promise
    await first;
    expect(memo.get("k", async () => "other")).toBe("v");
    await memo.get("none", async () => undefined);
    expect(memo.get("none", async () => "other")).toBeUndefined(); // a remembered undefined is a value too
  });

  it("is carried on at once when there, after it when it is a promise", async () => {
    const seen: string[] = [];
    const now = andThen(2, (v) => {
      seen.push("now");
      return v * 2;
    });
    expect(now).toBe(4);
    const later = andThen(Promise.resolve(2), (v) => {
      seen.push("later");
      return v * 3;
    });
    expect(seen).toEqual(["now"]);
    expect(await later).toBe(6);
    expect(seen).toEqual(["now", "later"]);
  });

  it("turns a refusal given at once into a rejected promise where a promise is wanted", async () => {
    await expect(
      promised(() => {
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    expect(await promised(() => 1)).toBe(1);
  });
});
