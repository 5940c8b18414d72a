"use client";
// ConfigMaps and Secrets of a namespace: lists with keys and users, an editor that shows
// the dry-run diff before saving, Secret values revealed one at a time, and after a
// change the offer to restart the apps that use it.
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { localize } from "@/components/localize";
import { api } from "../api";
import { DiffView, type DiffEntry } from "../apps/diff-view";
import { Badge } from "../ui/badge";
import { buttonCls, dangerCls, Field, inputCls, secondaryCls, useAction } from "../ui/form";
import { EmptyState } from "../ui/states";
import { Table } from "../ui/table";

export type Kind = "ConfigMap" | "Secret";

export interface ConfigItem {
  name: string;
  type?: string;
  keys: { key: string; bytes: number }[];
  usedBy: { app: string; kind: string; how: string[] }[];
  resourceVersion: string;
  createdAt: string | null;
}

const path = (ns: string, kind: Kind) => `/api/namespaces/${ns}/${kind === "ConfigMap" ? "configmaps" : "secrets"}`;
const size = (rows: { key: string; value: string }[]) => rows.reduce((n, r) => n + new TextEncoder().encode(r.key + r.value).length, 0);

/** Rows of key → value, with multi-line values and a file for a value. */
function KeyValues({ rows, onChange, secretKeys }: { rows: { key: string; value: string; remove?: boolean }[]; onChange: (rows: { key: string; value: string; remove?: boolean }[]) => void; secretKeys?: Set<string> }) {
  const t = useTranslations("config");
  const set = (i: number, patch: Partial<{ key: string; value: string; remove: boolean }>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div className="space-y-3">
      {rows.map((r, i) => {
        const existing = secretKeys?.has(r.key);
        return (
          <div key={i} className={`grid grid-cols-[12rem_1fr_auto] items-start gap-2 ${r.remove ? "opacity-60" : ""}`}>
            <input aria-label={`${t("key")} ${i + 1}`} className={`${inputCls} font-mono`} value={r.key} readOnly={existing} onChange={(e) => set(i, { key: e.target.value })} />
            <div>
              <textarea aria-label={existing ? `${t("newValue")} ${r.key}` : `${t("value")} ${i + 1}`} placeholder={existing ? t("newValue") : undefined} rows={Math.min(8, Math.max(1, r.value.split("\n").length))} className={`${inputCls} font-mono text-xs`} value={r.value} disabled={r.remove} onChange={(e) => set(i, { value: e.target.value })} />
              <label className="mt-1 inline-flex cursor-pointer items-center gap-1 text-xs text-slate-700">
                <span>{t("fromFile")}</span>
                <input type="file" className="sr-only" onChange={async (e) => { const f = e.target.files?.[0]; if (f) set(i, { value: await f.text() }); }} />
              </label>
            </div>
            <button type="button" className={secondaryCls} onClick={() => (existing ? set(i, { remove: !r.remove }) : onChange(rows.filter((_, j) => j !== i)))}>{r.remove ? t("cancel") : t("removeKey")}</button>
          </div>
        );
      })}
      <div className="flex items-center gap-3">
        <button type="button" className={secondaryCls} onClick={() => onChange([...rows, { key: "", value: "" }])}>{t("addKey")}</button>
        <span className="text-xs text-slate-600">{t("size", { used: `${(size(rows) / 1024).toFixed(1)} KiB` })}</span>
      </div>
    </div>
  );
}

