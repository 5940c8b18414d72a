"use client";
// A team's limits: what its namespaces on one cluster may reserve together (the team's own, or
// a cluster's own set apart), against what they reserve now, and how many namespaces it may
// have. Platform admins change them; everyone in the team sees them.
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { api } from "../api";
import { buttonCls, Field, inputCls, secondaryCls, useAction } from "../ui/form";
import { Table } from "../ui/table";

interface Limits { cpu: string; memory: string; pods: number; storage: string; namespaces: number }
interface Reserved { cpu: number; memoryBytes: number; pods: number; storageBytes: number; namespaces: number }
export interface ClusterLimitsRow { cluster: string; displayName: string; own: boolean; limits: Omit<Limits, "namespaces">; reserved: Reserved }

const gi = (bytes: number) => `${Math.round((bytes / 2 ** 30) * 10) / 10}Gi`;

const cores = (n: number) => String(Math.round(n * 100) / 100);

export function TeamLimits({ team, limits, reserved, clusters, canEdit }: { team: string; limits: Limits; reserved: Reserved; clusters: ClusterLimitsRow[]; canEdit: boolean }) {
  const t = useTranslations("team.limits");
  const router = useRouter();
  const { pending, error, fields, run } = useAction();
  const [form, setForm] = useState({ ...limits, pods: String(limits.pods), namespaces: String(limits.namespaces) });
  const [saved, setSaved] = useState(false);
  const rows: [string, string, keyof typeof form][] = [
    [t("cpu"), cores(reserved.cpu), "cpu"],
    [t("memory"), gi(reserved.memoryBytes), "memory"],
    [t("pods"), String(reserved.pods), "pods"],
    [t("storage"), gi(reserved.storageBytes), "storage"],
    [t("namespaces"), String(reserved.namespaces), "namespaces"],
  ];
  return (
    <div>
      <p className="mb-3 text-sm text-slate-600">{canEdit ? t("explainAdmin") : t("explain")}</p>
      <Table headers={[t("resource"), t("reserved"), t("limit")]} testId="team-limits">
        {rows.map(([label, used, key]) => (
          <tr key={key}>
            <td className="px-3 py-2">{label}</td>
            <td className="px-3 py-2">{used}</td>
            <td className="px-3 py-2">
              {canEdit ? (
                <Field label={`${t("limit")} · ${label}`} error={fields[key]}>
                  <input className={`${inputCls} w-32`} value={form[key]} onChange={(e) => { setForm({ ...form, [key]: e.target.value }); setSaved(false); }} />
                </Field>
              ) : (
                String(limits[key])
              )}
            </td>
          </tr>
        ))}
      </Table>
      {canEdit && (
        <button type="button" className={`mt-3 ${buttonCls}`} disabled={pending} onClick={async () => {
          if (await run(() => api("PUT", `/api/teams/${team}/limits`, { ...form, pods: Number(form.pods), namespaces: Number(form.namespaces) }).then(() => true))) {
            setSaved(true);
            router.refresh();
          }
        }}>{t("save")}</button>
      )}
      {saved && <p role="status" className="mt-2 text-sm text-emerald-700">{t("saved")}</p>}
      {error && !Object.keys(fields).length && <p role="alert" className="mt-2 text-sm text-rose-700">{error}</p>}
      {(clusters.length > 1 || clusters.some((c) => c.own)) && <ByCluster team={team} clusters={clusters} canEdit={canEdit} />}
    </div>
  );
}

/** Per cluster: what the team's namespaces there reserve against the limits that hold there; admins set a cluster's own apart. */
function ByCluster({ team, clusters, canEdit }: { team: string; clusters: ClusterLimitsRow[]; canEdit: boolean }) {
  const t = useTranslations("team.limits");
  const router = useRouter();
  const { pending, error, fields, run } = useAction();
  const [editing, setEditing] = useState<{ cluster: string; cpu: string; memory: string; pods: string; storage: string } | null>(null);
  const done = () => {
    setEditing(null);
    router.refresh();
  };
  const save = async () => {
    if (editing && (await run(() => api("PUT", `/api/teams/${team}/limits/${editing.cluster}`, { cpu: editing.cpu, memory: editing.memory, pods: Number(editing.pods), storage: editing.storage }).then(() => true)))) done();
  };
  const reset = async (cluster: string) => {
    if (await run(() => api("DELETE", `/api/teams/${team}/limits/${cluster}`).then(() => true))) done();
  };
  const keys = [["cpu", t("cpu")], ["memory", t("memory")], ["pods", t("pods")], ["storage", t("storage")]] as const;
  return (
    <div className="mt-6">
      <h3 className="mb-2 text-sm font-semibold text-slate-800">{t("byCluster")}</h3>
      <Table headers={[t("cluster"), ...keys.map(([, label]) => label), t("source"), ...(canEdit ? [""] : [])]} testId="team-limits-clusters">
        {clusters.map((c) => (
          <tr key={c.cluster} data-testid={`team-limits-${c.cluster}`}>
            <td className="px-3 py-2">{c.displayName} <span className="font-mono text-xs text-slate-600">{c.cluster}</span></td>
            <td className="px-3 py-2 tabular-nums">{t("usedOf", { used: cores(c.reserved.cpu), limit: c.limits.cpu })}</td>
            <td className="px-3 py-2 tabular-nums">{t("usedOf", { used: gi(c.reserved.memoryBytes), limit: c.limits.memory })}</td>
            <td className="px-3 py-2 tabular-nums">{t("usedOf", { used: String(c.reserved.pods), limit: String(c.limits.pods) })}</td>
            <td className="px-3 py-2 tabular-nums">{t("usedOf", { used: gi(c.reserved.storageBytes), limit: c.limits.storage })}</td>
            <td className="px-3 py-2 text-xs text-slate-600">{c.own ? t("ownLimits") : t("teamLimits")}</td>
            {canEdit && (
              <td className="px-3 py-2 text-right">
                <div className="flex justify-end gap-2">
                  <button type="button" className={secondaryCls} onClick={() => setEditing({ cluster: c.cluster, ...c.limits, pods: String(c.limits.pods) })}>{c.own ? t("edit") : t("setApart")}</button>
                  {c.own && <button type="button" className={secondaryCls} disabled={pending} onClick={() => reset(c.cluster)}>{t("useTeam")}</button>}
                </div>
              </td>
            )}
          </tr>
        ))}
      </Table>
      {editing && (
        <div className="mt-3 rounded-md border border-slate-200 p-3" data-testid="team-limits-edit">
          <p className="mb-2 text-sm font-medium text-slate-800">{t("editCluster", { cluster: editing.cluster })}</p>
          <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
            {keys.map(([key, label]) => (
              <Field key={key} label={label} error={fields[key]}>
                <input className={`${inputCls} w-32`} value={editing[key]} onChange={(e) => setEditing({ ...editing, [key]: e.target.value })} />
              </Field>
            ))}
          </div>
          <div className="mt-3 flex gap-2">
            <button type="button" className={buttonCls} disabled={pending} onClick={save}>{t("save")}</button>
            <button type="button" className={secondaryCls} onClick={() => setEditing(null)}>{t("cancel")}</button>
          </div>
        </div>
      )}
      {error && !Object.keys(fields).length && <p role="alert" className="mt-2 text-sm text-rose-700">{error}</p>}
    </div>
  );
}
