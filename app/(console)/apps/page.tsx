import { getTranslations } from "next-intl/server";
import { EmptyState, PageHeader } from "@/components/ui/states";

export default async function Page() {
  const nav = await getTranslations("nav");
  const t = await getTranslations("placeholder");
  return (
    <>
      <PageHeader title={nav("apps")} subtitle={t("apps")} />
      <EmptyState title={t("notYet")} />
    </>
  );
}
