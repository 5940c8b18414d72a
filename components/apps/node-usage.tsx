"use client";
// The Overview's usage of one node over the last hour, against what it has (its allocatable CPU and memory).
import { useTranslations } from "next-intl";
import type { Point } from "@/lib/domain/usage";
import { formatBytes } from "@/lib/domain/quantity";
import { cores, UsageChart } from "./usage-chart";

export function NodeUsage({ name, cpu, memory, cpuCapacity, memoryCapacity }: { name: string; cpu: Point[]; memory: Point[]; cpuCapacity?: number; memoryCapacity?: number }) {
  const t = useTranslations("app.usage");
  return (
    <div className="grid grid-cols-1 gap-4 md:grid-cols-2" data-testid={`node-usage-${name}`}>
      <UsageChart label={t("cpu")} pods={[{ name, points: cpu }]} limit={cpuCapacity} format={cores} requestLabel={t("request")} limitLabel={t("capacity")} />
      <UsageChart label={t("memory")} pods={[{ name, points: memory }]} limit={memoryCapacity} format={formatBytes} requestLabel={t("request")} limitLabel={t("capacity")} />
    </div>
  );
}
