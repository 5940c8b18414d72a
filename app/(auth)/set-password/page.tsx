import { getTranslations } from "next-intl/server";
import { AuthCard } from "../auth-card";
import { SetPasswordForm } from "./set-password-form";

export const dynamic = "force-dynamic";

/** Where an invitation or reset link leads: the token is in the address's fragment, read by the form. */
export default async function SetPasswordPage() {
  const t = await getTranslations("setPassword");
  return (
    <AuthCard title={t("title")} subtitle={t("intro")}>
      <SetPasswordForm />
    </AuthCard>
  );
}
