"use client";
// One build, live: its steps with timings, the log, and what to do with the image
// (deploy it as a new app, or update an existing app to it); cancel while it runs.
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { localize } from "@/components/localize";
import { api } from "../api";
import { useNamespaceStream, type LiveBuild } from "../live/stream";
import { Card } from "../ui/card";
import { buttonCls, dangerCls, Field, inputCls, secondaryCls, useAction } from "../ui/form";
import { BuildStatus, duration, sourceText, type BuildRow } from "./builds-table";

export interface BuildView extends BuildRow {
  base: string | null;
  registry: string;
  gitCommit: string | null;
  error: string | null;
  log: string;
  steps: { name: string; startedAt: string; finishedAt?: string; detail?: string }[];
  updateApp: string | null;
  appUpdated: boolean | null;
}

/** The runner's own step names, shown in the reader's language; BuildKit's steps (Dockerfile lines) and layer names as they are. */
const STEP_KEYS: Record<string, string> = {
  cloning: "cloning",
  unpacking: "unpacking",
  "reading Dockerfile": "readingDockerfile",
  "resolving base": "resolvingBase",
  "base layers": "baseLayers",
  config: "config",
  manifest: "manifest",
  "uploading the context": "uploadingContext",
  "starting the builder": "startingBuilder",
  "fetching the source": "fetchingSource",
};
const DETAIL_KEYS: Record<string, string> = { cached: "cached", failed: "failed", "no cache yet": "noCacheYet" };

const stepSeconds = (s: { startedAt: string; finishedAt?: string }, now: number) => ((s.finishedAt ? Date.parse(s.finishedAt) : now) - Date.parse(s.startedAt)) / 1000;

