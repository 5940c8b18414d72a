"use client";
// An app's usage charts (CPU and memory, a line per pod) and each pod's latest numbers: loaded by
// the usage panel only once there are samples to draw.
import { useTranslations } from "next-intl";
import { formatBytes } from "@/lib/domain/quantity";
import type { AppUsage } from "@/lib/domain/usage";
import { cores, UsageChart } from "./usage-chart";
import { USAGE_COLORS as COLORS } from "./usage-colors";

export function AppUsageCharts({ usage, pods }: { usage: AppUsage; pods: AppUsage["pods"] }) {
  const t = useTranslations("app.usage");
  return (
    <div className="space-y-3" data-testid="usage" data-samples={pods[0].cpu.length}>
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <UsageChart label={t("cpu")} pods={pods.map((p) => ({ name: p.name, points: p.cpu }))} request={usage.requests.cpu} limit={usage.limits.cpu} format={cores} requestLabel={t("request")} limitLabel={t("limit")} />
        <UsageChart label={t("memory")} pods={pods.map((p) => ({ name: p.name, points: p.memory }))} request={usage.requests.memory} limit={usage.limits.memory} format={formatBytes} requestLabel={t("request")} limitLabel={t("limit")} />
      </div>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700">
        {pods.map((p, i) => (
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
