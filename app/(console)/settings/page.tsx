import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { PasswordForm, SignOutEverywhere } from "@/components/settings/account";
import { Tokens } from "@/components/settings/tokens";
import { AuditLog } from "@/components/team/audit-log";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/states";
import { listTokens } from "@/lib/auth/tokens";
import { ownAccount } from "@/lib/services/accounts";
import { requireConsole } from "@/lib/console";
import { clusterServer, configSource } from "@/lib/k8s/config";

export default async function SettingsPage() {
  const t = await getTranslations("settings");
  const ctx = await requireConsole();
  const [tokens, account] = await Promise.all([listTokens(ctx.actor.user.id), ownAccount(ctx.actor)]);
  let source = "—";
  let server = ctx.clusterError ?? "—";
  if (!ctx.clusterError && ctx.service) {
    source = configSource();
    server = clusterServer(ctx.service);
  }
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return (
    <>
      <PageHeader title={t("title")} />
      <div className="space-y-6">
        <Card
          title={t("tokens.title")}
          action={
            <Link href="/settings/api" className="text-sm text-brand-700 underline">
              {t("api.link")}
            </Link>
          }
        >
          <Tokens tokens={tokens.map((tk) => ({ ...tk, createdAt: tk.createdAt.toISOString(), expiresAt: iso(tk.expiresAt), revokedAt: iso(tk.revokedAt), lastUsedAt: iso(tk.lastUsedAt) }))} />
        </Card>
        <Card title={t("password.title")}>
          <PasswordForm hasPassword={account.hasPassword} />
        </Card>
        <Card title={t("sessions.title")}>
          <SignOutEverywhere />
        </Card>
        {ctx.actor.user.platformAdmin && (
          <Card title={t("audit")}>
            <AuditLog />
          </Card>
        )}
        <Card
          title={t("cluster.title")}
          action={
            ctx.actor.user.platformAdmin ? (
              <Link href="/settings/clusters" className="text-sm text-brand-700 underline">
                {t("clusters.link")}
              </Link>
            ) : undefined
          }
        >
          <dl className="grid grid-cols-[8rem_1fr] gap-y-2 text-sm">
            <dt className="text-slate-500">{t("cluster.source")}</dt>
            <dd>{source}</dd>
            <dt className="text-slate-500">{t("cluster.server")}</dt>
            <dd className="font-mono text-xs">{server}</dd>
          </dl>
        </Card>
      </div>
    </>
  );
}