/** The editor for a new or existing object; saves after the person has seen the dry-run diff. */
function Editor({ namespace, kind, item, onDone }: { namespace: string; kind: Kind; item?: ConfigItem; onDone: (saved?: ConfigItem) => void }) {
  const t = useTranslations("config");
  const locale = useLocale();
  const action = useAction();
  const [name, setName] = useState(item?.name ?? "");
  const [type, setType] = useState<"Opaque" | "kubernetes.io/dockerconfigjson" | "kubernetes.io/tls">("Opaque");
  const [login, setLogin] = useState({ registry: "", username: "", password: "", cert: "", key: "" });
  const [rows, setRows] = useState<{ key: string; value: string; remove?: boolean }[]>(() => (item ? item.keys.map((k) => ({ key: k.key, value: "" })) : [{ key: "", value: "" }]));
  const [diffs, setDiffs] = useState<DiffEntry[] | null>(null);
  const secretKeys = kind === "Secret" && item ? new Set(item.keys.map((k) => k.key)) : undefined;

  // An existing ConfigMap is edited with its current values (a Secret's never come to the browser).
  const editingName = kind === "ConfigMap" ? item?.name : undefined;
  useEffect(() => {
    if (!editingName) return;
    void api<{ data: Record<string, string> }>("GET", `${path(namespace, kind)}/${editingName}`).then((r) => setRows(Object.entries(r.data).map(([key, value]) => ({ key, value }))));
  }, [namespace, kind, editingName]);

  const body = (dryRun: boolean): { method: string; url: string; body: object } => {
    const data = Object.fromEntries(rows.filter((r) => r.key && !r.remove).map((r) => [r.key, r.value]));
    if (kind === "ConfigMap") return item ? { method: "PUT", url: `${path(namespace, kind)}/${item.name}`, body: { data, resourceVersion: item.resourceVersion, dryRun } } : { method: "POST", url: path(namespace, kind), body: { name, data, dryRun } };
    if (item) {
      // Only what changed: new values, new keys, removed keys.
      const set = Object.fromEntries(rows.filter((r) => r.key && !r.remove && (r.value !== "" || !secretKeys?.has(r.key))).map((r) => [r.key, r.value]));
      return { method: "PUT", url: `${path(namespace, kind)}/${item.name}`, body: { set, remove: rows.filter((r) => r.remove).map((r) => r.key), resourceVersion: item.resourceVersion, dryRun } };
    }
    if (type === "Opaque") return { method: "POST", url: path(namespace, kind), body: { type, name, data, dryRun } };
    if (type === "kubernetes.io/tls") return { method: "POST", url: path(namespace, kind), body: { type, name, cert: login.cert, key: login.key, dryRun } };
    return { method: "POST", url: path(namespace, kind), body: { type, name, registry: login.registry, username: login.username, password: login.password, dryRun } };
  };

  async function review() {
    const b = body(true);
    const r = await action.run(() => api<{ diffs: DiffEntry[] }>(b.method, b.url, b.body));
    if (r) setDiffs(r.diffs);
  }
  async function save() {
    const b = body(false);
    const r = await action.run(() => api(b.method, b.url, b.body).then(() => true));
    if (r) onDone(item);
  }

  return (
    <div className="space-y-4 rounded-md border border-slate-200 p-4" role="region" aria-label={item ? `${t("edit")} ${item.name}` : kind === "ConfigMap" ? t("newConfigMap") : t("newSecret")}>
      {!item && (
        <div className="grid grid-cols-2 gap-4">
          <Field label={t("name")} error={action.fields.name}><input className={`${inputCls} font-mono`} value={name} onChange={(e) => { setName(e.target.value); setDiffs(null); }} /></Field>
          {kind === "Secret" && (
            <Field label={t("type")}>
              <select className={inputCls} value={type} onChange={(e) => { setType(e.target.value as typeof type); setDiffs(null); }}>
                <option value="Opaque">{t("type_Opaque")}</option>
                <option value="kubernetes.io/dockerconfigjson">{t("type_dockerconfigjson")}</option>
                <option value="kubernetes.io/tls">{t("type_tls")}</option>
              </select>
            </Field>
          )}
        </div>
      )}
      {kind === "Secret" && !item && type === "kubernetes.io/dockerconfigjson" ? (
        <div className="grid grid-cols-3 gap-4">
          <Field label={t("registry")} error={action.fields.registry}><input className={`${inputCls} font-mono`} value={login.registry} onChange={(e) => setLogin({ ...login, registry: e.target.value })} /></Field>
          <Field label={t("username")} error={action.fields.username}><input className={inputCls} autoComplete="off" value={login.username} onChange={(e) => setLogin({ ...login, username: e.target.value })} /></Field>
          <Field label={t("password")} error={action.fields.password}><input className={inputCls} type="password" autoComplete="new-password" value={login.password} onChange={(e) => setLogin({ ...login, password: e.target.value })} /></Field>
        </div>
      ) : kind === "Secret" && !item && type === "kubernetes.io/tls" ? (
        <div className="grid grid-cols-2 gap-4">
          <Field label={t("cert")} error={action.fields.cert}><textarea rows={6} className={`${inputCls} font-mono text-xs`} value={login.cert} onChange={(e) => setLogin({ ...login, cert: e.target.value })} /></Field>
          <Field label={t("tlsKey")} error={action.fields.key}><textarea rows={6} className={`${inputCls} font-mono text-xs`} value={login.key} onChange={(e) => setLogin({ ...login, key: e.target.value })} /></Field>
        </div>
      ) : (
        <KeyValues rows={rows} secretKeys={secretKeys} onChange={(r) => { setRows(r); setDiffs(null); }} />
      )}
      {diffs && <DiffView diffs={diffs} />}
      {action.error && <p role="alert" className="rounded-md bg-rose-50 p-3 text-sm text-rose-800">{localize(action.error, locale)}</p>}
      <div className="flex gap-2">
        {!diffs ? (
          <button type="button" className={buttonCls} onClick={review} disabled={action.pending}>{t("review")}</button>
        ) : (
          <button type="button" className={buttonCls} onClick={save} disabled={action.pending}>{action.pending ? t("saving") : t("save")}</button>
        )}
        <button type="button" className={secondaryCls} onClick={() => onDone()}>{t("cancel")}</button>
      </div>
    </div>
  );
}

