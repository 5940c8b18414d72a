import { getTranslations } from "next-intl/server";
import { EmptyState, PageHeader } from "../ui/states";

/**
 * For pages about one namespace when none is chosen: say which step comes next. With `title`,
 * the whole page (its header and that).
 */
export async function NoNamespace({ hasNamespaces, title }: { hasNamespaces: boolean; title?: string }) {
  const t = await getTranslations("apps");
  const next = <EmptyState title={hasNamespaces ? t("chooseNamespace") : t("noTeamNamespace")} />;
  if (!title) return next;
  return (
    <>
      <PageHeader title={title} />
      {next}
    </>
  );
}
