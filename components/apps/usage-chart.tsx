"use client";
// One usage chart: a line per pod over the last hour, dashed lines for the request and the
// limit, and the latest numbers as its caption. Drawn as SVG from lib/domain/plot's geometry:
// a few series of at most an hour's samples need no charting library (uPlot, the lightest we
// had, was 22 KB gzip of a page's JavaScript, which put the Overview over its budget).
import { useLocale } from "next-intl";
import { MARGIN, plot } from "@/lib/domain/plot";
import type { Point } from "@/lib/domain/usage";
import { USAGE_COLORS as COLORS } from "./usage-colors";

export const cores = (v: number) => (v >= 1 ? `${Math.round(v * 100) / 100}` : `${Math.round(v * 1000)}m`);

const W = 400;
const H = 160;
const AXIS = "#475569";

export function UsageChart({ label, pods, request, limit, format, requestLabel, limitLabel }: { label: string; pods: { name: string; points: Point[] }[]; request?: number; limit?: number; format: (v: number) => string; requestLabel: string; limitLabel: string }) {
  const locale = useLocale();
  const refs = [...(request !== undefined ? [{ value: request, label: requestLabel, stroke: AXIS, dash: "4 4" }] : []), ...(limit !== undefined ? [{ value: limit, label: limitLabel, stroke: "#be123c", dash: "2 3" }] : [])];
  const p = plot({ series: pods.map((s) => s.points), lines: refs.map((r) => r.value), width: W, height: H });
  const latest = pods.map((s) => s.points.at(-1)?.[1]).filter((v): v is number => v !== undefined);
  const now = latest.reduce((a, b) => a + b, 0);
  const summary = `${label}: ${latest.length ? format(now) : "—"}${refs.map((r) => ` · ${r.label} ${format(r.value)}`).join("")}`;
  const time = (t: number) => new Date(t).toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit" });
  return (
    <figure className="min-w-0">
      <figcaption className="mb-1 text-xs font-medium text-slate-700" data-testid={`usage-${label}`}>
        {summary}
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-label={summary} fontSize={10} fill={AXIS}>
        {p.yTicks.map((t) => (
          <g key={t.value}>
            <line x1={MARGIN.left} x2={W - MARGIN.right} y1={t.y} y2={t.y} stroke="#e2e8f0" />
            <text x={MARGIN.left - 6} y={t.y + 3} textAnchor="end">{format(t.value)}</text>
          </g>
        ))}
        {p.xTicks.map((t, i) => (
          <text key={t.time} x={t.x} y={H - 4} textAnchor={i === 0 ? "start" : i === p.xTicks.length - 1 ? "end" : "middle"}>{time(t.time)}</text>
        ))}
        {p.lines.map((y, i) => <line key={refs[i].label} x1={MARGIN.left} x2={W - MARGIN.right} y1={y} y2={y} stroke={refs[i].stroke} strokeDasharray={refs[i].dash} />)}
        {p.paths.map((d, i) => <path key={pods[i].name} d={d} fill="none" stroke={COLORS[i % COLORS.length]} strokeWidth={1.5} strokeLinejoin="round" />)}
      </svg>
    </figure>
  );
}
