"use client";
// An app's CPU and memory use over the last hour (sampled by the server, lib/services/usage.ts,
// and sent by the page's one stream after every sample), per pod, against what each pod
// requests and may use.
import { useLocale, useTranslations } from "next-intl";
import { lazy, Suspense } from "react";
import { localize } from "@/components/localize";
import type { AppUsage } from "@/lib/domain/usage";

// The charts' code (SVG geometry, formats) loads once there are samples to draw.
const AppUsageCharts = lazy(() => import("./app-usage-charts").then((m) => ({ default: m.AppUsageCharts })));

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
    <Suspense fallback={<p className="text-sm text-slate-600">{t("loading")}</p>}>
      <AppUsageCharts usage={usage} pods={withData} />
    </Suspense>
  );
}
