import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ReleaseStatusBadge } from "@/components/marketplace/release-status";
import { LoadFailed } from "@/components/shell/load-failed";
import { NoNamespace } from "@/components/shell/no-namespace";
import { Table } from "@/components/ui/table";
import { EmptyState, PageHeader } from "@/components/ui/states";
import { requireConsole } from "@/lib/console";
import { listReleases } from "@/lib/services/releases";

export default async function InstalledPage() {
  const t = await getTranslations("marketplace");
  const ctx = await requireConsole();
  const ns = ctx.single;
  const browse = <Link href="/marketplace" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700">{t("browse")}</Link>;
  if (!ns) {
    return <NoNamespace title={t("installedTitle")} hasNamespaces={ctx.namespaces.length > 0} />;
  }
  try {
    const { items } = await listReleases(ctx.actor, ns);
    return (
      <>
        <PageHeader title={t("installedTitle")} subtitle={t("installedSubtitle", { namespace: ns })} actions={browse} />
        {items.length === 0 ? (
          <EmptyState title={t("noReleases")} action={browse} />
        ) : (
          <Table headers={[t("releaseName"), t("template"), t("version"), t("statusTitle")]} testId="releases-table">
            {items.map((r) => (
              <tr key={r.name} data-testid="release-row">
                <td className="px-3 py-2"><Link href={`/marketplace/installed/${r.name}`} className="font-medium text-brand-700 underline">{r.name}</Link></td>
                <td className="px-3 py-2">{r.template.icon} {r.template.name}</td>
                <td className="px-3 py-2 font-mono text-xs">{r.version}{r.upgradeAvailable && <span className="ml-2 rounded bg-sky-100 px-1.5 text-sky-900">{t("upgradeAvailable", { version: r.latest })}</span>}</td>
                <td className="px-3 py-2"><ReleaseStatusBadge status={r.status} reason={r.reason} /></td>
              </tr>
            ))}
          </Table>
        )}
      </>
    );
  } catch (e) {
    return <LoadFailed title={t("installedTitle")} error={e} />;
  }
}
