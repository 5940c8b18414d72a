"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { api } from "@/components/api";
import { buttonCls, Field, inputCls, useAction } from "@/components/ui/form";

export function SetPasswordForm() {
  const t = useTranslations("setPassword");
  const router = useRouter();
  const { pending, error, fields, run, setError } = useAction();
  const [token, setToken] = useState<string | null>(null);
  const [password, setPassword] = useState("");
  const [again, setAgain] = useState("");
  useEffect(() => setToken(window.location.hash.slice(1) || ""), []);

  if (token === "") return <p role="alert" className="text-sm text-rose-700">{t("noToken")} <Link className="underline" href="/login">{t("toLogin")}</Link></p>;
  return (
    <form
      className="space-y-4"
      onSubmit={async (e) => {
        e.preventDefault();
        if (password !== again) return setError(t("mismatch"));
        const ok = await run(() => api("POST", "/api/password-links", { token, password }).then(() => true));
        if (ok) router.replace("/login?notice=passwordSet");
      }}
    >
      <Field label={t("password")} error={fields.password} hint={t("hint")}>
        <input className={inputCls} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </Field>
      <Field label={t("confirm")}>
        <input className={inputCls} type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} />
      </Field>
      {error && !fields.password && (
        <p role="alert" className="text-sm text-rose-700" data-testid="set-password-error">
          {error} <Link className="underline" href="/login">{t("toLogin")}</Link>
        </p>
      )}
      <button className={`w-full ${buttonCls}`} disabled={pending || !token || !password}>{t("submit")}</button>
    </form>
  );
}
