"use client";
import { useTranslations } from "next-intl";
import { Badge } from "../ui/badge";

export interface DiffEntry { kind: string; name: string; action: "create" | "update" | "unchanged"; diff: string }

/** A unified diff per object, lines coloured by + and −. */
export function DiffView({ diffs }: { diffs: DiffEntry[] }) {
  const t = useTranslations("wizard");
  const label = { create: t("created"), update: t("updated"), unchanged: t("unchanged") };
  return (
    <div className="space-y-3" data-testid="diff-view">
      {diffs.map((d) => (
        <div key={`${d.kind}/${d.name}`} className="rounded-md border border-slate-200">
          <div className="flex items-center gap-2 border-b border-slate-100 px-3 py-2 text-sm">
            <span className="font-mono">{d.kind}/{d.name}</span>
            <Badge tone={d.action === "create" ? "green" : d.action === "update" ? "blue" : "slate"}>{label[d.action]}</Badge>
          </div>
          {d.action !== "unchanged" && (
            <pre tabIndex={0} aria-label={`${d.kind}/${d.name}`} className="max-h-80 overflow-auto p-3 font-mono text-xs leading-5 focus:outline focus:outline-2 focus:outline-brand-500">
              {d.diff.split("\n").slice(4).map((line, i) => (
                <div key={i} className={line.startsWith("+") ? "bg-emerald-50 text-emerald-800" : line.startsWith("-") ? "bg-rose-50 text-rose-800" : line.startsWith("@@") ? "text-slate-600" : "text-slate-700"}>{line || " "}</div>
              ))}
            </pre>
          )}
        </div>
      ))}
    </div>
  );
}
