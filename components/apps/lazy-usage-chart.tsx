"use client";
// The usage chart as pages use it: its caption (the latest value, request and limit, as text)
// at once, the drawing with uPlot fetched when the chart comes near the screen. Apart from the
// app page's panel, so the Overview's node charts do not bring that panel's imports along.
import dynamic from "next/dynamic";
import { useEffect, useRef, useState } from "react";
import type { UsageChartProps } from "./usage-chart";

export const cores = (v: number) => (v >= 1 ? `${Math.round(v * 100) / 100}` : `${Math.round(v * 1000)}m`);

const Placeholder = () => <div className="h-40" aria-hidden />;

const UsagePlot = dynamic(() => import("./usage-chart").then((m) => m.UsagePlot), { ssr: false, loading: Placeholder });

/** True once the element has come within 200 px of the screen (then it stays true). */
function useNearScreen() {
  const ref = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (near || !el) return;
    if (typeof IntersectionObserver === "undefined") return setNear(true);
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setNear(true), { rootMargin: "200px" });
    io.observe(el);
    return () => io.disconnect();
  }, [near]);
  return { ref, near };
}

/** One chart: a line per pod, dashed lines for the request and the limit, and its numbers as text. */
export function UsageChart(props: UsageChartProps) {
  const { label, pods, request, limit, format, requestLabel, limitLabel } = props;
  const { ref, near } = useNearScreen();
  const latest = pods.map((p) => p.points.at(-1)?.[1]).filter((v): v is number => v !== undefined);
  const now = latest.reduce((a, b) => a + b, 0);
  const summary = `${label}: ${latest.length ? format(now) : "—"}${request !== undefined ? ` · ${requestLabel} ${format(request)}` : ""}${limit !== undefined ? ` · ${limitLabel} ${format(limit)}` : ""}`;
  return (
    <figure className="min-w-0">
      <figcaption className="mb-1 text-xs font-medium text-slate-700" data-testid={`usage-${label}`}>
        {summary}
      </figcaption>
      <div ref={ref}>{near ? <UsagePlot {...props} summary={summary} /> : <Placeholder />}</div>
    </figure>
  );
}
