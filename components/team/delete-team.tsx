"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "../api";
import { dangerCls, TypeToConfirm, useAction } from "../ui/form";

export function DeleteTeam({ team, namespaces }: { team: string; namespaces: string[] }) {
  const t = useTranslations("team.danger");
  const common = useTranslations("common");
  const router = useRouter();
  const { pending, error, run } = useAction();
  const [open, setOpen] = useState(false);
  const [withNamespaces, setWithNamespaces] = useState(false);
  if (!open) return <button type="button" className={dangerCls} onClick={() => setOpen(true)}>{t("start")}</button>;
  return (
    <TypeToConfirm
      name={team}
      label={t("typeSlug", { slug: team })}
      confirmLabel={t("delete")}
      cancelLabel={common("cancel")}
      pending={pending}
      onCancel={() => setOpen(false)}
      onConfirm={async (typed) => {
        const ok = await run(() => api("DELETE", `/api/teams/${team}`, { confirm: typed, deleteNamespaces: withNamespaces }).then(() => true));
        if (ok) {
          router.replace("/team");
          router.refresh();
        }
      }}
    >
      <p className="mb-3 text-sm text-rose-800">{t("explain")}</p>
      {namespaces.length > 0 && (
        <label className="mb-3 flex items-center gap-2 text-sm text-rose-800">
          <input type="checkbox" checked={withNamespaces} onChange={(e) => setWithNamespaces(e.target.checked)} />
          {t("deleteNamespaces")} ({namespaces.join(", ")})
        </label>
      )}
      {error && <p role="alert" className="mb-3 text-sm text-rose-700">{error}</p>}
    </TypeToConfirm>
  );
}
