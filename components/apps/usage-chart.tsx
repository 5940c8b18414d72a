"use client";
// One usage chart: a line per pod over the last hour, dashed lines for the request and the
// limit; drawn with uPlot (small, canvas, fast). Loaded only when a chart comes near the
// screen (next/dynamic in ./lazy-usage-chart), so uPlot is not in any page's first load.
import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { Point } from "@/lib/domain/usage";
import { USAGE_COLORS as COLORS } from "./usage-colors";

export interface UsageChartProps {
  label: string;
  pods: { name: string; points: Point[] }[];
  request?: number;
  limit?: number;
  format: (v: number) => string;
  requestLabel: string;
  limitLabel: string;
}

/** The drawing of one chart (its caption and text summary are ./lazy-usage-chart's). */
export function UsagePlot({ pods, request, limit, format, requestLabel, limitLabel, summary }: UsageChartProps & { summary: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const times = [...new Set(pods.flatMap((p) => p.points.map(([t]) => t)))].sort((a, b) => a - b);
    const at = (points: Point[]) => {
      const m = new Map(points);
      return times.map((t) => m.get(t) ?? null);
    };
    const data: uPlot.AlignedData = [times.map((t) => t / 1000), ...pods.map((p) => at(p.points)), ...(request !== undefined ? [times.map(() => request)] : []), ...(limit !== undefined ? [times.map(() => limit)] : [])];
    const series: uPlot.Series[] = [
      {},
      ...pods.map((p, i) => ({ label: p.name, stroke: COLORS[i % COLORS.length], width: 1.5, spanGaps: false })),
      ...(request !== undefined ? [{ label: requestLabel, stroke: "#475569", dash: [4, 4], width: 1 }] : []),
      ...(limit !== undefined ? [{ label: limitLabel, stroke: "#be123c", dash: [2, 3], width: 1 }] : []),
    ];
    const plot = new uPlot(
      {
        width: box.current.clientWidth || 400,
        height: 160,
        legend: { show: false },
        cursor: { show: false },
        series,
        axes: [{ stroke: "#475569" }, { stroke: "#475569", size: 56, values: (_u, ticks) => ticks.map(format) }],
        scales: { y: { range: (_u, _min, max) => [0, Math.max(max, request ?? 0, limit ?? 0) * 1.15 || 1] } },
      },
      data,
      box.current,
    );
    return () => plot.destroy();
  }, [pods, request, limit, format, requestLabel, limitLabel]);
  return <div ref={box} role="img" aria-label={summary} className="w-full" />;
}
