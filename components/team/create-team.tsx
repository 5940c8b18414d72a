"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "../api";
import { buttonCls, Field, inputCls, useAction } from "../ui/form";
import { setTeam } from "@/app/actions/preferences";

export function CreateTeamForm() {
  const t = useTranslations("team.create");
  const router = useRouter();
  const { pending, error, fields, run } = useAction();
  const [slug, setSlug] = useState("");
  const [name, setName] = useState("");
  return (
    <form
      className="grid max-w-xl grid-cols-2 gap-3"
      onSubmit={async (e) => {
        e.preventDefault();
        const ok = await run(() => api("POST", "/api/teams", { slug, name }));
        if (ok) {
          await setTeam(slug);
          router.refresh();
        }
      }}
    >
      <p className="col-span-2 text-sm text-slate-500">{t("adminOnly")}</p>
      <Field label={t("slug")} hint={t("slugHint")} error={fields.slug}>
        <input className={inputCls} value={slug} onChange={(e) => setSlug(e.target.value)} name="slug" />
      </Field>
      <Field label={t("name")} error={fields.name}>
        <input className={inputCls} value={name} onChange={(e) => setName(e.target.value)} name="name" />
      </Field>
      {error && !Object.keys(fields).length && <p role="alert" className="col-span-2 text-sm text-rose-700">{error}</p>}
      <div className="col-span-2">
        <button className={buttonCls} disabled={pending}>{t("submit")}</button>
      </div>
    </form>
  );
}
