"use client";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { AutoscaleSummary, Endpoint } from "@/lib/domain/app-access";
import { UsagePanel } from "./usage-panel";
import type { AppSummary, Revision } from "@/lib/domain/app-status";
import type { EventSummary } from "@/lib/domain/events";
import type { PodSummary } from "@/lib/domain/pods";
import type { ClaimSummary } from "@/lib/domain/volumes";
import { api } from "../api";
import { useNamespaceStream } from "../live/stream";
import { Badge } from "../ui/badge";
import { Card } from "../ui/card";
import { buttonCls, inputCls, secondaryCls, TypeToConfirm, useAction } from "../ui/form";
import { AppKindBadge, AppStatusBadge, LiveDot, PodPhaseBadge } from "./status-badge";
import { Table } from "../ui/table";

function TabLoading() {
  return <p role="status" className="p-4 text-sm text-slate-600">{useTranslations("common")("loading")}</p>;
}
// The History, Events, YAML and Logs tabs load their code when first opened, not with the page
// (React's lazy: next/dynamic's own runtime would add about 1.5 KB gzip to the page).
const HistoryTab = lazy(() => import("./app-tabs").then((m) => ({ default: m.HistoryTab })));
const EventsTab = lazy(() => import("./app-tabs").then((m) => ({ default: m.EventsTab })));
const YamlEditor = lazy(() => import("./yaml-editor").then((m) => ({ default: m.YamlEditor })));
const LogsView = lazy(() => import("./logs-view").then((m) => ({ default: m.LogsView })));

export interface AppDetailData { summary: AppSummary; pods: PodSummary[]; events: EventSummary[]; history: Revision[]; unsupported: string[]; endpoints: Endpoint[]; claims: ClaimSummary[]; autoscaler?: AutoscaleSummary; uses?: { configMaps: string[]; secrets: string[] } }

