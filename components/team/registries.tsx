"use client";
// A team's registries: the built-in local one, and the ones owners add (docker login).
// Passwords go in, never come out; "Test connection" shows what the registry answered.
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { localize } from "@/components/localize";
import { api } from "../api";
import { Badge } from "../ui/badge";
import { buttonCls, dangerCls, Field, inputCls, secondaryCls, useAction } from "../ui/form";
import { Table } from "../ui/table";

import type { RegistryView } from "@/lib/services/registries";

export type RegistryRow = Pick<RegistryView, "name" | "url" | "username" | "hasPassword" | "builtIn" | "pullSecret">;

export function Registries({ team, registries, canManage }: { team: string; registries: RegistryRow[]; canManage: boolean }) {
  const t = useTranslations("team.registries");
  const locale = useLocale();
  const router = useRouter();
  const add = useAction();
  const row = useAction();
  const [form, setForm] = useState({ name: "", url: "", username: "", password: "" });
  const [editing, setEditing] = useState<string | null>(null);
  const [login, setLogin] = useState({ username: "", password: "" });
  const [results, setResults] = useState<Record<string, { ok: boolean; message: string } | "testing">>({});

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const body = { name: form.name.trim(), url: form.url.trim(), ...(form.username ? { username: form.username } : {}), ...(form.password ? { password: form.password } : {}) };
    if (await add.run(() => api("POST", `/api/teams/${team}/registries`, body))) {
      setForm({ name: "", url: "", username: "", password: "" });
      router.refresh();
    }
  }

  async function test(name: string) {
    setResults((r) => ({ ...r, [name]: "testing" }));
    let out: { ok: boolean; message: string };
    try {
      out = await api<{ ok: boolean; message: string }>("POST", `/api/teams/${team}/registries/${name}/test`);
    } catch (e) {
      out = { ok: false, message: (e as Error).message };
    }
    setResults((r) => ({ ...r, [name]: out }));
  }

  async function remove(name: string) {
    if (!window.confirm(t("deleteConfirm", { name }))) return;
    const done = await row.run(async () => {
      await api("DELETE", `/api/teams/${team}/registries/${name}`);
      return true;
    });
    if (done) router.refresh();
  }

  async function saveLogin(name: string) {
    const body = { username: login.username, ...(login.password ? { password: login.password } : {}) };
    if (await row.run(() => api("PUT", `/api/teams/${team}/registries/${name}`, body))) {
      setEditing(null);
      router.refresh();
    }
  }

  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">{t("hint")}</p>
      <Table testId="registries" headers={[t("name"), t("url"), t("username"), ""]}>
        {registries.map((r) => {
          const result = results[r.name];
          return (
            <tr key={r.name} data-testid={`registry-${r.name}`}>
              <td className="px-3 py-2 font-medium">
                {r.name} {r.builtIn && <Badge tone="blue">{t("builtIn")}</Badge>}
                {r.pullSecret && <div className="text-xs font-normal text-slate-600">{t("secret", { name: r.pullSecret })}</div>}
              </td>
              <td className="px-3 py-2 font-mono text-xs">{r.url}</td>
              <td className="px-3 py-2 text-xs">
                {editing === r.name ? (
                  <div className="flex flex-wrap items-end gap-2">
                    <input aria-label={t("username")} className={`${inputCls} w-32`} value={login.username} onChange={(e) => setLogin({ ...login, username: e.target.value })} />
                    <input aria-label={t("password")} type="password" autoComplete="new-password" placeholder={t("passwordKeep")} className={`${inputCls} w-48`} value={login.password} onChange={(e) => setLogin({ ...login, password: e.target.value })} />
                    <button type="button" className={buttonCls} onClick={() => saveLogin(r.name)} disabled={row.pending}>{t("save")}</button>
                  </div>
                ) : (
                  <>{r.username ?? "—"} {!r.builtIn && <Badge tone={r.hasPassword ? "green" : "slate"}>{r.hasPassword ? t("login") : t("noLogin")}</Badge>}</>
                )}
              </td>
              <td className="px-3 py-2 text-right">
                <div className="flex flex-wrap justify-end gap-2">
                  <button type="button" className={secondaryCls} onClick={() => test(r.name)} disabled={result === "testing"}>{result === "testing" ? t("testing") : t("test")}</button>
                  {canManage && !r.builtIn && (
                    <>
                      <button type="button" className={secondaryCls} onClick={() => { setEditing(editing === r.name ? null : r.name); setLogin({ username: r.username ?? "", password: "" }); }}>{t("changePassword")}</button>
                      <button type="button" className={dangerCls} onClick={() => remove(r.name)}>{t("delete")}</button>
                    </>
                  )}
                </div>
                {result && result !== "testing" && (
                  <p role="status" data-testid={`registry-test-${r.name}`} className={`mt-1 text-xs ${result.ok ? "text-emerald-700" : "text-rose-700"}`}>{localize(result.message, locale)}</p>
                )}
              </td>
            </tr>
          );
        })}
      </Table>
      {registries.length <= 1 && <p className="text-sm text-slate-600">{t("empty")}</p>}
      {row.error && <p role="alert" className="text-sm text-rose-700">{localize(row.error, locale)}</p>}
      {canManage && (
        <form onSubmit={submit} className="grid grid-cols-2 gap-3 border-t border-slate-100 pt-4 md:grid-cols-5" aria-label={t("add")}>
          <Field label={t("name")} error={add.fields.name}><input className={inputCls} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required /></Field>
          <Field label={t("url")} error={add.fields.url}><input className={`${inputCls} font-mono`} placeholder="https://harbor.example.com" value={form.url} onChange={(e) => setForm({ ...form, url: e.target.value })} required /></Field>
          <Field label={t("username")} error={add.fields.username}><input className={inputCls} autoComplete="off" value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} /></Field>
          <Field label={t("password")} error={add.fields.password}><input className={inputCls} type="password" autoComplete="new-password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} /></Field>
          <div className="flex items-end"><button type="submit" className={buttonCls} disabled={add.pending}>{add.pending ? t("adding") : t("add")}</button></div>
          {add.error && <p role="alert" className="col-span-full text-sm text-rose-700">{localize(add.error, locale)}</p>}
        </form>
      )}
    </div>
  );
}
