"use client";
// A team's limits: what all its namespaces together may reserve, against what they reserve
// now. Platform admins change them; everyone in the team sees them.
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { api } from "../api";
import { buttonCls, Field, inputCls, useAction } from "../ui/form";
import { Table } from "../ui/table";

interface Limits { cpu: string; memory: string; pods: number; storage: string; namespaces: number }
interface Reserved { cpu: number; memoryBytes: number; pods: number; storageBytes: number; namespaces: number }

const gi = (bytes: number) => `${Math.round((bytes / 2 ** 30) * 10) / 10}Gi`;

export function TeamLimits({ team, limits, reserved, canEdit }: { team: string; limits: Limits; reserved: Reserved; canEdit: boolean }) {
  const t = useTranslations("team.limits");
  const router = useRouter();
  const { pending, error, fields, run } = useAction();
  const [form, setForm] = useState({ ...limits, pods: String(limits.pods), namespaces: String(limits.namespaces) });
  const [saved, setSaved] = useState(false);
  const rows: [string, string, keyof typeof form][] = [
    [t("cpu"), String(Math.round(reserved.cpu * 100) / 100), "cpu"],
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
    </div>
  );
}
