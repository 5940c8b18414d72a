"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "../api";
import { buttonCls, Field, inputCls, secondaryCls, useAction } from "../ui/form";
import { Table } from "../ui/table";

const ROLES = ["owner", "developer", "viewer"] as const;
type Member = { userId: string; email: string; name: string; role: (typeof ROLES)[number] };

export function Members({ team, members, canManage, selfId }: { team: string; members: Member[]; canManage: boolean; selfId: string }) {
  const t = useTranslations("team");
  const router = useRouter();
  const { pending, error, fields, run } = useAction();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Member["role"]>("developer");
  const [notice, setNotice] = useState<string | null>(null);
  const base = `/api/teams/${team}/members`;

  return (
    <div>
      <Table headers={[t("members.email"), t("members.name"), t("members.role"), ""]} testId="members-table">
          {members.map((m) => (
            <tr key={m.userId} data-testid="member-row">
              <td className="px-3 py-2">{m.email}</td>
              <td className="px-3 py-2">{m.name}</td>
              <td className="px-3 py-2">
                {canManage ? (
                  <select
                    aria-label={`${t("members.role")} ${m.email}`}
                    className="rounded-md border border-slate-300 px-2 py-1 text-sm"
                    value={m.role}
                    disabled={pending}
                    onChange={async (e) => {
                      if (await run(() => api("PATCH", `${base}/${m.userId}`, { role: e.target.value }).then(() => true))) router.refresh();
                    }}
                  >
                    {ROLES.map((r) => <option key={r} value={r}>{t(`roles.${r}`)}</option>)}
                  </select>
                ) : (
                  t(`roles.${m.role}`)
                )}
              </td>
              <td className="px-3 py-2 text-right">
                {canManage && m.userId !== selfId && (
                  <button
                    type="button"
                    className={secondaryCls}
                    disabled={pending}
                    onClick={async () => {
                      if (!window.confirm(t("members.confirmRemove", { email: m.email }))) return;
                      if (await run(() => api("DELETE", `${base}/${m.userId}`).then(() => true))) router.refresh();
                    }}
                  >
                    {t("members.remove")}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </Table>
      {canManage && (
        <form
          className="mt-4 flex items-end gap-3"
          onSubmit={async (e) => {
            e.preventDefault();
            setNotice(null);
            const r = await run(() => api<{ email: string; role: string; oneTimePassword?: string }>("POST", base, { email, role }));
            if (r) {
              setNotice(r.oneTimePassword ? t("members.oneTimePassword", { email: r.email, password: r.oneTimePassword }) : t("members.invited", { email: r.email, role: t(`roles.${r.role}`) }));
              setEmail("");
              router.refresh();
            }
          }}
        >
          <div className="w-72">
            <Field label={t("members.invite")} error={fields.email}>
              <input className={inputCls} type="email" value={email} onChange={(e) => setEmail(e.target.value)} name="invite-email" />
            </Field>
          </div>
          <select aria-label={t("members.role")} className="rounded-md border border-slate-300 px-2 py-1.5 text-sm" value={role} onChange={(e) => setRole(e.target.value as Member["role"])}>
            {ROLES.map((r) => <option key={r} value={r}>{t(`roles.${r}`)}</option>)}
          </select>
          <button className={buttonCls} disabled={pending || !email}>{t("members.inviteSubmit")}</button>
        </form>
      )}
      {notice && <p className="mt-3 rounded-md bg-emerald-50 p-2 text-sm text-emerald-800" data-testid="notice">{notice}</p>}
      {error && !fields.email && <p role="alert" className="mt-3 text-sm text-rose-700">{error}</p>}
    </div>
  );
}
