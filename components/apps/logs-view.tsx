"use client";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import type { LogLine } from "@/lib/domain/logs";
import { localize } from "@/components/localize";
import { api } from "../api";
import { Card } from "../ui/card";
import { secondaryCls, useAction } from "../ui/form";

const MAX_LINES = 5000; // what the browser keeps while following

export function LogsView({ base, pods }: { base: string; pods: string[] }) {
  const t = useTranslations("logs");
  const locale = useLocale();
  const [pod, setPod] = useState("all");
  const [tail, setTail] = useState(200);
  const [follow, setFollow] = useState(false);
  const [lines, setLines] = useState<LogLine[]>([]);
  const [reload, setReload] = useState(0);
  const action = useAction();
  const source = useRef<EventSource | null>(null);
  const query = `pod=${encodeURIComponent(pod)}&tailLines=${tail}`;

  useEffect(() => {
    source.current?.close();
    source.current = null;
    if (!follow) {
      void action.run(async () => setLines((await api<{ lines: LogLine[] }>("GET", `${base}/logs?${query}`)).lines));
      return;
    }
    setLines([]);
    const es = new EventSource(`${base}/logs?${query}&follow=1`);
    source.current = es;
    es.addEventListener("line", (ev) => setLines((ls) => [...ls, JSON.parse((ev as MessageEvent).data) as LogLine].slice(-MAX_LINES)));
    es.addEventListener("problem", (ev) => action.setError((JSON.parse((ev as MessageEvent).data) as { message: string }).message));
    // the server ended the stream on purpose (no longer allowed): say why, do not reconnect
    es.addEventListener("closed", (ev) => {
      es.close();
      action.setError(localize((JSON.parse((ev as MessageEvent).data) as { reason: string }).reason, locale));
    });
    es.addEventListener("skipped", (ev) => action.setError(t("skipped", { lines: (JSON.parse((ev as MessageEvent).data) as { lines: number }).lines })));
    return () => es.close();
  }, [base, query, follow, reload]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <Card title={t("pod")}>
      <div className="mb-3 flex flex-wrap items-center gap-3 text-sm">
        <select aria-label={t("pod")} className="rounded-md border border-slate-300 px-2 py-1" value={pod} onChange={(e) => setPod(e.target.value)}>
          <option value="all">{t("allPods")}</option>
          {pods.map((p) => <option key={p} value={p}>{p}</option>)}
        </select>
        <label className="flex items-center gap-2">{t("tail")}
          <select aria-label={t("tail")} className="rounded-md border border-slate-300 px-2 py-1" value={tail} onChange={(e) => setTail(Number(e.target.value))}>
            {[50, 200, 1000, 5000].map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </label>
        <label className="flex items-center gap-2"><input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} />{t("follow")}</label>
        {!follow && <button type="button" className={secondaryCls} onClick={() => setReload((n) => n + 1)}>{t("load")}</button>}
        {follow && <span className="text-xs text-emerald-700" role="status">{t("following")}</span>}
      </div>
      {action.error && <p role="alert" className="mb-2 text-sm text-rose-700">{action.error}</p>}
      <pre className="h-96 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-5 text-slate-100" data-testid="log-output">
        {lines.length === 0 ? t("empty") : lines.map((l, i) => (
          <div key={i}>{pod === "all" && <span className="text-sky-300">[{l.pod}] </span>}{l.text}</div>
        ))}
      </pre>
    </Card>
  );
}
