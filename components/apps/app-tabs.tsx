"use client";
// The app page's History and Events tabs, loaded when first opened.
import { useFormatter, useLocale, useTranslations } from "next-intl";
import type { Revision } from "@/lib/domain/app-status";
import type { EventSummary } from "@/lib/domain/events";
import { Badge } from "../ui/badge";
import { Card } from "../ui/card";
import { secondaryCls } from "../ui/form";
import { Table } from "../ui/table";

/** The workload's revisions, newest first; any but the current one can be rolled back to. */
export function HistoryTab({ history, canWrite, onRollback }: { history: Revision[]; canWrite: boolean; onRollback: (revision: Revision) => Promise<void> }) {
  const t = useTranslations("app");
  const format = useFormatter();
  return (
    <Card title={t("tabs.history")}>
      <Table headers={[t("history.revision"), t("history.image"), t("history.created"), ""]} testId="history-table">
        {history.map((h) => (
          <tr key={h.object} data-testid="revision-row">
            <td className="px-3 py-1.5">#{h.revision} {h.current && <Badge tone="green">{t("history.current")}</Badge>}</td>
            <td className="px-3 py-1.5 font-mono text-xs">{h.image}</td>
            <td className="px-3 py-1.5 text-slate-500">{h.createdAt ? format.dateTime(new Date(h.createdAt), { dateStyle: "short", timeStyle: "medium" }) : "—"}</td>
            <td className="px-3 py-1.5 text-right">
              {!h.current && canWrite && <button type="button" className={secondaryCls} onClick={() => void onRollback(h)}>{t("history.rollback")}</button>}
            </td>
          </tr>
        ))}
      </Table>
    </Card>
  );
}

/** The app's events, warnings highlighted, each with a hint in the person's language where Berth has one. */
export function EventsTab({ events }: { events: EventSummary[] }) {
  const t = useTranslations("app");
  const locale = useLocale();
  return (
    <Card title={t("tabs.events")}>
      {events.length === 0 ? <p className="text-sm text-slate-500">{t("events.empty")}</p> : (
        <ul className="space-y-2" data-testid="events-list">
          {events.map((e, i) => (
            <li key={i} className={`rounded-md border p-2 text-sm ${e.type === "Warning" ? "border-amber-200 bg-amber-50" : "border-slate-100"}`}>
              <div className="flex items-center gap-2"><Badge tone={e.type === "Warning" ? "amber" : "slate"}>{e.reason}</Badge><span className="font-mono text-xs text-slate-500">{e.object}</span><span className="ml-auto text-xs text-slate-400">×{e.count}</span></div>
              <p className="mt-1 text-slate-700">{e.message}</p>
              {e.help && <p className="mt-1 text-xs text-slate-600">{locale === "zh-CN" ? e.help.zh : e.help.en}</p>}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
