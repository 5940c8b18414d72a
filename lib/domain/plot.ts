// The geometry of a usage chart, pure: lines of [time, value] points and horizontal reference
// lines (a request, a limit) in a box of width × height, with a margin for the axis labels.
// components/apps/usage-chart.tsx draws it as SVG.
import type { Point } from "./usage";

export const MARGIN = { left: 56, right: 8, top: 8, bottom: 18 };

export interface PlotInput {
  series: Point[][];
  /** values drawn as dashed horizontal lines (a request, a limit, a capacity) */
  lines: number[];
  width: number;
  height: number;
}

export interface Plot {
  /** SVG path data per series; a gap of more than 2.5 sampling steps breaks the line */
  paths: string[];
  /** y of each reference line, in the order given */
  lines: number[];
  yTicks: { y: number; value: number }[];
  xTicks: { x: number; time: number }[];
}

/** A step of 1, 2 or 5 × 10^k, at least `rough`. */
export function niceStep(rough: number): number {
  if (!(rough > 0) || !Number.isFinite(rough)) return 1;
  const p = 10 ** Math.floor(Math.log10(rough));
  for (const m of [1, 2, 5, 10]) if (m * p >= rough) return m * p;
  return 10 * p;
}

const r1 = (v: number) => Math.round(v * 10) / 10;

export function plot({ series, lines, width, height }: PlotInput): Plot {
  const times = series.flatMap((s) => s.map(([t]) => t));
  const t0 = times.length ? Math.min(...times) : 0;
  const t1 = times.length ? Math.max(...times) : 1;
  const span = t1 > t0 ? t1 - t0 : 1;
  const top = Math.max(0, ...series.flatMap((s) => s.map(([, v]) => v)), ...lines);
  const step = niceStep((top * 1.15 || 1) / 3);
  const max = Math.max(step, Math.ceil((top * 1.15) / step) * step);
  const w = width - MARGIN.left - MARGIN.right;
  const h = height - MARGIN.top - MARGIN.bottom;
  const x = (t: number) => r1(MARGIN.left + ((t - t0) / span) * w);
  const y = (v: number) => r1(MARGIN.top + (1 - v / max) * h);
  // the sampling step: the smallest gap between two samples of one series
  let sample = Infinity;
  for (const s of series) for (let i = 1; i < s.length; i++) sample = Math.min(sample, s[i][0] - s[i - 1][0]);
  const paths = series.map((s) =>
    [...s]
      .sort((a, b) => a[0] - b[0])
      .map(([t, v], i, all) => `${i === 0 || t - all[i - 1][0] > 2.5 * sample ? "M" : "L"}${x(t)} ${y(v)}`)
      .join(""),
  );
  const yTicks: Plot["yTicks"] = [];
  for (let v = 0; v <= max + step / 2; v += step) yTicks.push({ y: y(v), value: v });
  const xTicks = t1 > t0 ? [t0, t0 + span / 2, t1].map((t) => ({ x: x(t), time: t })) : [{ x: x(t0), time: t0 }];
  return { paths, lines: lines.map(y), yTicks, xTicks };
}
