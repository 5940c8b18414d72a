"use client";
// The person's own account in Settings: change (or, for an SSO-only account, set) the
// password, and sign out everywhere. Both end every session, this one too.
import { signOut } from "@/components/auth-client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { api } from "../api";
import { buttonCls, dangerCls, Field, inputCls, useAction } from "../ui/form";

export function PasswordForm({ hasPassword }: { hasPassword: boolean }) {
  const t = useTranslations("settings.password");
  const { pending, error, fields, run, setError } = useAction();
  const [current, setCurrent] = useState("");
  const [password, setPassword] = useState("");
  const [again, setAgain] = useState("");
  return (
    <form
      className="max-w-md space-y-3"
      onSubmit={async (e) => {
        e.preventDefault();
        if (password !== again) return setError(t("mismatch"));
        const ok = await run(() => api("PUT", "/api/me/password", { current: hasPassword ? current : undefined, password }).then(() => true));
        if (ok) await signOut("/login?notice=passwordChanged");
      }}
    >
      {!hasPassword && <p className="text-sm text-slate-600">{t("noPassword")}</p>}
      {hasPassword && (
        <Field label={t("current")} error={fields.current}>
          <input className={inputCls} type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
        </Field>
      )}
      <Field label={t("new")} error={fields.password} hint={t("hint")}>
        <input className={inputCls} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </Field>
      <Field label={t("confirm")}>
        <input className={inputCls} type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} />
      </Field>
      {error && !fields.current && !fields.password && <p role="alert" className="text-sm text-rose-700">{error}</p>}
      <button className={buttonCls} disabled={pending || !password || (hasPassword && !current)}>{hasPassword ? t("submit") : t("set")}</button>
    </form>
  );
}

export function SignOutEverywhere() {
  const t = useTranslations("settings.sessions");
  const { pending, error, run } = useAction();
  return (
    <div>
      <p className="text-sm text-slate-600">{t("hint")}</p>
      {error && <p role="alert" className="mt-2 text-sm text-rose-700">{error}</p>}
      <button
        type="button"
        className={`mt-3 ${dangerCls}`}
        disabled={pending}
        onClick={async () => {
          if (!window.confirm(t("confirm"))) return;
          if (await run(() => api("DELETE", "/api/me/sessions").then(() => true))) await signOut("/login?notice=signedOutEverywhere");
        }}
      >
        {t("submit")}
      </button>
    </div>
  );
}
