"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import type { AppSummary } from "@/lib/domain/app-status";
import { age } from "@/lib/domain/time";
import { useNamespaceStream } from "../live/stream";
import { inputCls, secondaryCls } from "../ui/form";
import { AppKindBadge, AppStatusBadge, LiveDot } from "./status-badge";
import { Table } from "../ui/table";

export function AppsTable({ namespace, initial, cursor, q, pageSize, firstPage }: { namespace: string; initial: readonly AppSummary[]; cursor?: string; q: string; pageSize: number; firstPage: boolean }) {
  const t = useTranslations("apps");
  const router = useRouter();
  const [filter, setFilter] = useState(q);
  const live = useNamespaceStream(namespace);

  // First page: the live list itself (new apps appear); later pages: live updates of the rows shown.
  const rows = useMemo(() => {
    if (live.apps && live.version >= 0 && firstPage) {
      return [...live.apps.values()].filter((a) => !q || a.name.includes(q)).sort((a, b) => a.name.localeCompare(b.name)).slice(0, pageSize);
    }
    return initial.map((a) => live.apps?.get(a.name) ?? a);
  }, [live.apps, live.version, initial, firstPage, q, pageSize]);

  return (
    <div>
      <div className="mb-3 flex items-center justify-between gap-4">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            router.push(`/apps${filter ? `?q=${encodeURIComponent(filter)}` : ""}`);
          }}
        >
          <input className={`${inputCls} w-64`} placeholder={t("filter")} aria-label={t("filter")} value={filter} onChange={(e) => setFilter(e.target.value)} />
        </form>
        <LiveDot connected={live.connected} />
      </div>
      {rows.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
          <p className="text-sm font-medium text-slate-700">{t("empty")}</p>
          <p className="mt-1 text-sm text-slate-500">{t("emptyHint")}</p>
          <Link href="/apps/new" className="mt-4 inline-block rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white">{t("deploy")}</Link>
        </div>
      ) : (
        <Table headers={[t("col.name"), t("col.kind"), t("col.image"), t("col.replicas"), t("col.status"), t("col.age")]} testId="apps-table" className="rounded-lg bg-white shadow-sm">
            {rows.map((a) => (
              <tr key={a.name} data-testid="app-row" data-app={a.name}>
                <td className="px-3 py-2 font-medium"><Link className="text-brand-700 hover:underline" href={`/apps/${namespace}/${a.name}`}>{a.name}</Link></td>
                <td className="px-3 py-2"><AppKindBadge kind={a.kind} /></td>
                <td className="px-3 py-2 font-mono text-xs text-slate-600">{a.image}</td>
                <td className="px-3 py-2" data-testid="app-replicas">{a.ready}/{a.desired}</td>
                <td className="px-3 py-2"><AppStatusBadge phase={a.phase} reason={a.reason} /></td>
                <td className="px-3 py-2 text-slate-500">{age(a.createdAt)}</td>
              </tr>
            ))}
          </Table>
      )}
      <div className="mt-3 flex gap-2">
        {!firstPage && <Link className={secondaryCls} href={`/apps${q ? `?q=${encodeURIComponent(q)}` : ""}`}>{t("first")}</Link>}
        {cursor && <Link className={secondaryCls} href={`/apps?cursor=${encodeURIComponent(cursor)}${q ? `&q=${encodeURIComponent(q)}` : ""}`}>{t("next")}</Link>}
      </div>
    </div>
  );
}
