"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "../api";
import { buttonCls, Field, inputCls, secondaryCls, useAction } from "../ui/form";
import { Table } from "../ui/table";

const ROLES = ["owner", "developer", "viewer"] as const;
type Member = { userId: string; email: string; name: string; role: (typeof ROLES)[number] };

/** `canReset`: platform admins reset members' passwords (the person gets a link, never a password). */
export function Members({ team, members, canManage, canReset, selfId }: { team: string; members: Member[]; canManage: boolean; canReset: boolean; selfId: string }) {
  const t = useTranslations("team");
  const router = useRouter();
  const { pending, error, fields, run } = useAction();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Member["role"]>("developer");
  const [notice, setNotice] = useState<{ text: string; link?: string } | null>(null);
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
              <td className="space-x-2 px-3 py-2 text-right">
                {canReset && m.userId !== selfId && (
                  <button
                    type="button"
                    className={secondaryCls}
                    disabled={pending}
                    aria-label={t("members.resetFor", { email: m.email })}
                    onClick={async () => {
                      if (!window.confirm(t("members.confirmReset", { email: m.email }))) return;
                      setNotice(null);
                      const r = await run(() => api<{ email: string; setupUrl: string }>("POST", `/api/users/${m.userId}/password-reset`));
                      if (r) setNotice({ text: t("members.resetDone", { email: r.email }), link: r.setupUrl });
                    }}
                  >
                    {t("members.reset")}
                  </button>
                )}
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
            const r = await run(() => api<{ email: string; role: string; setupUrl?: string }>("POST", base, { email, role }));
            if (r) {
              const added = t("members.invited", { email: r.email, role: t(`roles.${r.role}`) });
              setNotice(r.setupUrl ? { text: `${added} ${t("members.setupLink", { email: r.email })}`, link: r.setupUrl } : { text: added });
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
      {notice && (
        <div className="mt-3 rounded-md bg-emerald-50 p-2 text-sm text-emerald-800" data-testid="notice" role="status">
          <p>{notice.text}</p>
          {notice.link && (
            <input readOnly aria-label={t("members.linkLabel")} className={`${inputCls} mt-2 font-mono text-xs`} value={notice.link} data-testid="setup-link" onFocus={(e) => e.currentTarget.select()} />
          )}
        </div>
      )}
      {error && !fields.email && <p role="alert" className="mt-3 text-sm text-rose-700">{error}</p>}
    </div>
  );
}
