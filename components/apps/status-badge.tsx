"use client";
import { useLocale, useTranslations } from "next-intl";
import { localize } from "@/components/localize";
import type { AppKind, AppPhase } from "@/lib/domain/app-status";
import { Badge } from "../ui/badge";

const TONE = { Available: "green", Progressing: "blue", Degraded: "red", ScaledToZero: "slate" } as const;

export function AppStatusBadge({ phase, reason: raw }: { phase: AppPhase; reason?: string }) {
  const t = useTranslations("apps.phase");
  const locale = useLocale();
  const reason = raw && localize(raw, locale);
  return (
    <span className="inline-flex items-center gap-2">
      <Badge tone={TONE[phase]} title={reason}>{t(phase)}</Badge>
      {phase === "Degraded" && reason && <span className="max-w-xs truncate text-xs text-rose-700" title={reason}>{reason}</span>}
    </span>
  );
}

/** Stateless (Deployment) or stateful (StatefulSet: per-replica storage), with the Kubernetes kind on hover. */
export function AppKindBadge({ kind }: { kind: AppKind }) {
  const t = useTranslations("apps.kind");
  return (
    <Badge tone={kind === "StatefulSet" ? "blue" : "slate"} title={`${kind} — ${t("hint")}`} testId="app-kind">
      {t(kind)}
    </Badge>
  );
}

const POD_TONE: Record<string, "green" | "amber" | "red" | "slate"> = { Running: "green", Succeeded: "green", Pending: "amber", Failed: "red" };

/** A pod's phase in the person's language (the phase itself on hover), with the reason when it is stuck. */
export function PodPhaseBadge({ phase, reason }: { phase: string; reason?: string }) {
  const t = useTranslations("overview.phase");
  return (
    <Badge tone={POD_TONE[phase] ?? "slate"} title={reason ? `${phase}: ${reason}` : phase}>
      {t.has(phase) ? t(phase) : phase}
    </Badge>
  );
}

export function LiveDot({ connected }: { connected: boolean }) {
  const t = useTranslations("apps");
  return (
    <span className="inline-flex items-center gap-1.5 text-xs text-slate-500" data-testid="live-indicator" data-connected={connected}>
      <span className={`h-2 w-2 rounded-full ${connected ? "bg-emerald-500" : "bg-amber-400"}`} />
      {connected ? t("live") : t("offline")}
    </span>
  );
}