export function AppDetail({ namespace, cluster, initial, canWrite }: { namespace: string; cluster?: string; initial: AppDetailData; canWrite: boolean }) {
  const t = useTranslations("app");
  const locale = useLocale();
  const router = useRouter();
  const name = initial.summary.name;
  const base = `/api/namespaces/${namespace}/apps/${name}`;
  const live = useNamespaceStream(namespace, { pods: "app", app: name, usage: true });
  const [detail, setDetail] = useState(initial);
  const [tab, setTab] = useState<"overview" | "history" | "events" | "yaml" | "logs">("overview");
  const [pendingReplicas, setPendingReplicas] = useState<number | null>(null);
  const [replicasField, setReplicasField] = useState(String(initial.summary.desired));
  const [image, setImage] = useState(initial.summary.image);
  const [deleting, setDeleting] = useState(false);
  const action = useAction();

  const summary = live.apps?.get(name) ?? detail.summary;
  const pods = useMemo(() => (live.pods ? [...live.pods.values()].filter((p) => p.app === name).sort((a, b) => a.name.localeCompare(b.name)) : detail.pods), [live.pods, live.version, name, detail.pods]); // eslint-disable-line react-hooks/exhaustive-deps

  // Optimistic scale: show the requested count until the watch confirms it.
  const desired = pendingReplicas ?? summary.desired;
  useEffect(() => {
    if (pendingReplicas !== null && summary.desired === pendingReplicas) setPendingReplicas(null);
  }, [summary.desired, pendingReplicas]);
  useEffect(() => setReplicasField(String(desired)), [desired]);

  // History and events change with rollouts: refetch when the watch reports a new generation (no polling).
  const refetch = useCallback(async () => {
    try {
      setDetail(await api<AppDetailData>("GET", base));
    } catch {
      /* the stream shows the state; a failed refresh keeps the last data */
    }
  }, [base]);
  // Refetch after each change the watch reports on the Deployment (debounced), so the
  // ReplicaSet the controller creates shows up in the history.
  const stamp = `${summary.generation}|${summary.phase}|${summary.updated}|${summary.ready}|${summary.desired}`;
  const lastStamp = useRef(stamp);
  useEffect(() => {
    if (stamp === lastStamp.current) return;
    lastStamp.current = stamp;
    const id = setTimeout(refetch, 300);
    return () => clearTimeout(id);
  }, [stamp, refetch]);

  async function scaleTo(n: number) {
    if (n < 0 || Number.isNaN(n)) return;
    const before = pendingReplicas;
    setPendingReplicas(n);
    const ok = await action.run(() => api("PUT", `${base}/scale`, { replicas: n, generation: summary.generation }));
    if (!ok) setPendingReplicas(before);
  }

  const progressing = summary.phase === "Progressing";
  const hpa = detail.autoscaler;
  // With an autoscaler, the replica count is its to set: manual scaling would be undone.
  const manualScale = canWrite && !hpa;
  return (
    <div className="space-y-6">
      <div className="flex items-start justify-between gap-4">
        <div>
          <Link href="/apps" className="text-xs text-brand-700 hover:underline">← {t("back")}</Link>
          <h1 className="mt-1 flex items-center gap-3 text-xl font-semibold">
            {name} <AppStatusBadge phase={summary.phase} reason={summary.reason} /> <AppKindBadge kind={summary.kind} />
          </h1>
          <p className="mt-1 font-mono text-xs text-slate-500">{cluster && <span data-testid="app-cluster">{cluster} / </span>}{namespace} · {summary.image}</p>
        </div>
        <LiveDot connected={live.connected} />
      </div>

      {progressing && (
        <div className="rounded-md bg-brand-50 p-3 text-sm text-brand-700" role="status" data-testid="rollout-progress">
          {t("progress", { ready: summary.ready, desired: summary.desired, updated: summary.updated })}
          <div className="mt-2 h-1.5 w-full rounded bg-brand-100">
            <div className="h-1.5 rounded bg-brand-500 transition-all" style={{ width: `${summary.desired ? Math.round((Math.min(summary.ready, summary.updated) / summary.desired) * 100) : 100}%` }} />
          </div>
        </div>
      )}
      {action.error && <p role="alert" className="rounded-md bg-rose-50 p-3 text-sm text-rose-800">{action.error}</p>}
      {detail.unsupported.length > 0 && <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-800">{t("unsupported", { parts: detail.unsupported.join(", ") })}</p>}

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <Card title={t("replicas")}>
          <div className="flex items-center gap-2">
            <button type="button" aria-label={t("decrease")} className={secondaryCls} disabled={!manualScale || desired <= 0} onClick={() => scaleTo(desired - 1)}>−</button>
            <span className="w-16 text-center text-2xl font-semibold" data-testid="desired-replicas">{desired}</span>
            <button type="button" aria-label={t("increase")} className={secondaryCls} disabled={!manualScale} onClick={() => scaleTo(desired + 1)}>+</button>
          </div>
          <p className="mt-2 text-sm text-slate-500" data-testid="ready-replicas">{t("readyCount", { ready: summary.ready, desired: summary.desired })}</p>
          {hpa && (
            <div className="mt-3 text-sm" data-testid="autoscaler">
              <p className="text-slate-700">{t("autoscale.range", { min: hpa.min, max: hpa.max })}{hpa.cpuPercent !== undefined && ` · ${t("autoscale.target", { percent: hpa.cpuPercent })}`}{hpa.currentCpuPercent !== undefined && ` · ${t("autoscale.current", { percent: hpa.currentCpuPercent })}`}</p>
              <p className="text-slate-700" data-testid="autoscaler-replicas">{t("autoscale.replicas", { current: hpa.currentReplicas, desired: hpa.desiredReplicas })}</p>
              {hpa.lastScaleTime && <p className="text-xs text-slate-600" data-testid="autoscaler-last-scale">{t("autoscale.lastScale", { when: new Date(hpa.lastScaleTime).toLocaleString() })}</p>}
              {hpa.decision && !hpa.problem && <p className="text-xs text-slate-600" data-testid="autoscaler-decision">{t("autoscale.decision", { decision: hpa.decision })}</p>}
              {hpa.problem && <p className="mt-1 rounded bg-amber-50 p-2 text-xs text-amber-800" title={hpa.problem}>{hpa.noMetricsServer ? t("autoscale.noMetricsServer") : t("autoscale.problem", { problem: hpa.problem })}</p>}
            </div>
          )}
          {manualScale && (
            <form className="mt-3 flex gap-2" onSubmit={(e) => { e.preventDefault(); void scaleTo(Number(replicasField)); }}>
              <input aria-label={t("replicas")} className={`${inputCls} w-24`} type="number" min={0} max={1000} value={replicasField} onChange={(e) => setReplicasField(e.target.value)} />
              <button className={secondaryCls}>{t("setReplicas")}</button>
            </form>
          )}
        </Card>
        <Card title={t("image")}>
          <form className="flex gap-2" onSubmit={async (e) => { e.preventDefault(); await action.run(() => api("PUT", `${base}/image`, { image })); }}>
            <input aria-label={t("changeImage")} className={`${inputCls} font-mono text-xs`} value={image} onChange={(e) => setImage(e.target.value)} disabled={!canWrite} />
            <button className={buttonCls} disabled={!canWrite || image === summary.image || action.pending}>{t("update")}</button>
          </form>
        </Card>
        <Card title={t("actions")}>
          <div className="flex flex-wrap gap-2">
            <button type="button" className={secondaryCls} disabled={!canWrite} onClick={async () => { if (window.confirm(t("restartConfirm", { name }))) await action.run(() => api("POST", `${base}/restart`)); }}>{t("restart")}</button>
            {canWrite && !detail.unsupported.length && <Link className={secondaryCls} href={`/apps/${namespace}/${name}/edit`}>{t("edit")}</Link>}
            <button type="button" className="rounded-md px-3 py-1.5 text-sm font-medium text-rose-700 hover:bg-rose-50" disabled={!canWrite} onClick={() => setDeleting(true)}>{t("delete")}</button>
          </div>
        </Card>
      </div>
      {deleting && (
        <TypeToConfirm name={name} label={t("deleteConfirm", { name })} confirmLabel={t("deleteButton")} cancelLabel="×" pending={action.pending} onCancel={() => setDeleting(false)}
          onConfirm={async (typed) => { if (await action.run(() => api("DELETE", base, { confirm: typed }).then(() => true))) { router.push("/apps"); router.refresh(); } }} />
      )}

      <div>
        <div role="tablist" className="flex gap-1 border-b border-slate-200">
          {(["overview", "logs", "history", "events", "yaml"] as const).map((k) => (
            <button key={k} role="tab" aria-selected={tab === k} onClick={() => { setTab(k); if (k === "history" || k === "events") void refetch(); }} className={`px-3 py-2 text-sm ${tab === k ? "border-b-2 border-brand-600 font-semibold text-brand-700" : "text-slate-600"}`}>{t(`tabs.${k}`)}</button>
          ))}
        </div>
        <div className="mt-4">
          {tab === "overview" && (
            <div className="space-y-4">
              <Card title={t("access.title")}>
                {detail.endpoints.length === 0 ? <p className="text-sm text-slate-500">{t("access.none")}</p> : (
                  <ul className="space-y-1 text-sm" data-testid="endpoints">
                    {detail.endpoints.map((e) => (
                      <li key={`${e.kind}|${e.address}`} className="flex items-center gap-2">
                        <span className="w-40 shrink-0 text-slate-500">{t(`access.${e.kind}`)}</span>
                        {e.url ? <a href={e.url} target="_blank" rel="noreferrer" className="font-mono text-xs text-sky-800 underline">{e.address}</a> : <code className="font-mono text-xs">{e.address}</code>}
                        {e.pending && <Badge tone="amber">{t(e.kind === "ingress" ? "access.noController" : "access.pending")}</Badge>}
                      </li>
                    ))}
                  </ul>
                )}
              </Card>
              {detail.claims.length > 0 && (
                <Card title={t("volumes.title")}>
                  <Table headers={[t("volumes.name"), t("volumes.status"), t("volumes.size"), t("volumes.storageClass")]} testId="claims-table">
                    {detail.claims.map((c) => (
                      <tr key={c.name} data-testid="claim-row">
                        <td className="px-3 py-1.5 font-mono text-xs">{c.name}</td>
                        <td className="px-3 py-1.5"><Badge tone={c.phase === "Bound" ? "green" : c.phase === "Pending" ? "amber" : "red"}>{c.phase}</Badge></td>
                        <td className="px-3 py-1.5">{c.capacity ?? c.requested ?? "—"}</td>
                        <td className="px-3 py-1.5 font-mono text-xs">{c.storageClass ?? t("volumes.defaultClass")}</td>
                      </tr>
                    ))}
                  </Table>
                  {detail.claims.some((c) => c.phase === "Pending") && <p className="mt-2 text-xs text-amber-800">{t("volumes.pendingHint")}</p>}
                </Card>
              )}
              {detail.uses && detail.uses.configMaps.length + detail.uses.secrets.length > 0 && (
                <Card title={t("uses.title")}>
                  <ul className="space-y-1 text-sm" data-testid="app-uses">
                    {detail.uses.configMaps.map((c) => <li key={`c-${c}`}>{t("uses.configMap")} <Link className="font-mono text-brand-700 underline" href="/config">{c}</Link></li>)}
                    {detail.uses.secrets.map((s) => <li key={`s-${s}`}>{t("uses.secret")} <Link className="font-mono text-brand-700 underline" href="/config?tab=secrets">{s}</Link></li>)}
                  </ul>
                </Card>
              )}
              <Card title={t("usage.title")}>
                <UsagePanel live={live.usage} />
              </Card>
              <Card title={t("pods")}>
                {pods.length === 0 ? <p className="text-sm text-slate-500">{t("noPods")}</p> : (
                  <Table headers={[t("pod.name"), t("pod.phase"), t("pod.ready"), t("pod.restarts"), t("pod.node"), t("pod.reason")]} testId="pods-table">
                      {pods.map((p) => (
                        <tr key={p.name} data-testid="pod-row">
                          <td className="px-3 py-1.5 font-mono text-xs">{p.name}</td>
                          <td className="px-3 py-1.5"><PodPhaseBadge phase={p.phase} /></td>
                          <td className="px-3 py-1.5">{p.ready}</td><td className="px-3 py-1.5">{p.restarts}</td>
                          <td className="px-3 py-1.5 font-mono text-xs">{p.node ?? "—"}</td><td className="px-3 py-1.5 text-rose-700" data-testid="pod-reason">
                            {p.reason ?? (p.lastTermination ? t("pod.lastTermination", { reason: p.lastTermination.reason, code: String(p.lastTermination.exitCode ?? "?") }) : "")}
                            {p.help && <p className="mt-0.5 text-xs text-slate-600">{locale === "zh-CN" ? p.help.zh : p.help.en}</p>}
                          </td>
                        </tr>
                      ))}
                    </Table>
                )}
              </Card>
            </div>
          )}
          {tab === "history" && <Suspense fallback={<TabLoading />}><HistoryTab history={detail.history} canWrite={canWrite} onRollback={async (h) => {
            if (!window.confirm(t("history.rollbackConfirm", { name, revision: h.revision, image: h.image }))) return;
            await action.run(() => api("POST", `${base}/rollback`, { revision: h.revision }));
            await refetch();
          }} /></Suspense>}
          {tab === "events" && <Suspense fallback={<TabLoading />}><EventsTab events={detail.events} /></Suspense>}
          {tab === "yaml" && <Suspense fallback={<TabLoading />}><YamlEditor base={base} canWrite={canWrite} /></Suspense>}
          {tab === "logs" && <Suspense fallback={<TabLoading />}><LogsView base={base} pods={pods.filter((p) => !p.deleting).map((p) => p.name)} /></Suspense>}
        </div>
      </div>
    </div>
  );
}
