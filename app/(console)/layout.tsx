import { getLocale, getTranslations } from "next-intl/server";
import { ClusterPicker, LanguageSwitch, NamespacePicker, SignOutButton, TeamPicker } from "@/components/shell/pickers";
import { Sidebar } from "@/components/shell/sidebar";
import { requireConsole } from "@/lib/console";
import { localize } from "@/lib/domain/messages";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const ctx = await requireConsole();
  const t = await getTranslations("header");
  const chosen = ctx.contexts.find((c) => c.name === ctx.context);
  return (
    <div className="flex h-screen">
      <Sidebar />
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-14 items-center justify-between gap-4 border-b border-slate-200 bg-white px-6">
          <div className="flex items-center gap-4">
            <ClusterPicker contexts={ctx.contexts} current={ctx.context} />
            <TeamPicker teams={ctx.actor.memberships} current={ctx.actor.team?.slug ?? ""} />
            <NamespacePicker namespaces={ctx.namespaces} current={ctx.namespace} />
          </div>
          <div className="flex items-center gap-3">
            <LanguageSwitch />
            <span className="text-sm text-slate-600" data-testid="current-user" title={ctx.actor.user.email}>{ctx.actor.user.name}</span>
            <SignOutButton />
          </div>
        </header>
        {chosen?.unreachable && (
          <div role="alert" data-testid="cluster-unreachable" className="border-b border-amber-300 bg-amber-50 px-6 py-2 text-sm text-amber-900">
            {t("readOnlyBanner", { cluster: chosen.displayName, reason: localize(chosen.unreachable, await getLocale()) })}
          </div>
        )}
        <main className="min-w-0 flex-1 overflow-auto p-6" aria-label={t("cluster")} tabIndex={0}>{children}</main>
      </div>
    </div>
  );
}
