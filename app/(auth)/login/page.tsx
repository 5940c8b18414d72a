import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LanguageSwitch } from "@/components/shell/pickers";
import { oidcProvider } from "@/lib/auth/options";
import { resolveActor } from "@/lib/auth/actor";
import { LoginForm } from "./login-form";

export const dynamic = "force-dynamic";

export default async function LoginPage() {
  if (await resolveActor().catch(() => null)) redirect("/");
  const t = await getTranslations();
  return (
    <div className="flex min-h-screen items-center justify-center bg-slate-900 px-4">
      <div className="w-full max-w-sm rounded-xl bg-white p-8 shadow-xl">
        <div className="mb-6 flex items-start justify-between">
          <div>
            <h1 className="text-lg font-semibold">{t("login.title")}</h1>
            <p className="mt-1 text-xs text-slate-500">{t("app.tagline")}</p>
          </div>
          <LanguageSwitch />
        </div>
        <LoginForm sso={oidcProvider()?.name} />
      </div>
    </div>
  );
}
