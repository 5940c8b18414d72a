// rememberedByText (lib/http/text-memo.mjs): worked out once per text, within its bounds.
import { describe, expect, it } from "vitest";
import { rememberedByText } from "@/lib/http/text-memo.mjs";

describe("rememberedByText", () => {
  it("works a text out once, falsy answers included; a text over the length limit each time", () => {
    const asked: string[] = [];
    const f = rememberedByText((t) => (asked.push(t), t === "no" ? null : t.length), { entries: 10, chars: 5 });
    expect([f("abc"), f("abc"), f("no"), f("no"), f(""), f("")]).toEqual([3, 3, null, null, 0, 0]);
    expect(f("longer text")).toBe(11);
    expect(f("longer text")).toBe(11);
    expect(asked).toEqual(["abc", "no", "", "longer text", "longer text"]);
  });

  it("starts again empty when full", () => {
    const asked: string[] = [];
    const f = rememberedByText((t) => (asked.push(t), t), { entries: 2, chars: 10 });
    f("a");
    f("b");
    f("a"); // still known
    f("c"); // full: emptied, then c kept
    f("a"); // forgotten, worked out again
    expect(asked).toEqual(["a", "b", "c", "a"]);
  });
});
