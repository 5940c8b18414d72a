import { getTranslations } from "next-intl/server";
import { LanguageSwitch } from "@/components/shell/pickers";
import { SetPasswordForm } from "./set-password-form";

export const dynamic = "force-dynamic";

/** Where an invitation or reset link leads: the token is in the address's fragment, read by the form. */
export default async function SetPasswordPage() {
  const t = await getTranslations("setPassword");
  return (
    <div className="flex min-h-screen items-center justify-center bg-slate-900 px-4">
      <main className="w-full max-w-sm rounded-xl bg-white p-8 shadow-xl">
        <div className="mb-6 flex items-start justify-between">
          <div>
            {/* eslint-disable-next-line @next/next/no-img-element -- a static SVG from public/ */}
            <img src="/logo.svg" alt="Berth" width={40} height={40} className="mb-3 h-10 w-10" />
            <h1 className="text-lg font-semibold">{t("title")}</h1>
            <p className="mt-1 text-xs text-slate-600">{t("intro")}</p>
          </div>
          <LanguageSwitch />
        </div>
        <SetPasswordForm />
      </main>
    </div>
  );
}
