"use client";
import { ErrorPage } from "@/components/shell/error-page";

// A page that failed on the server: the console logs the error with this request's id and the
// reference (instrumentation.ts onRequestError), and the page shows both.
export default function Failed({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorPage kind="failed" digest={error.digest} retry={reset} />;
}
