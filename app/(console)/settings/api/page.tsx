import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { apiDocument } from "@/app/api/openapi.json/document";
import { ApiOperation, type OperationView } from "@/components/settings/api-operation";
import { PageHeader } from "@/components/ui/states";
import { requireConsole } from "@/lib/console";

type Op = {
  summary?: string;
  "x-summary-zh-CN"?: string;
  tags?: string[];
  security?: Record<string, unknown>[];
  parameters?: { in: string; name: string; required?: boolean; schema?: unknown }[];
  requestBody?: { content: Record<string, { schema?: unknown }> };
  responses: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
};

/** The API reference: /api/openapi.json, grouped by what each operation acts on. */
export default async function ApiReferencePage() {
  await requireConsole();
  const [t, locale] = await Promise.all([getTranslations("settings.api"), getLocale()]);
  const doc = apiDocument() as unknown as { info: { version: string }; paths: Record<string, Record<string, Op>> };
  const groups = new Map<string, OperationView[]>();
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = op.tags?.[0] ?? "other";
      const view: OperationView = {
        id: `${method}-${path}`.replace(/[^A-Za-z0-9]+/g, "-"),
        method: method.toUpperCase(),
        path,
        summary: (locale === "zh-CN" ? op["x-summary-zh-CN"] : undefined) ?? op.summary ?? "",
        auth: op.security === undefined ? "token" : op.security.length === 0 ? "public" : "signature",
        parameters: (op.parameters ?? []).map((p) => ({ name: p.name, in: p.in, required: Boolean(p.required), schema: p.schema })),
        body: op.requestBody ? Object.entries(op.requestBody.content).map(([type, c]) => ({ type, schema: c.schema })) : [],
        responses: Object.entries(op.responses).map(([status, r]) => ({ status, types: Object.entries(r.content ?? {}).map(([type, c]) => ({ type, schema: c.schema })) })),
      };
      groups.set(tag, [...(groups.get(tag) ?? []), view]);
    }
  }
  const tags = [...groups.keys()].sort((a, b) => a.localeCompare(b));
  const label = (tag: string) => (t.has(`tags.${tag}`) ? t(`tags.${tag}`) : tag);
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle", { version: doc.info.version })} />
      <div className="mb-6 space-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-700 shadow-sm">
        <p>{t("auth")}</p>
        <p>
          <code className="rounded bg-slate-100 px-1 font-mono text-xs">curl -H &quot;Authorization: Bearer $BERTH_TOKEN&quot; {"<console>"}/api/me</code>
        </p>
        <p>{t("errors")}</p>
        <p className="flex flex-wrap gap-4">
          <Link href="/settings" className="text-brand-700 underline">
            {t("makeToken")}
          </Link>
          <a href="/api/openapi.json" className="text-brand-700 underline">
            {t("raw")}
          </a>
        </p>
      </div>
      <nav aria-label={t("groups")} className="mb-6 flex flex-wrap gap-2 text-sm">
        {tags.map((tag) => (
          <a key={tag} href={`#group-${tag}`} className="rounded-md border border-slate-200 bg-white px-2 py-1 text-slate-700 hover:bg-slate-50">
            {label(tag)} <span className="text-slate-600">({groups.get(tag)!.length})</span>
          </a>
        ))}
      </nav>
      <div className="space-y-8">
        {tags.map((tag) => (
          <section key={tag} id={`group-${tag}`} aria-labelledby={`group-${tag}-title`}>
            <h2 id={`group-${tag}-title`} className="mb-2 text-base font-semibold text-slate-900">
              {label(tag)}
            </h2>
            <ul className="space-y-2">
              {groups.get(tag)!.map((op) => (
                <li key={op.id}>
                  <ApiOperation op={op} />
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </>
  );
}
