import { useTranslations } from "next-intl";

export interface OperationView {
  id: string;
  method: string;
  path: string;
  summary: string;
  auth: "token" | "public" | "signature";
  parameters: { name: string; in: string; required: boolean; schema?: unknown }[];
  body: { type: string; schema?: unknown }[];
  responses: { status: string; types: { type: string; schema?: unknown }[] }[];
}

// Method colours with at least 4.5:1 contrast on their background (WCAG AA).
const METHOD = {
  GET: "bg-sky-50 text-sky-800",
  POST: "bg-emerald-50 text-emerald-800",
  PUT: "bg-amber-50 text-amber-900",
  PATCH: "bg-violet-50 text-violet-800",
  DELETE: "bg-rose-50 text-rose-800",
} as Record<string, string>;

const typeOf = (schema: unknown): string => {
  const s = schema as { type?: string | string[]; format?: string; enum?: unknown[]; pattern?: string } | undefined;
  if (!s) return "";
  if (s.enum) return s.enum.map(String).join(" | ");
  return [[s.type].flat().filter(Boolean).join(" | "), s.format].filter(Boolean).join(", ");
};

function Schema({ schema, label }: { schema: unknown; label: string }) {
  if (schema === undefined) return null;
  return (
    <pre aria-label={label} tabIndex={0} className="mt-1 max-h-80 overflow-auto rounded bg-slate-50 p-2 font-mono text-xs text-slate-800">
      {JSON.stringify(schema, null, 2)}
    </pre>
  );
}

/** One operation of the API reference: a disclosure with its parameters, body and answers. */
export function ApiOperation({ op }: { op: OperationView }) {
  const t = useTranslations("settings.api");
  return (
    <details className="rounded-lg border border-slate-200 bg-white shadow-sm" id={op.id}>
      <summary className="flex cursor-pointer flex-wrap items-center gap-3 px-3 py-2 text-sm">
        <span className={`w-16 rounded px-1.5 py-0.5 text-center font-mono text-xs font-semibold ${METHOD[op.method] ?? "bg-slate-100 text-slate-800"}`}>{op.method}</span>
        <code className="font-mono text-xs text-slate-900">{op.path}</code>
        <span className="text-slate-700">{op.summary}</span>
        {op.auth !== "token" && <span className="rounded bg-slate-100 px-1.5 text-xs text-slate-700">{t(`auth_${op.auth}`)}</span>}
      </summary>
      <div className="space-y-4 border-t border-slate-100 px-3 py-3 text-sm">
        {op.parameters.length > 0 && (
          <div>
            <h3 className="font-medium text-slate-800">{t("parameters")}</h3>
            <table className="mt-1 w-full text-left text-xs">
              <thead className="text-slate-600">
                <tr>
                  <th scope="col" className="py-1 pr-3 font-medium">{t("name")}</th>
                  <th scope="col" className="py-1 pr-3 font-medium">{t("in")}</th>
                  <th scope="col" className="py-1 pr-3 font-medium">{t("type")}</th>
                  <th scope="col" className="py-1 font-medium">{t("required")}</th>
                </tr>
              </thead>
              <tbody className="text-slate-800">
                {op.parameters.map((p) => (
                  <tr key={`${p.in}-${p.name}`} className="border-t border-slate-100">
                    <td className="py-1 pr-3 font-mono">{p.name}</td>
                    <td className="py-1 pr-3">{t(`where_${p.in === "path" ? "path" : "query"}`)}</td>
                    <td className="py-1 pr-3 font-mono">{typeOf(p.schema)}</td>
                    <td className="py-1">{p.required ? t("yes") : t("no")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {op.body.map((b) => (
          <div key={b.type}>
            <h3 className="font-medium text-slate-800">
              {t("body")} <span className="font-mono text-xs font-normal text-slate-600">{b.type}</span>
            </h3>
            <Schema schema={b.schema} label={`${t("body")} ${op.method} ${op.path}`} />
          </div>
        ))}
        <div>
          <h3 className="font-medium text-slate-800">{t("responses")}</h3>
          <ul className="mt-1 space-y-2">
            {op.responses.map((r) => (
              <li key={r.status}>
                <span className="font-mono text-xs font-semibold text-slate-900">{r.status === "default" ? t("errorStatus") : r.status}</span>
                {r.types.length === 0 && <span className="ml-2 text-xs text-slate-600">{t("noContent")}</span>}
                {r.status !== "default" &&
                  r.types.map((c) => (
                    <div key={c.type}>
                      <span className="font-mono text-xs text-slate-600">{c.type}</span>
                      <Schema schema={c.schema} label={`${t("responses")} ${r.status} ${op.method} ${op.path}`} />
                    </div>
                  ))}
                {r.status === "default" && <span className="ml-2 text-xs text-slate-600">{t("errorShape")}</span>}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </details>
  );
}
