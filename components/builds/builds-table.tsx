"use client";
// The builds of a namespace, newest first, kept live by the page's stream.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { useNamespaceStream, type LiveBuild } from "../live/stream";
import { Badge } from "../ui/badge";
import { EmptyState } from "../ui/states";
import { Table } from "../ui/table";

export interface BuildRow {
  id: string;
  status: string;
  sourceKind: string;
  sourceName: string | null;
  gitUrl: string | null;
  gitRef: string | null;
  strategy: string;
  image: string;
  digest: string | null;
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

const TONE: Record<string, "green" | "red" | "amber" | "slate" | "blue"> = { Succeeded: "green", Failed: "red", Running: "blue", Pending: "amber", Cancelled: "slate" };

export function BuildStatus({ status }: { status: string }) {
  const t = useTranslations("builds.status");
  return <Badge tone={TONE[status] ?? "slate"} testId="build-status">{t.has(status) ? t(status) : status}</Badge>;
}

export function duration(b: { startedAt: string | null; finishedAt: string | null }, now = Date.now()): string {
  if (!b.startedAt) return "—";
  const ms = (b.finishedAt ? Date.parse(b.finishedAt) : now) - Date.parse(b.startedAt);
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m ${s % 60}s`;
}

export const sourceText = (b: Pick<BuildRow, "sourceKind" | "sourceName" | "gitUrl" | "gitRef" | "strategy">) =>
  b.sourceKind === "git" ? `${b.gitUrl}#${b.gitRef}` : `${b.sourceName ?? ""} (${b.strategy})`;

/** `addNew`: builds started after the page loaded join the list (not when it is filtered or paged). */
export function BuildsTable({ namespace, initial, addNew, renderedAt }: { namespace: string; initial: BuildRow[]; addNew: boolean; renderedAt: string }) {
  const t = useTranslations("builds");
  const live = useNamespaceStream(namespace, { pods: "none" }, { since: renderedAt });
  const rows = useMemo(() => {
    const byId = new Map(initial.map((b) => [b.id, b]));
    for (const b of live.builds?.values() ?? []) {
      if (addNew || byId.has(b.id)) byId.set(b.id, { ...byId.get(b.id), ...(b as LiveBuild & BuildRow) });
    }
    return [...byId.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [initial, live.version]);

  if (!rows.length) return <EmptyState title={t("empty")}>{t("emptyHint")}</EmptyState>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <Table testId="builds-table" headers={[t("col.status"), t("col.image"), t("col.source"), t("col.duration"), t("col.who"), t("col.when")]}>
        {rows.map((b) => (
          <tr key={b.id} data-testid={`build-${b.id}`}>
            <td className="px-3 py-2"><BuildStatus status={b.status} /></td>
            <td className="px-3 py-2 font-mono text-xs">
              <Link className="text-brand-700 underline-offset-2 hover:underline" href={`/builds/${namespace}/${b.id}`}>{b.image}</Link>
              {b.digest && <div className="text-slate-600" title={b.digest}>@{b.digest.slice(0, 19)}…</div>}
            </td>
            <td className="max-w-xs truncate px-3 py-2 text-xs" title={sourceText(b)}>{sourceText(b)}</td>
            <td className="px-3 py-2 tabular-nums">{duration(b)}</td>
            <td className="px-3 py-2 text-xs">{b.createdBy}</td>
            <td className="px-3 py-2 text-xs"><time dateTime={b.createdAt}>{new Date(b.createdAt).toLocaleString()}</time></td>
          </tr>
        ))}
      </Table>
    </div>
  );
}
