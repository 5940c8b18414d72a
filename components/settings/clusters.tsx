"use client";
// Clusters (platform admins): each with its health; add one by pasting Berth's kubeconfig for it
// ("Test connection" first: its version and nodes, or the exact error, and what Berth's identity
// there is missing; a kubeconfig with several contexts asks which), or import a context of the
// console's own KUBECONFIG; remove one that holds no namespaces. A kubeconfig goes in, never comes out.
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { localize } from "@/components/localize";
import { toDnsLabel } from "@/lib/domain/names";
import { api } from "../api";
import { Badge } from "../ui/badge";
import { buttonCls, dangerCls, Field, inputCls, secondaryCls, useAction } from "../ui/form";
import { Table } from "../ui/table";

export interface ClusterRow {
  name: string;
  displayName: string;
  source: string;
  server: string | null;
  namespaces: number;
  health: { reachable: true; version: string; nodes: number; nodesReady: number } | { reachable: false; error: string };
}

export interface KubeContextRow {
  context: string;
  server: string;
  current: boolean;
  cluster: string | null;
}

type TestResult = { ok: true; version: string; nodes: number; nodesReady: number; missing: string[] } | { ok: false; message: string };

export function Clusters({ clusters, ownContexts }: { clusters: ClusterRow[]; ownContexts: KubeContextRow[] }) {
  const t = useTranslations("settings.clusters");
  const locale = useLocale();
  const router = useRouter();
  const add = useAction();
  const row = useAction();
  const [form, setForm] = useState({ name: "", displayName: "", kubeconfig: "", context: "" });
  // The contexts of the pasted kubeconfig, once it has been read (a choice only when there are several).
  const [contexts, setContexts] = useState<KubeContextRow[]>([]);
  const importing = useAction();
  const [importNames, setImportNames] = useState<Record<string, string>>({});
  const [tested, setTested] = useState<TestResult | "testing" | null>(null);
  const [editing, setEditing] = useState<{ name: string; displayName: string; kubeconfig: string } | null>(null);

  async function save() {
    if (!editing) return;
    const body = { displayName: editing.displayName.trim(), ...(editing.kubeconfig ? { kubeconfig: editing.kubeconfig } : {}) };
    if (await row.run(() => api("PUT", `/api/clusters/${editing.name}`, body))) {
      setEditing(null);
      router.refresh();
    }
  }

  async function test() {
    setTested("testing");
    try {
      const r = await api<{ version: string; nodes: number; nodesReady: number; missing: string[] }>("POST", "/api/clusters/test", given());
      setTested({ ok: true, ...r });
    } catch (e) {
      setTested({ ok: false, message: (e as Error).message });
    }
  }

  const given = () => ({ kubeconfig: form.kubeconfig, ...(form.context ? { context: form.context } : {}) });

  /** Reads the pasted kubeconfig's contexts (on leaving the field): several mean a choice. */
  async function readContexts() {
    if (!form.kubeconfig.trim()) return setContexts([]);
    try {
      const r = await api<{ items: KubeContextRow[] }>("POST", "/api/clusters/contexts", { kubeconfig: form.kubeconfig });
      setContexts(r.items);
      if (r.items.length > 1 && !r.items.some((c) => c.context === form.context)) setForm((f) => ({ ...f, context: r.items.find((c) => c.current)?.context ?? r.items[0].context }));
    } catch {
      setContexts([]); // "Test connection" and "Add" say what is wrong with it
    }
  }

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (await add.run(() => api("POST", "/api/clusters", { name: form.name.trim(), displayName: form.displayName.trim() || form.name.trim(), ...given() }))) {
      setForm({ name: "", displayName: "", kubeconfig: "", context: "" });
      setContexts([]);
      setTested(null);
      router.refresh();
    }
  }

  async function importContext(context: string) {
    const name = importNames[context] ?? (toDnsLabel(context) || "cluster");
    if (await importing.run(() => api("POST", "/api/clusters", { name, displayName: context, context }))) router.refresh();
  }

  async function remove(name: string) {
    if (!window.confirm(t("removeConfirm", { name }))) return;
    if (await row.run(async () => (await api("DELETE", `/api/clusters/${name}`), true))) router.refresh();
  }

  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">{t("hint")}</p>
      <Table testId="clusters" headers={[t("name"), t("server"), t("health"), t("namespaces"), ""]}>
        {clusters.map((c) => (
          <tr key={c.name} data-testid={`cluster-${c.name}`}>
            <td className="px-3 py-2 font-medium">
              {c.displayName} <span className="font-mono text-xs font-normal text-slate-600">{c.name}</span> {c.source === "default" && <Badge tone="blue">{t("own")}</Badge>}
            </td>
            <td className="px-3 py-2 font-mono text-xs">{c.server ?? "—"}</td>
            <td className="px-3 py-2 text-xs">
              {c.health.reachable ? (
                <Badge tone="green">{t("reachable", { version: c.health.version, ready: c.health.nodesReady, nodes: c.health.nodes })}</Badge>
              ) : (
                <span className="text-rose-700">{t("unreachable")}: {localize(c.health.error, locale)}</span>
              )}
            </td>
            <td className="px-3 py-2 text-xs tabular-nums">{c.namespaces}</td>
            <td className="px-3 py-2 text-right">
              <div className="flex flex-wrap justify-end gap-2">
                <button type="button" className={secondaryCls} onClick={() => setEditing(editing?.name === c.name ? null : { name: c.name, displayName: c.displayName, kubeconfig: "" })}>
                  {t("edit")}
                </button>
                {c.source !== "default" && (
                  <button type="button" className={dangerCls} onClick={() => remove(c.name)} disabled={row.pending}>
                    {t("remove")}
                  </button>
                )}
              </div>
              {editing?.name === c.name && (
                <div className="mt-2 space-y-2 text-left" data-testid={`cluster-edit-${c.name}`}>
                  <Field label={t("displayName")}>
                    <input className={inputCls} value={editing.displayName} onChange={(e) => setEditing({ ...editing, displayName: e.target.value })} />
                  </Field>
                  {c.source !== "default" && (
                    <Field label={t("newKubeconfig")}>
                      <textarea className={`${inputCls} h-24 font-mono text-xs`} spellCheck={false} autoComplete="off" placeholder={t("newKubeconfigHint")} value={editing.kubeconfig} onChange={(e) => setEditing({ ...editing, kubeconfig: e.target.value })} />
                    </Field>
                  )}
                  <button type="button" className={buttonCls} onClick={save} disabled={row.pending}>
                    {t("save")}
                  </button>
                </div>
              )}
            </td>
          </tr>
        ))}
      </Table>
      {clusters.length <= 1 && <p className="text-sm text-slate-600">{t("empty")}</p>}
      {row.error && <p role="alert" className="text-sm text-rose-700">{localize(row.error, locale)}</p>}
      {ownContexts.length > 0 && (
        <section className="border-t border-slate-100 pt-4" aria-labelledby="own-contexts">
          <h2 id="own-contexts" className="text-sm font-semibold text-slate-800">{t("ownContexts")}</h2>
          <p className="mb-2 text-sm text-slate-600">{t("ownContextsHint")}</p>
          <Table testId="own-contexts" headers={[t("context"), t("server"), t("name"), ""]}>
            {ownContexts.map((c) => (
              <tr key={c.context} data-testid={`own-context-${c.context}`}>
                <td className="px-3 py-2 font-mono text-xs">{c.context}</td>
                <td className="px-3 py-2 font-mono text-xs">{c.server}</td>
                <td className="px-3 py-2">
                  {c.cluster ? (
                    <span className="text-xs text-slate-600">{t("imported", { name: c.cluster })}</span>
                  ) : (
                    <input className={`${inputCls} font-mono`} aria-label={t("importName", { context: c.context })} value={importNames[c.context] ?? (toDnsLabel(c.context) || "cluster")} onChange={(e) => setImportNames({ ...importNames, [c.context]: e.target.value })} />
                  )}
                </td>
                <td className="px-3 py-2 text-right">
                  {!c.cluster && (
                    <button type="button" className={secondaryCls} onClick={() => importContext(c.context)} disabled={importing.pending}>
                      {t("import")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </Table>
          {importing.error && <p role="alert" className="mt-2 text-sm text-rose-700">{localize(importing.error, locale)}</p>}
        </section>
      )}
      <form onSubmit={submit} className="grid grid-cols-1 gap-3 border-t border-slate-100 pt-4 md:grid-cols-2" aria-label={t("add")}>
        <Field label={t("name")} error={add.fields.name}>
          <input className={`${inputCls} font-mono`} placeholder="production" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required />
        </Field>
        <Field label={t("displayName")} error={add.fields.displayName}>
          <input className={inputCls} placeholder={t("displayNameHint")} value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} />
        </Field>
        <div className="md:col-span-2">
          <Field label={t("kubeconfig")} error={add.fields.kubeconfig}>
            <textarea className={`${inputCls} h-40 font-mono text-xs`} spellCheck={false} autoComplete="off" placeholder={t("kubeconfigHint")} value={form.kubeconfig} onChange={(e) => { setForm({ ...form, kubeconfig: e.target.value, context: "" }); setContexts([]); setTested(null); }} onBlur={readContexts} required />
          </Field>
        </div>
        {contexts.length > 1 && (
          <div className="md:col-span-2">
            <Field label={t("context")} hint={t("contextHint", { count: contexts.length })}>
              <select className={inputCls} value={form.context} onChange={(e) => { setForm({ ...form, context: e.target.value }); setTested(null); }}>
                {contexts.map((c) => (
                  <option key={c.context} value={c.context}>
                    {c.context} — {c.server}{c.cluster ? ` (${t("imported", { name: c.cluster })})` : ""}
                  </option>
                ))}
              </select>
            </Field>
          </div>
        )}
        <div className="flex flex-wrap items-center gap-2 md:col-span-2">
          <button type="button" className={secondaryCls} onClick={test} disabled={!form.kubeconfig || tested === "testing"}>
            {tested === "testing" ? t("testing") : t("test")}
          </button>
          <button type="submit" className={buttonCls} disabled={add.pending}>
            {add.pending ? t("adding") : t("add")}
          </button>
        </div>
        {tested && tested !== "testing" && (
          <p role="status" data-testid="cluster-test" className={`text-sm md:col-span-2 ${tested.ok && tested.missing.length === 0 ? "text-emerald-700" : "text-rose-700"}`}>
            {tested.ok ? (tested.missing.length ? t("missing", { missing: tested.missing.join(", ") }) : t("testOk", { version: tested.version, ready: tested.nodesReady, nodes: tested.nodes })) : localize(tested.message, locale)}
          </p>
        )}
        {add.error && <p role="alert" className="text-sm text-rose-700 md:col-span-2">{localize(add.error, locale)}</p>}
      </form>
    </div>
  );
}
