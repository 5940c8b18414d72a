"use client";
// The usage chart as pages use it: uPlot fetched when the first chart is drawn. Apart from the
// app page's panel, so the Overview's node charts do not bring that panel's imports along.
import dynamic from "next/dynamic";

export const cores = (v: number) => (v >= 1 ? `${Math.round(v * 100) / 100}` : `${Math.round(v * 1000)}m`);

/** The chart itself, with uPlot, fetched when the first chart is drawn. */
export const UsageChart = dynamic(() => import("./usage-chart").then((m) => m.UsageChart), { ssr: false, loading: () => <div className="h-40" aria-hidden /> });
