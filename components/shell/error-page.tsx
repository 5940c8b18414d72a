"use client";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { buttonCls } from "@/components/ui/form";
import { useRequestId } from "./request-id";

/**
 * What a person sees when a page fails or is not found: what happened, what to do, and the
 * ids to quote (the request's id and, for a failure, the error's reference, both in the log).
 */
export function ErrorPage({ kind, digest, retry, requestId }: { kind: "failed" | "notFound"; digest?: string; retry?: () => void; requestId?: string | null }) {
  const t = useTranslations("errors.page");
  const fromLayout = useRequestId();
  const id = requestId ?? fromLayout;
  const ids = [id && [t("requestId"), id, "request-id"], digest && [t("reference"), digest, "error-reference"]].filter((x): x is [string, string, string] => Boolean(x));
  return (
    <main className="mx-auto mt-16 max-w-lg rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-lg font-semibold text-slate-900">{t(`${kind}.title`)}</h1>
      <p className="mt-2 text-sm text-slate-700">{t(`${kind}.body`)}</p>
      {ids.length > 0 && (
        <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs text-slate-700">
          {ids.map(([label, value, testId]) => (
            <div key={testId} className="contents">
              <dt>{label}</dt>
              <dd className="font-mono" data-testid={testId}>
                {value}
              </dd>
            </div>
          ))}
        </dl>
      )}
      <div className="mt-6 flex gap-3 text-sm">
        {retry && (
          <button type="button" onClick={retry} className={buttonCls}>
            {t("retry")}
          </button>
        )}
        <Link href="/" className="rounded-md border border-slate-300 px-3 py-1.5 text-slate-800 hover:bg-slate-50">
          {t("home")}
        </Link>
      </div>
    </main>
  );
}
