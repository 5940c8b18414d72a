import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { oidcProvider } from "@/lib/auth/options";
import { promised } from "@/lib/maybe";
import { resolveActor } from "@/lib/auth/actor";
import { AuthCard } from "../auth-card";
import { LoginForm } from "./login-form";

export const dynamic = "force-dynamic";

/** next-auth's sign-in error codes (https://next-auth.js.org/configuration/pages#sign-in-page), as one message each. */
function ssoError(code: string | undefined): "ssoDenied" | "ssoNotAllowed" | "ssoFailed" | undefined {
  if (!code) return undefined;
  if (code === "NotAllowed") return "ssoNotAllowed"; // Berth's own: refused by OIDC_ALLOWED_DOMAINS / OIDC_REQUIRED_GROUPS
  return code === "AccessDenied" ? "ssoDenied" : "ssoFailed";
}

/** What the person just did that brought them here (changed their password, signed out everywhere …). */
const NOTICES = new Set(["passwordChanged", "signedOutEverywhere", "passwordSet"]);

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ error?: string | string[]; notice?: string | string[] }> }) {
  if (await promised(() => resolveActor()).catch(() => null)) redirect("/");
  const t = await getTranslations();
  const { error, notice: rawNotice } = await searchParams;
  const problem = ssoError(Array.isArray(error) ? error[0] : error);
  const notice = [rawNotice].flat().find((n) => n && NOTICES.has(n)) as "passwordChanged" | "signedOutEverywhere" | "passwordSet" | undefined;
  return (
    <AuthCard title={t("login.title")} subtitle={t("login.tagline")}>
      {problem && (
        <p role="alert" className="mb-4 rounded-md bg-rose-50 p-3 text-sm text-rose-800">
          {t(`login.${problem}`, { name: oidcProvider()?.name ?? "SSO" })}
        </p>
      )}
      {notice && (
        <p role="status" className="mb-4 rounded-md bg-emerald-50 p-3 text-sm text-emerald-800" data-testid="login-notice">
          {t(`login.${notice}`)}
        </p>
      )}
      <LoginForm sso={oidcProvider()?.name} />
    </AuthCard>
  );
}
