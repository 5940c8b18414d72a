"use client";
import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "../api";
import { Badge } from "../ui/badge";
import { buttonCls, Field, inputCls, secondaryCls, useAction } from "../ui/form";
import { Table } from "../ui/table";

interface Token { id: string; name: string; prefix: string; scope: string; createdAt: string; expiresAt: string | null; revokedAt: string | null; lastUsedAt: string | null }

export function Tokens({ tokens }: { tokens: Token[] }) {
  const t = useTranslations("settings.tokens");
  const format = useFormatter();
  const router = useRouter();
  const { pending, error, fields, run } = useAction();
  const [name, setName] = useState("");
  const [days, setDays] = useState("90");
  const [scope, setScope] = useState("read");
  const [created, setCreated] = useState<string | null>(null);
  const when = (d: string | null) => (d ? format.dateTime(new Date(d), { dateStyle: "short", timeStyle: "short" }) : t("never"));
  return (
    <div>
      <p className="mb-3 text-sm text-slate-500">{t("explain")}</p>
      {tokens.length === 0 ? (
        <p className="text-sm text-slate-500">{t("empty")}</p>
      ) : (
        <Table headers={[t("name"), t("prefix"), t("scope"), t("createdAt"), t("expiresAt"), t("lastUsed"), t("status"), ""]}>
            {tokens.map((tk) => {
              const expired = tk.expiresAt && new Date(tk.expiresAt) < new Date();
              return (
                <tr key={tk.id}>
                  <td className="px-3 py-2">{tk.name}</td>
                  <td className="px-3 py-2 font-mono text-xs">{tk.prefix}…</td>
                  <td className="px-3 py-2">{t(`scopes.${tk.scope as "read" | "write" | "admin"}`)}</td>
                  <td className="px-3 py-2">{when(tk.createdAt)}</td>
                  <td className="px-3 py-2">{when(tk.expiresAt)}</td>
                  <td className="px-3 py-2">{when(tk.lastUsedAt)}</td>
                  <td className="px-3 py-2">{tk.revokedAt ? <Badge tone="red">{t("revoked")}</Badge> : expired ? <Badge tone="amber">{t("expired")}</Badge> : <Badge tone="green">{t("active")}</Badge>}</td>
                  <td className="px-3 py-2 text-right">
                    {!tk.revokedAt && (
                      <button type="button" className={secondaryCls} disabled={pending} onClick={async () => (await run(() => api("DELETE", `/api/tokens/${tk.id}`).then(() => true))) && router.refresh()}>
                        {t("revoke")}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </Table>
      )}
      <p className="mt-4 text-xs text-slate-600">{t("scopeHint")}</p>
      <form
        className="mt-2 flex flex-wrap items-end gap-3"
        onSubmit={async (e) => {
          e.preventDefault();
          const r = await run(() => api<{ token: string }>("POST", "/api/tokens", { name, scope, expiresInDays: Number(days) }));
          if (r) {
            setCreated(r.token);
            setName("");
            router.refresh();
          }
        }}
      >
        <div className="w-64"><Field label={t("name")} error={fields.name}><input className={inputCls} value={name} onChange={(e) => setName(e.target.value)} /></Field></div>
        <div className="w-48">
          <Field label={t("scope")} error={fields.scope}>
            <select className={inputCls} value={scope} onChange={(e) => setScope(e.target.value)}>
              {(["read", "write", "admin"] as const).map((s) => <option key={s} value={s}>{t(`scopes.${s}`)}</option>)}
            </select>
          </Field>
        </div>
        <div className="w-40">
          <Field label={t("expires")} error={fields.expiresInDays}>
            <select className={inputCls} value={days} onChange={(e) => setDays(e.target.value)}>
              {[7, 30, 90, 365].map((d) => <option key={d} value={d}>{t("days", { count: d })}</option>)}
            </select>
          </Field>
        </div>
        <button className={buttonCls} disabled={pending || !name}>{t("create")}</button>
      </form>
      {error && !Object.keys(fields).length && <p role="alert" className="mt-2 text-sm text-rose-700">{error}</p>}
      {created && (
        <div className="mt-3 rounded-md bg-emerald-50 p-3 text-sm text-emerald-800">
          {t("created")} <code className="select-all font-mono" data-testid="new-token">{created}</code>
        </div>
      )}
    </div>
  );
}
