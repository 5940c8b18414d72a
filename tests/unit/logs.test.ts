import { describe, expect, it } from "vitest";
import { mergeLogs, parseLogLines } from "@/lib/domain/logs";

describe("logs", () => {
  it("splits the kubelet's timestamp from the text", () => {
    expect(parseLogLines("p", "2026-01-01T08:00:00.000000000Z hello world\nno stamp\n")).toEqual([
      { pod: "p", ts: "2026-01-01T08:00:00.000000000Z", text: "hello world" },
      { pod: "p", ts: "", text: "no stamp" },
    ]);
  });
  it("merges pods by time, stable, keeping the last N", () => {
    const a = parseLogLines("a", "2026-01-01T00:00:01Z a1\n2026-01-01T00:00:03Z a3");
    const b = parseLogLines("b", "2026-01-01T00:00:02Z b2\n2026-01-01T00:00:03Z b3");
    expect(mergeLogs([a, b], 10).map((l) => l.text)).toEqual(["a1", "b2", "a3", "b3"]);
    expect(mergeLogs([a, b], 2).map((l) => l.text)).toEqual(["a3", "b3"]);
  });
});
