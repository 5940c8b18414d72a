import { describe, expect, it } from "vitest";
import { MARGIN, niceStep, plot } from "@/lib/domain/plot";

describe("niceStep", () => {
  it.each([
    [0.3, 0.5],
    [1, 1],
    [1.2, 2],
    [3, 5],
    [7, 10],
    [120, 200],
    [0, 1],
  ])("%s → %s", (rough, step) => expect(niceStep(rough)).toBeCloseTo(step));
});

describe("plot", () => {
  const box = { width: 400, height: 160 };
  const bottom = box.height - MARGIN.bottom;
  const right = box.width - MARGIN.right;

  it("spans the box: first sample at the left edge, last at the right, 0 at the bottom", () => {
    const p = plot({ ...box, series: [[[0, 0], [30_000, 1], [60_000, 2]]], lines: [] });
    // highest value 2, +15% room → ticks of 1 up to 3; 134 px of height from y=8 to y=142
    expect(p.paths[0]).toBe("M56 142L224 97.3L392 52.7");
    expect(p.yTicks.map((t) => t.value)).toEqual([0, 1, 2, 3]);
    expect(p.xTicks.map((t) => t.time)).toEqual([0, 30_000, 60_000]);
    expect(p.xTicks[0].x).toBe(MARGIN.left);
    expect(p.xTicks[2].x).toBe(right);
  });

  it("leaves room above the highest value or reference line, with ticks of a nice step from 0", () => {
    const p = plot({ ...box, series: [[[0, 0.1], [10, 0.2]]], lines: [0.3] });
    expect(p.yTicks[0]).toEqual({ y: bottom, value: 0 });
    const values = p.yTicks.map((t) => t.value);
    expect(values.at(-1)).toBeGreaterThanOrEqual(0.3 * 1.15 - 1e-9);
    const step = values[1] - values[0];
    expect([0.1, 0.2, 0.5]).toContainEqual(Number(step.toFixed(6)));
    expect(p.lines[0]).toBeGreaterThan(MARGIN.top); // the limit is below the top of the box
    expect(p.lines[0]).toBeLessThan(bottom);
  });

  it("breaks a line where samples are missing, not between regular samples", () => {
    const p = plot({ ...box, series: [[[0, 1], [10, 1], [20, 1], [80, 1], [90, 1]]], lines: [] });
    expect(p.paths[0].match(/M/g)).toHaveLength(2);
    expect(p.paths[0].match(/L/g)).toHaveLength(3);
  });

  it("draws one sample, and nothing at all, without dividing by zero", () => {
    const one = plot({ ...box, series: [[[5, 2]]], lines: [] });
    expect(one.paths[0]).toMatch(/^M56 [\d.]+$/);
    expect(one.xTicks).toHaveLength(1);
    const none = plot({ ...box, series: [], lines: [] });
    expect(none.paths).toEqual([]);
    expect(none.yTicks.every((t) => Number.isFinite(t.y))).toBe(true);
  });
});
