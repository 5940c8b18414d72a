"use client";
// An app's CPU and memory use over the last hour (sampled by the server, lib/services/usage.ts),
// per pod, against what each pod requests and may use; drawn with uPlot (small, canvas, fast).
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { api } from "@/components/api";
import { formatBytes } from "@/lib/domain/quantity";
import type { AppUsage, Point } from "@/lib/domain/usage";

const COLORS = ["#1a46a1", "#047857", "#b45309", "#7c3aed", "#be123c", "#0e7490"];

export const cores = (v: number) => (v >= 1 ? `${Math.round(v * 100) / 100}` : `${Math.round(v * 1000)}m`);

/** One chart: a line per pod, dashed lines for the request and the limit. */
export function UsageChart({ label, pods, request, limit, format, requestLabel, limitLabel }: { label: string; pods: { name: string; points: Point[] }[]; request?: number; limit?: number; format: (v: number) => string; requestLabel: string; limitLabel: string }) {
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
  const latest = pods.map((p) => p.points.at(-1)?.[1]).filter((v): v is number => v !== undefined);
  const now = latest.reduce((a, b) => a + b, 0);
  const summary = `${label}: ${latest.length ? format(now) : "—"}${request !== undefined ? ` · ${requestLabel} ${format(request)}` : ""}${limit !== undefined ? ` · ${limitLabel} ${format(limit)}` : ""}`;
  return (
    <figure className="min-w-0">
      <figcaption className="mb-1 text-xs font-medium text-slate-700" data-testid={`usage-${label}`}>
        {summary}
      </figcaption>
      <div ref={box} role="img" aria-label={summary} className="w-full" />
    </figure>
  );
}

export function UsagePanel({ namespace, app }: { namespace: string; app: string }) {
  const t = useTranslations("app.usage");
  const [usage, setUsage] = useState<AppUsage | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout>;
    const load = async () => {
      try {
        const u = await api<AppUsage>("GET", `/api/namespaces/${namespace}/apps/${app}/usage`);
        if (stop) return;
        setUsage(u);
        setError(undefined);
        timer = setTimeout(load, u.sampleSeconds * 1000);
      } catch (e) {
        if (stop) return;
        setError((e as Error).message);
        timer = setTimeout(load, 30_000);
      }
    };
    void load();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [namespace, app]);

  if (error) return <p className="text-sm text-rose-800">{error}</p>;
  if (!usage) return <p className="text-sm text-slate-600">{t("loading")}</p>;
  if (usage.state === "unavailable") return <p className="text-sm text-slate-700" data-testid="usage-unavailable">{t("unavailable")}</p>;
  const withData = usage.pods.filter((p) => p.cpu.length > 0);
  if (withData.length === 0) return <p className="text-sm text-slate-700" data-testid="usage-empty">{usage.pods.length && usage.state === "ok" ? t("noSamples") : t("collecting")}</p>;
  return (
    <div className="space-y-3" data-testid="usage">
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <UsageChart label={t("cpu")} pods={withData.map((p) => ({ name: p.name, points: p.cpu }))} request={usage.requests.cpu} limit={usage.limits.cpu} format={cores} requestLabel={t("request")} limitLabel={t("limit")} />
        <UsageChart label={t("memory")} pods={withData.map((p) => ({ name: p.name, points: p.memory }))} request={usage.requests.memory} limit={usage.limits.memory} format={formatBytes} requestLabel={t("request")} limitLabel={t("limit")} />
      </div>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700">
        {withData.map((p, i) => (
          <li key={p.name} className="flex items-center gap-1">
            <span aria-hidden className="inline-block h-2 w-3 rounded-sm" style={{ background: COLORS[i % COLORS.length] }} />
            <span className="font-mono">{p.name}</span>: {cores(p.cpu.at(-1)![1])} CPU, {formatBytes(p.memory.at(-1)![1])}
          </li>
        ))}
      </ul>
      <p className="text-xs text-slate-600">{t("explain", { seconds: usage.sampleSeconds })}</p>
    </div>
  );
}
