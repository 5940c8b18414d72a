"use client";
import { useLocale, useTranslations } from "next-intl";
import { localize } from "@/components/localize";
import type { ReleaseStatus } from "@/lib/domain/templates";
import { Badge } from "../ui/badge";

const TONE = { Ready: "green", Installing: "blue", Upgrading: "blue", Degraded: "amber", Failed: "red" } as const;

export function ReleaseStatusBadge({ status, reason }: { status: ReleaseStatus; reason?: string | null }) {
  const t = useTranslations("marketplace.status");
  const locale = useLocale();
  const text = reason ? localize(reason, locale) : undefined;
  return (
    <span className="inline-flex items-center gap-2" data-testid="release-status" data-status={status}>
      <Badge tone={TONE[status]} title={text}>{t(status)}</Badge>
      {text && status !== "Ready" && <span className="max-w-md text-xs text-slate-700">{text}</span>}
    </span>
  );
}