/** One Secret value shown on purpose (audited), hidden again on demand. */
function Reveal({ namespace, name, keyName }: { namespace: string; name: string; keyName: string }) {
  const t = useTranslations("config");
  const [value, setValue] = useState<string | null>(null);
  const action = useAction();
  return (
    <span className="inline-flex items-center gap-2">
      {value !== null ? (
        <>
          <code className="max-w-xs truncate rounded bg-slate-100 px-1 text-xs" data-testid={`value-${name}-${keyName}`}>{value}</code>
          <button type="button" className="text-xs text-brand-700 underline" onClick={() => setValue(null)}>{t("hide")}</button>
        </>
      ) : (
        <button type="button" className="text-xs text-brand-700 underline" title={t("revealNote")} aria-label={`${t("reveal")} ${name}/${keyName}`} onClick={async () => {
          const r = await action.run(() => api<{ value: string }>("GET", `/api/namespaces/${namespace}/secrets/${name}/values/${encodeURIComponent(keyName)}`));
          if (r) setValue(r.value);
        }}>{t("reveal")}</button>
      )}
    </span>
  );
}

export function ConfigView({ namespace, kind, items, canWrite, error }: { namespace: string; kind: Kind; items: ConfigItem[]; canWrite: boolean; error?: string }) {
  const t = useTranslations("config");
  const locale = useLocale();
  const router = useRouter();
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState<ConfigItem | null>(null);
  const [restarted, setRestarted] = useState<string[] | null>(null);
  const action = useAction();

  const done = (item?: ConfigItem) => {
    setEditing(null);
    setRestarted(null);
    setSaved(item ?? null);
    router.refresh();
  };

  if (error) return <p role="alert" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">{error}</p>;
  return (
    <div className="space-y-4">
      {canWrite && editing === null && <button type="button" className={buttonCls} onClick={() => { setEditing(""); setSaved(null); }}>{kind === "ConfigMap" ? t("newConfigMap") : t("newSecret")}</button>}
      {editing === "" && <Editor namespace={namespace} kind={kind} onDone={done} />}
      {saved && saved.usedBy.length > 0 && (
        <div role="status" className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          <p>{t("saved")} {t("restartHint")}</p>
          {restarted ? (
            <p className="mt-2">{t("restarted", { apps: restarted.join(", ") })}</p>
          ) : (
            <button type="button" className={`${secondaryCls} mt-2`} disabled={action.pending} onClick={async () => {
              const r = await action.run(() => api<{ restarted: string[] }>("POST", `${path(namespace, kind)}/${saved.name}/restart`));
              if (r) setRestarted(r.restarted);
            }}>{t("restart")} ({saved.usedBy.map((u) => u.app).join(", ")})</button>
          )}
        </div>
      )}
      {action.error && <p role="alert" className="text-sm text-rose-700">{localize(action.error, locale)}</p>}
      {items.length === 0 ? (
        <EmptyState title={kind === "ConfigMap" ? t("emptyConfigMaps") : t("emptySecrets")} />
      ) : (
        <Table testId={kind === "ConfigMap" ? "configmaps" : "secrets"} headers={[t("name"), t("keys"), t("usedBy"), t("age"), ""]}>
          {items.map((c) => (
            <tr key={c.name} data-testid={`config-${c.name}`} className="align-top">
              <td className="px-3 py-2 font-mono text-xs">{c.name}{c.type && c.type !== "Opaque" && <div><Badge>{c.type}</Badge></div>}</td>
              <td className="px-3 py-2 text-xs">
                <ul className="space-y-0.5">
                  {c.keys.map((k) => (
                    <li key={k.key}>
                      <span className="font-mono">{k.key}</span> <span className="text-slate-600">({t("bytes", { n: k.bytes })})</span>{" "}
                      {kind === "Secret" && canWrite && <Reveal namespace={namespace} name={c.name} keyName={k.key} />}
                    </li>
                  ))}
                </ul>
              </td>
              <td className="px-3 py-2 text-xs">{c.usedBy.length ? c.usedBy.map((u) => `${u.app} (${u.how.join(", ")})`).join("; ") : t("none")}</td>
              <td className="px-3 py-2 text-xs">{c.createdAt ? <time dateTime={c.createdAt}>{c.createdAt.slice(0, 16).replace("T", " ")}</time> : ""}</td>
              <td className="px-3 py-2 text-right">
                {canWrite && (
                  <div className="flex justify-end gap-2">
                    <button type="button" className={secondaryCls} aria-label={`${t("edit")} ${c.name}`} onClick={() => { setEditing(c.name); setSaved(null); }}>{t("edit")}</button>
                    <button type="button" className={dangerCls} aria-label={`${t("delete")} ${c.name}`} onClick={async () => {
                      if (!window.confirm(t("deleteConfirm", { kind, name: c.name }))) return;
                      if (await action.run(() => api("DELETE", `${path(namespace, kind)}/${c.name}`).then(() => true))) router.refresh();
                    }}>{t("delete")}</button>
                  </div>
                )}
                {editing === c.name && <div className="mt-3 text-left"><Editor namespace={namespace} kind={kind} item={c} onDone={(i) => done(i ?? undefined)} /></div>}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </div>
  );
}
