"use client";
// An app's CPU and memory use over the last hour (sampled by the server, lib/services/usage.ts,
// and sent by the page's one stream after every sample), per pod, against what each pod
// requests and may use.
import { useLocale, useTranslations } from "next-intl";
import { localize } from "@/components/localize";
import { formatBytes } from "@/lib/domain/quantity";
import type { AppUsage } from "@/lib/domain/usage";
import { cores, UsageChart } from "./usage-chart";
import { USAGE_COLORS as COLORS } from "./usage-colors";


export function UsagePanel({ live }: { live: AppUsage | { error: string } | undefined }) {
  const t = useTranslations("app.usage");
  const locale = useLocale();
  if (live && "error" in live) return <p className="text-sm text-rose-800">{localize(live.error, locale)}</p>;
  const usage = live;
  if (!usage) return <p className="text-sm text-slate-600">{t("loading")}</p>;
  if (usage.state === "unavailable") return <p className="text-sm text-slate-700" data-testid="usage-unavailable">{t("unavailable")}</p>;
  const withData = usage.pods.filter((p) => p.cpu.length > 0);
  if (withData.length === 0) return <p className="text-sm text-slate-700" data-testid="usage-empty">{usage.pods.length && usage.state === "ok" ? t("noSamples") : t("collecting")}</p>;
  return (
    <div className="space-y-3" data-testid="usage" data-samples={withData[0].cpu.length}>
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
