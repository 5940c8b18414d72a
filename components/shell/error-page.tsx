import type { ReactNode } from "react";

/** What the error pages say, in the reader's language. */
export interface ErrorText {
  title: string;
  body: string;
  home: string;
  retry: string;
  requestId: string;
  reference: string;
}

/**
 * What a person sees when a page fails or is not found: what happened, what to do, and the
 * ids to quote (the request's id and, for a failure, the error's reference, both in the log).
 * No client code of its own: the not-found page renders it on the server, the error boundary
 * (app/error.tsx) in the browser — so every page's JavaScript stays free of it.
 */
export function ErrorPage({ text, requestId, digest, retry }: { text: ErrorText; requestId?: string | null; digest?: string; retry?: () => void }) {
  const ids = [requestId && [text.requestId, requestId, "request-id"], digest && [text.reference, digest, "error-reference"]].filter((x): x is [string, string, string] => Boolean(x));
  const row = ([label, value, testId]: [string, string, string]): ReactNode => (
    <div key={testId} className="contents">
      <dt>{label}</dt>
      <dd className="font-mono" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
  return (
    <main className="mx-auto mt-16 max-w-lg rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-lg font-semibold text-slate-900">{text.title}</h1>
      <p className="mt-2 text-sm text-slate-700">{text.body}</p>
      {ids.length > 0 && <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs text-slate-700">{ids.map(row)}</dl>}
      <div className="mt-6 flex gap-3 text-sm">
        {retry && (
          <button type="button" onClick={retry} className="inline-flex items-center justify-center whitespace-nowrap rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700">
            {text.retry}
          </button>
        )}
        <a href="/" className="rounded-md border border-slate-300 px-3 py-1.5 text-slate-800 hover:bg-slate-50">
          {text.home}
        </a>
      </div>
    </main>
  );
}

/** The error pages' text from a translator of "errors.page" (next-intl's, server or client). */
export function errorText(t: (key: string) => string, kind: "failed" | "notFound"): ErrorText {
  return { title: t(`${kind}.title`), body: t(`${kind}.body`), home: t("home"), retry: t("retry"), requestId: t("requestId"), reference: t("reference") };
}
