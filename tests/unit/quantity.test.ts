import { describe, expect, it } from "vitest";
import { formatBytes, formatCpu, isQuantity, parseQuantity } from "@/lib/domain/quantity";

describe("parseQuantity", () => {
  it.each([
    ["1", 1],
    ["500m", 0.5],
    ["2.5", 2.5],
    ["1Ki", 1024],
    ["512Mi", 512 * 2 ** 20],
    ["32Gi", 32 * 2 ** 30],
    ["1k", 1000],
    ["1M", 1e6],
    ["1e3", 1000],
    ["100n", 1e-7],
  ])("%s → %d", (q, v) => {
    expect(parseQuantity(q)).toBeCloseTo(v);
  });

  it.each(["2 cores", "512MB", "-", "", "1.2.3", "Mi", "1mi"])("rejects %j", (q) => {
    expect(parseQuantity(q)).toBeUndefined();
    expect(isQuantity(q)).toBe(false);
  });
});

describe("formatting", () => {
  it.each([
    ["4", "4"],
    ["3500m", "3.5"],
    ["250m", "0.25"],
    [undefined, "—"],
  ])("formatCpu(%j) = %s", (q, out) => expect(formatCpu(q)).toBe(out));

  it.each([
    ["32Gi", "32 GiB"],
    ["1536Mi", "1.5 GiB"],
    ["1000", "1000 B"],
    [2048, "2 KiB"],
    ["nonsense", "—"],
  ])("formatBytes(%j) = %s", (q, out) => expect(formatBytes(q)).toBe(out));
});
