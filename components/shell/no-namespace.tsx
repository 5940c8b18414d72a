import { getTranslations } from "next-intl/server";
import { EmptyState } from "../ui/states";

/** For pages about one namespace when none is chosen: say which step comes next. */
export async function NoNamespace({ hasNamespaces }: { hasNamespaces: boolean }) {
  const t = await getTranslations("apps");
  return <EmptyState title={hasNamespaces ? t("chooseNamespace") : t("noTeamNamespace")} />;
}
