"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { age } from "@/lib/domain/time";
import { LiveDot } from "../apps/status-badge";
import { useNamespaceStream } from "../live/stream";
import { Badge } from "../ui/badge";

const SHOWN = 500; // the table shows the first 500 by name; the API pages the rest

export function PodsLive({ namespace }: { namespace: string }) {
  const t = useTranslations();
  const live = useNamespaceStream(namespace);
  const pods = useMemo(() => (live.pods ? [...live.pods.values()].sort((a, b) => a.name.localeCompare(b.name)) : []), [live.pods, live.version]); // eslint-disable-line react-hooks/exhaustive-deps
  const apps = live.apps ? [...live.apps.keys()] : [];
  const appOf = (pod: string) => apps.find((a) => pod.startsWith(`${a}-`));
  return (
    <div>
      <div className="mb-3 flex justify-between text-sm text-slate-500"><span>{t("workloads.pods")}: {pods.length}</span><LiveDot connected={live.connected} /></div>
      {pods.length === 0 ? <p className="text-sm text-slate-500">{t("workloads.empty")}</p> : (
        <table className="w-full rounded-lg bg-white text-left text-sm shadow-sm" data-testid="workload-pods">
          <thead className="border-b border-slate-200 text-xs uppercase text-slate-500"><tr>
            <th className="px-4 py-2 font-medium">{t("app.pod.name")}</th><th className="px-4 py-2 font-medium">{t("workloads.app")}</th><th className="px-4 py-2 font-medium">{t("app.pod.phase")}</th>
            <th className="px-4 py-2 font-medium">{t("app.pod.ready")}</th><th className="px-4 py-2 font-medium">{t("app.pod.restarts")}</th><th className="px-4 py-2 font-medium">{t("app.pod.node")}</th><th className="px-4 py-2 font-medium">{t("apps.col.age")}</th>
          </tr></thead>
          <tbody className="divide-y divide-slate-100">
            {pods.slice(0, SHOWN).map((p) => {
              const app = appOf(p.name);
              return (
                <tr key={p.name}>
                  <td className="px-4 py-1.5 font-mono text-xs">{p.name}</td>
                  <td className="px-4 py-1.5">{app ? <Link className="text-brand-700 hover:underline" href={`/apps/${namespace}/${app}`}>{app}</Link> : "—"}</td>
                  <td className="px-4 py-1.5"><Badge tone={p.phase === "Running" || p.phase === "Succeeded" ? "green" : p.phase === "Pending" ? "amber" : p.phase === "Failed" ? "red" : "slate"} title={p.reason}>{p.phase}</Badge></td>
                  <td className="px-4 py-1.5">{p.ready}</td><td className="px-4 py-1.5">{p.restarts}</td>
                  <td className="px-4 py-1.5 font-mono text-xs">{p.node ?? "—"}</td><td className="px-4 py-1.5 text-slate-500">{age(p.createdAt)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
