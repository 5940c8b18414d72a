import { getTranslations } from "next-intl/server";
import { headers } from "next/headers";
import { ErrorPage, errorText } from "@/components/shell/error-page";

export default async function NotFound() {
  const t = await getTranslations("errors.page");
  return <ErrorPage text={errorText(t, "notFound")} requestId={(await headers()).get("x-request-id")} />;
}
