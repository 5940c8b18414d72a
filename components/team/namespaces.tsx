"use client";
import { useLocale, useTranslations } from "next-intl";
import { localize } from "@/components/localize";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "../api";
import { Badge } from "../ui/badge";
import { buttonCls, Field, inputCls, secondaryCls, useAction } from "../ui/form";
import { EmptyState } from "../ui/states";
import { Table } from "../ui/table";

interface Limits {
  quota: { cpu: string; memory: string; pods: number; storage?: string };
  defaults: { cpuRequest: string; memoryRequest: string; cpuLimit: string; memoryLimit: string };
}
const DEFAULTS: Limits = { quota: { cpu: "8", memory: "16Gi", pods: 100, storage: "50Gi" }, defaults: { cpuRequest: "100m", memoryRequest: "128Mi", cpuLimit: "500m", memoryLimit: "512Mi" } };

export function Namespaces({ team, namespaces, clusters, canManage, error: loadError }: { team: string; namespaces: { name: string; cluster: string; limits?: Limits; problem?: string }[]; clusters: { name: string; displayName: string }[]; canManage: boolean; error?: string }) {
  const t = useTranslations("team.namespaces");
  const locale = useLocale();
  const [cluster, setCluster] = useState(clusters[0]?.name ?? "");
  const clusterLabel = (name: string) => clusters.find((c) => c.name === name)?.displayName ?? name;
  const router = useRouter();
  const { pending, error, fields, run } = useAction();
  const [open, setOpen] = useState(false);
  /** The namespace whose limits the form edits; null when it creates one. */
  const [editing, setEditing] = useState<string | null>(null);
  const [name, setName] = useState("");
  const [limits, setLimits] = useState<Limits>(DEFAULTS);
  const [notice, setNotice] = useState<string | null>(null);
  const startCreate = () => {
    setEditing(null);
    setName("");
    setLimits(DEFAULTS);
    setOpen(true);
  };
  const startEdit = (n: { name: string; limits?: Limits }) => {
    setEditing(n.name);
    setName(n.name);
    setLimits(n.limits ?? DEFAULTS);
    setNotice(null);
    setOpen(true);
  };
  const set = (group: "quota" | "defaults", key: string, value: string) =>
    setLimits((l) => ({ ...l, [group]: { ...l[group], [key]: group === "quota" && key === "pods" ? Number(value) : value } }));

  const input = (group: "quota" | "defaults", key: string, label: string) => (
    <Field label={label} error={fields[`limits.${group}.${key}`] ?? fields[`${group}.${key}`]}>
      <input className={inputCls} name={`${group}.${key}`} value={String((limits[group] as Record<string, unknown>)[key])} onChange={(e) => set(group, key, e.target.value)} />
    </Field>
  );

  return (
    <div>
      {loadError && <p role="alert" className="mb-3 text-sm text-rose-700">{loadError}</p>}
      {namespaces.length === 0 ? (
        <EmptyState title={t("empty")}>{!canManage && t("ownersOnly")}</EmptyState>
      ) : (
        <Table headers={[t("name"), t("cluster"), t("quota"), t("defaults"), ""]} testId="namespaces-table">
            {namespaces.map((n) => (
              <tr key={n.name} data-testid="namespace-row">
                <td className="px-3 py-2"><Badge tone="blue">{n.name}</Badge></td>
                <td className="px-3 py-2 text-slate-700" title={n.cluster}>{clusterLabel(n.cluster)}</td>
                <td className="px-3 py-2 text-slate-600">{n.problem ? <span className="text-rose-700">{localize(n.problem, locale)}</span> : n.limits ? `CPU ${n.limits.quota.cpu} · ${n.limits.quota.memory} · ${n.limits.quota.pods} pods${n.limits.quota.storage ? ` · ${n.limits.quota.storage}` : ""}` : "—"}</td>
                <td className="px-3 py-2 text-slate-600">{n.limits ? `${n.limits.defaults.cpuRequest}/${n.limits.defaults.cpuLimit} CPU · ${n.limits.defaults.memoryRequest}/${n.limits.defaults.memoryLimit}` : "—"}</td>
                <td className="px-3 py-2 text-right">
                  {canManage && !n.problem && <button type="button" className={secondaryCls} aria-label={t("editFor", { name: n.name })} onClick={() => startEdit(n)}>{t("edit")}</button>}
                </td>
              </tr>
            ))}
          </Table>
      )}
      {canManage && !open && (
        <button type="button" className={`${secondaryCls} mt-4`} onClick={startCreate}>{t("create")}</button>
      )}
      {canManage && open && (
        <form
          className="mt-4 grid max-w-3xl grid-cols-4 gap-3 rounded-md border border-slate-200 p-4"
          onSubmit={async (e) => {
            e.preventDefault();
            const r = editing
              ? await run(() => api("PUT", `/api/teams/${team}/namespaces/${editing}`, limits).then(() => ({ name: editing })))
              : await run(() => api<{ name: string }>("POST", `/api/teams/${team}/namespaces`, { name, ...(cluster ? { cluster } : {}), limits }));
            if (r) {
              setNotice(t(editing ? "saved" : "created", { name: r.name }));
              setOpen(false);
              setEditing(null);
              setName("");
              router.refresh();
            }
          }}
        >
          <div className="col-span-2">
            <Field label={t("name")} error={fields.name}>
              <input className={inputCls} name="namespace-name" value={name} disabled={!!editing} onChange={(e) => setName(e.target.value)} />
            </Field>
          </div>
          <div className="col-span-2">
            <Field label={t("cluster")} error={fields.cluster}>
              <select className={inputCls} name="namespace-cluster" value={editing ? (namespaces.find((n) => n.name === editing)?.cluster ?? "") : cluster} disabled={!!editing} onChange={(e) => setCluster(e.target.value)}>
                {clusters.map((c) => (
                  <option key={c.name} value={c.name}>{c.displayName}</option>
                ))}
              </select>
            </Field>
          </div>
          {input("quota", "cpu", t("cpuQuota"))}
          {input("quota", "memory", t("memoryQuota"))}
          {input("quota", "pods", t("podsQuota"))}
          {input("quota", "storage", t("storageQuota"))}
          <div />
          {input("defaults", "cpuRequest", t("cpuRequest"))}
          {input("defaults", "cpuLimit", t("cpuLimit"))}
          {input("defaults", "memoryRequest", t("memoryRequest"))}
          {input("defaults", "memoryLimit", t("memoryLimit"))}
          {error && !Object.keys(fields).length && <p role="alert" className="col-span-4 text-sm text-rose-700">{error}</p>}
          <div className="col-span-4 flex gap-2">
            <button className={buttonCls} disabled={pending || !name}>{editing ? t("save") : t("create")}</button>
            <button type="button" className={secondaryCls} onClick={() => { setOpen(false); setEditing(null); }}>{t("cancel")}</button>
          </div>
        </form>
      )}
      {notice && <p className="mt-3 rounded-md bg-emerald-50 p-2 text-sm text-emerald-800">{notice}</p>}
    </div>
  );
}
