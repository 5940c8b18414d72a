"use client";
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { api } from "../api";
import { Badge } from "../ui/badge";
import { inputCls, secondaryCls } from "../ui/form";
import { Table } from "../ui/table";

interface Event { id: string; at: string; actor: string; action: string; target: string; result: "ok" | "denied" | "failed"; detail?: string | null; count?: number; cluster?: string | null }

/** The audit log of a team, or (team undefined) of the whole platform, for platform admins. */
export function AuditLog({ team }: { team?: string }) {
  const t = useTranslations("team.audit");
  const format = useFormatter();
  const [action, setAction] = useState("");
  const [result, setResult] = useState("");
  const [items, setItems] = useState<Event[]>([]);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (before?: string) => {
      const q = new URLSearchParams({ limit: "25" });
      if (action) q.set("action", action);
      if (result) q.set("result", result);
      if (before) q.set("before", before);
      try {
        const r = await api<{ items: Event[] }>("GET", team ? `/api/teams/${team}/audit?${q}` : `/api/audit?${q}`);
        setItems((prev) => (before ? [...prev, ...r.items] : r.items));
        setMore(r.items.length === 25);
        setError(null);
      } catch (e) {
        setError((e as Error).message);
      }
    },
    [team, action, result],
  );
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div>
      <div className="mb-3 flex gap-3">
        <input className={`${inputCls} max-w-xs`} placeholder={t("filterAction")} aria-label={t("filterAction")} value={action} onChange={(e) => setAction(e.target.value)} />
        <select className="rounded-md border border-slate-300 px-2 text-sm" aria-label={t("filterResult")} value={result} onChange={(e) => setResult(e.target.value)}>
          <option value="">{t("any")}</option>
          {(["ok", "denied", "failed"] as const).map((r) => <option key={r} value={r}>{t(`results.${r}`)}</option>)}
        </select>
      </div>
      {error && <p role="alert" className="text-sm text-rose-700">{error}</p>}
      {items.length === 0 ? (
        <p className="text-sm text-slate-500">{t("empty")}</p>
      ) : (
        <Table headers={[t("when"), t("who"), t("action"), t("target"), t("cluster"), t("result")]} testId="audit-table">
            {items.map((e) => (
              <tr key={e.id} title={e.detail ?? undefined}>
                <td className="px-3 py-1.5 whitespace-nowrap text-slate-500">{format.dateTime(new Date(e.at), { dateStyle: "short", timeStyle: "medium" })}</td>
                <td className="px-3 py-1.5">{e.actor}</td>
                <td className="px-3 py-1.5 font-mono text-xs">{e.action}</td>
                <td className="px-3 py-1.5 font-mono text-xs">{e.target}</td>
                <td className="px-3 py-1.5 text-xs text-slate-600">{e.cluster ?? "—"}</td>
                <td className="px-3 py-1.5"><Badge tone={e.result === "ok" ? "green" : e.result === "denied" ? "amber" : "red"}>{t(`results.${e.result}`)}</Badge>
                  {(e.count ?? 1) > 1 && <span className="ml-2 text-xs text-slate-600">{t("times", { count: e.count! })}</span>}</td>
              </tr>
            ))}
          </Table>
      )}
      {more && <button type="button" className={`${secondaryCls} mt-3`} onClick={() => load(items[items.length - 1]?.at)}>{t("more")}</button>}
    </div>
  );
}
