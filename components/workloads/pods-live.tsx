"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import type { PodSummary } from "@/lib/domain/pods";
import { age } from "@/lib/domain/time";
import { LiveDot, PodPhaseBadge } from "../apps/status-badge";
import { useNamespaceStream } from "../live/stream";
import { Table } from "../ui/table";

const SHOWN = 500; // the table shows the first 500 by name; the API pages the rest

export function PodsLive({ namespace }: { namespace: string }) {
  const t = useTranslations();
  const live = useNamespaceStream(namespace, { pods: "all" });
  const pods = useMemo(() => (live.pods ? [...live.pods.values()].sort((a, b) => a.name.localeCompare(b.name)) : []), [live.pods, live.version]); // eslint-disable-line react-hooks/exhaustive-deps
  // A pod's app, when that app is one the namespace shows (the pod knows its owner).
  const appOf = (pod: PodSummary) => (pod.app && live.apps?.has(pod.app) ? pod.app : undefined);
  return (
    <div>
      <div className="mb-3 flex justify-between text-sm text-slate-500"><span>{t("workloads.pods")}: {pods.length}</span><LiveDot connected={live.connected} /></div>
      {pods.length === 0 ? <p className="text-sm text-slate-500">{t("workloads.empty")}</p> : (
        <Table headers={[t("app.pod.name"), t("workloads.app"), t("app.pod.phase"), t("app.pod.ready"), t("app.pod.restarts"), t("app.pod.node"), t("apps.col.age")]} testId="workload-pods" className="rounded-lg bg-white shadow-sm">
            {pods.slice(0, SHOWN).map((p) => {
              const app = appOf(p);
              return (
                <tr key={p.name}>
                  <td className="px-3 py-1.5 font-mono text-xs">{p.name}</td>
                  <td className="px-3 py-1.5">{app ? <Link className="text-brand-700 hover:underline" href={`/apps/${namespace}/${app}`}>{app}</Link> : "—"}</td>
                  <td className="px-3 py-1.5"><PodPhaseBadge phase={p.phase} reason={p.reason} /></td>
                  <td className="px-3 py-1.5">{p.ready}</td><td className="px-3 py-1.5">{p.restarts}</td>
                  <td className="px-3 py-1.5 font-mono text-xs">{p.node ?? "—"}</td><td className="px-3 py-1.5 text-slate-500">{age(p.createdAt)}</td>
                </tr>
              );
            })}
          </Table>
      )}
    </div>
  );
}
