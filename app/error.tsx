"use client";
import { useTranslations } from "next-intl";
import { ErrorPage, errorText } from "@/components/shell/error-page";
import { useRequestId } from "@/components/shell/request-id";

// A page that failed on the server: the console logs the error with this request's id and the
// reference (instrumentation.ts onRequestError), and the page shows both.
export default function Failed({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errors.page");
  return <ErrorPage text={errorText(t, "failed")} requestId={useRequestId()} digest={error.digest} retry={reset} />;
}