export function BuildDetail({ namespace, initial, apps, pullSecret, port, canWrite, renderedAt }: { namespace: string; initial: BuildView; apps: string[]; pullSecret: string | null; port?: string; canWrite: boolean; renderedAt: string }) {
  const t = useTranslations("builds");
  const locale = useLocale();
  const router = useRouter();
  const live = useNamespaceStream(namespace, { pods: "none" }, { since: renderedAt, id: initial.id });
  const b = useMemo(() => ({ ...initial, ...((live.builds?.get(initial.id) as (LiveBuild & Partial<BuildView>) | undefined) ?? {}) }) as BuildView, [initial, live.version, live.builds]); // eslint-disable-line react-hooks/exhaustive-deps
  const [now, setNow] = useState(() => Date.now());
  const active = b.status === "Pending" || b.status === "Running";
  useEffect(() => {
    if (!active) return;
    const i = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(i);
  }, [active]);
  const logRef = useRef<HTMLPreElement>(null);
  useEffect(() => {
    logRef.current?.scrollTo({ top: logRef.current.scrollHeight });
  }, [b.log]);
  const cancel = useAction();
  const [app, setApp] = useState(apps[0] ?? "");

  const repo = b.image.replace(/:[^:/]+$/, "");
  const byDigest = b.digest ? `${repo}@${b.digest}` : "";
  const appName = repo.split("/").pop()?.replace(/[^a-z0-9-]/g, "-").slice(0, 53) ?? "";
  const prefill = new URLSearchParams({ image: byDigest, ...(pullSecret ? { pullSecret } : {}) });

  async function doCancel() {
    if (!window.confirm(t("cancelConfirm"))) return;
    await cancel.run(() => api("DELETE", `/api/namespaces/${namespace}/builds/${b.id}`));
    router.refresh();
  }

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <BuildStatus status={b.status} />
        <span className="tabular-nums text-slate-700" data-testid="build-duration">{duration(b, now)}</span>
        <span className="font-mono text-xs text-slate-700">{b.image}</span>
        {active && canWrite && <button type="button" className={dangerCls} onClick={doCancel} disabled={cancel.pending}>{t("cancel")}</button>}
        <span className={`ml-auto text-xs ${live.connected ? "text-emerald-700" : "text-slate-600"}`} data-connected={live.connected}>● {t("live")}</span>
      </div>
      {cancel.error && <p role="alert" className="rounded-md bg-rose-50 p-3 text-sm text-rose-800">{localize(cancel.error, locale)}</p>}
      {b.error && (
        <div role="alert" className="rounded-md border border-rose-200 bg-rose-50 p-3 text-sm text-rose-800">
          <p className="font-semibold">{t("error")}</p>
          <p className="mt-1" data-testid="build-error">{localize(b.error, locale)}</p>
        </div>
      )}

      <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm md:grid-cols-3">
        <div><dt className="text-xs text-slate-600">{t("source")}</dt><dd className="break-all">{sourceText(b)}</dd></div>
        <div><dt className="text-xs text-slate-600">{t("base_")}</dt><dd className="font-mono text-xs">{b.base ?? "FROM"}</dd></div>
        <div><dt className="text-xs text-slate-600">{t("registry")}</dt><dd>{b.registry}</dd></div>
        {b.gitCommit && <div><dt className="text-xs text-slate-600">{t("commit")}</dt><dd className="font-mono text-xs">{b.gitCommit.slice(0, 12)}</dd></div>}
        {b.digest && <div className="col-span-2"><dt className="text-xs text-slate-600">{t("digest")}</dt><dd className="break-all font-mono text-xs" data-testid="build-digest">{b.digest}</dd></div>}
      </dl>

      {b.status === "Succeeded" && b.updateApp && (
        <p className={`rounded-md p-3 text-sm ${b.appUpdated ? "bg-emerald-50 text-emerald-800" : "bg-amber-50 text-amber-900"}`}>
          {b.appUpdated ? t("appUpdated", { app: b.updateApp }) : b.appUpdated === false ? t("appNotUpdated", { app: b.updateApp }) : t("running")}
        </p>
      )}

      {b.status === "Succeeded" && canWrite && (
        <Card title={t("deployNew")}>
          <div className="flex flex-wrap items-end gap-4">
            <Link className={buttonCls} href={`/apps/new?${prefill}&name=${encodeURIComponent(appName)}${port ? `&port=${port}` : ""}`}>{t("deployNew")}</Link>
            {apps.length > 0 && (
              <>
                <div className="w-56">
                  <Field label={t("chooseApp")}>
                    <select className={inputCls} value={app} onChange={(e) => setApp(e.target.value)}>
                      {apps.map((a) => <option key={a} value={a}>{a}</option>)}
                    </select>
                  </Field>
                </div>
                <Link className={secondaryCls} href={`/apps/${namespace}/${app}/edit?${prefill}`}>{t("updateGo")}</Link>
              </>
            )}
          </div>
        </Card>
      )}

      <Card title={t("steps")}>
        <ol className="space-y-1 text-sm" data-testid="build-steps">
          {b.steps.map((s, i) => (
            <li key={i} className="flex items-center gap-3">
              <span aria-hidden className={s.detail === "failed" ? "text-red-700" : s.finishedAt ? "text-emerald-700" : "text-brand-700"}>{s.detail === "failed" ? "✗" : s.finishedAt ? "✓" : "…"}</span>
              <span className="flex-1">
                {STEP_KEYS[s.name] ? t(`step.${STEP_KEYS[s.name]}`) : s.name}
                {s.detail && <span className="ml-2 text-xs text-slate-600">{DETAIL_KEYS[s.detail] ? t(`stepDetail.${DETAIL_KEYS[s.detail]}`) : s.detail}</span>}
              </span>
              <span className="tabular-nums text-xs text-slate-600">{t("seconds", { n: stepSeconds(s, now).toFixed(1) })}</span>
            </li>
          ))}
        </ol>
      </Card>

      <Card title={t("log")}>
        <pre ref={logRef} tabIndex={0} aria-label={t("log")} className="max-h-96 overflow-auto whitespace-pre-wrap rounded bg-slate-900 p-3 font-mono text-xs text-slate-100" data-testid="build-log">{b.log || t("noLog")}</pre>
      </Card>
    </div>
  );
}
