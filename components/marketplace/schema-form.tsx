"use client";
// A template's parameters as a form, generated from their schema, in the person's language:
// titles and descriptions from the schema's English and its x-berth Chinese texts; secret
// parameters as password fields; a choice (enum) as a list; long texts as a text area. Field
// errors the server names (values.<name>) are shown under their field; the server checks every
// value (lib/domain/templates.ts), so the browser carries no schema validator.
//
// Written here rather than with a form-from-schema library: a template's parameters are flat
// and of four primitive types (checkParametersSchema refuses anything else), and
// react-jsonschema-form with its validator weighed 118 KB gzip in this page's JavaScript for that.
import { useLocale, useTranslations } from "next-intl";
import { useId } from "react";
import type { ParameterSchema, ParametersSchema } from "@/lib/domain/templates";
import { inputCls } from "../ui/form";

export function SchemaForm({ schema, value, onChange, errors, secretsSet }: { schema: ParametersSchema; value: Record<string, unknown>; onChange: (v: Record<string, unknown>) => void; errors: Record<string, string>; secretsSet?: string[] }) {
  const zh = useLocale() === "zh-CN";
  const t = useTranslations("marketplace");
  const id = useId();
  const required = new Set(schema.required ?? []);
  const set = (name: string, v: unknown) => onChange({ ...value, [name]: v });
  return (
    <div className="space-y-3" data-testid="parameters-form">
      {Object.entries(schema.properties).map(([name, p]) => {
        const x = p["x-berth"];
        const title = (zh && x?.titleZh) || p.title || name;
        const description = (zh && x?.descriptionZh) || p.description;
        const error = errors[`values.${name}`];
        const fieldId = `${id}-${name}`;
        const describedBy = [description && `${fieldId}-d`, error && `${fieldId}-e`].filter(Boolean).join(" ") || undefined;
        const common = { id: fieldId, "aria-describedby": describedBy, "aria-invalid": error ? true : undefined, "aria-required": required.has(name) || undefined };
        const secret = x?.secret || x?.generate;
        const placeholder = !secret ? undefined : secretsSet?.includes(name) ? t("paramUnchanged") : x?.generate ? t("paramGenerated") : undefined;
        const shown = Object.hasOwn(value, name) ? value[name] : p.default;
        const label = (
          <>
            {title}
            {required.has(name) && <span aria-hidden> *</span>}
          </>
        );
        return (
          <div key={name} className="text-sm">
            {p.type === "boolean" ? (
              <label htmlFor={fieldId} className="flex items-center gap-2 font-medium text-slate-700">
                <input type="checkbox" {...common} checked={shown === true} onChange={(e) => set(name, e.target.checked)} />
                {label}
              </label>
            ) : (
              <label htmlFor={fieldId} className="block font-medium text-slate-700">{label}</label>
            )}
            {description && <p id={`${fieldId}-d`} className="mb-1 text-xs text-slate-600">{description}</p>}
            {p.type !== "boolean" && <Input p={p} common={common} secret={!!secret} placeholder={placeholder} shown={shown} required={required.has(name)} choose={t("paramChoose")} set={(v) => set(name, v)} />}
            {error && <p id={`${fieldId}-e`} role="alert" className="mt-1 text-xs text-rose-700">{error}</p>}
          </div>
        );
      })}
    </div>
  );
}

/** The control for one parameter that is not a checkbox; an emptied field is sent empty, and the server applies the default. */
function Input({ p, common, secret, placeholder, shown, required, choose, set }: { p: ParameterSchema; common: Record<string, unknown>; secret: boolean; placeholder?: string; shown: unknown; required: boolean; choose: string; set: (v: unknown) => void }) {
  const numeric = p.type === "integer" || p.type === "number";
  const parse = (text: string): unknown => (numeric && text.trim() !== "" && !Number.isNaN(Number(text)) ? Number(text) : text);
  const text = shown === undefined || shown === null ? "" : String(shown);
  if (p.enum) {
    return (
      <select className={inputCls} {...common} value={text} onChange={(e) => set(parse(e.target.value))}>
        {(!required || p.default === undefined) && <option value="">{choose}</option>}
        {p.enum.map((v) => <option key={String(v)} value={String(v)}>{String(v)}</option>)}
      </select>
    );
  }
  if (p.type === "string" && !secret && (p.maxLength ?? 0) > 1000) {
    return <textarea className={`${inputCls} font-mono text-xs`} rows={5} {...common} value={text} onChange={(e) => set(parse(e.target.value))} />;
  }
  return (
    <input
      className={inputCls}
      {...common}
      type={secret ? "password" : numeric ? "number" : "text"}
      step={p.type === "integer" ? 1 : numeric ? "any" : undefined}
      min={p.minimum}
      max={p.maximum}
      autoComplete={secret ? "new-password" : undefined}
      placeholder={placeholder}
      value={text}
      onChange={(e) => set(parse(e.target.value))}
    />
  );
}
