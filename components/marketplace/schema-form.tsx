"use client";
// A template's parameters as a form, generated from their JSON Schema by react-jsonschema-form
// (the library OpenShift's console uses for Helm charts), in the person's language: titles
// and descriptions from the schema's English and its x-berth Chinese texts; secret
// parameters as password fields. Field errors the server names (values.<name>) are shown
// under their field. Loaded only by the pages that install or upgrade.
import Form from "@rjsf/core";
import type { RJSFSchema, UiSchema } from "@rjsf/utils";
import validator from "@rjsf/validator-ajv8";
import { useLocale } from "next-intl";
import { useMemo } from "react";
import type { ParametersSchema } from "@/lib/domain/templates";

const FORM_CLS =
  "[&_.form-group]:mb-3 [&_label]:block [&_label]:text-sm [&_label]:font-medium [&_label]:text-slate-700 [&_.field-description]:mb-1 [&_.field-description]:text-xs [&_.field-description]:text-slate-600 " +
  "[&_input:not([type=checkbox])]:block [&_input:not([type=checkbox])]:w-full [&_input]:rounded-md [&_input]:border [&_input]:border-slate-300 [&_input]:px-3 [&_input]:py-1.5 [&_input]:text-sm " +
  "[&_select]:block [&_select]:w-full [&_select]:rounded-md [&_select]:border [&_select]:border-slate-300 [&_select]:px-3 [&_select]:py-1.5 [&_select]:text-sm " +
  "[&_textarea]:block [&_textarea]:w-full [&_textarea]:rounded-md [&_textarea]:border [&_textarea]:border-slate-300 [&_textarea]:px-3 [&_textarea]:py-1.5 [&_textarea]:font-mono [&_textarea]:text-xs " +
  "[&_.error-detail]:text-xs [&_.error-detail]:text-rose-700 [&_.checkbox_label]:flex [&_.checkbox_label]:items-center [&_.checkbox_label]:gap-2 [&_legend]:sr-only";

export function SchemaForm({ schema, value, onChange, errors, secretsSet }: { schema: ParametersSchema; value: Record<string, unknown>; onChange: (v: Record<string, unknown>) => void; errors: Record<string, string>; secretsSet?: string[] }) {
  const locale = useLocale();
  const zh = locale === "zh-CN";
  const { formSchema, uiSchema } = useMemo(() => {
    const properties: Record<string, RJSFSchema> = {};
    const ui: UiSchema = { "ui:submitButtonOptions": { norender: true } };
    for (const [name, p] of Object.entries(schema.properties)) {
      const { "x-berth": x, ...rest } = p;
      properties[name] = { ...rest, title: (zh && x?.titleZh) || p.title || name, description: (zh && x?.descriptionZh) || p.description } as RJSFSchema;
      const secret = x?.secret || x?.generate;
      if (secret) ui[name] = { "ui:widget": "password", "ui:placeholder": secretsSet?.includes(name) ? (zh ? "（不变）" : "(unchanged)") : x?.generate ? (zh ? "（留空则自动生成）" : "(generated when empty)") : "" };
      else if (p.type === "string" && (p.maxLength ?? 0) > 1000) ui[name] = { "ui:widget": "textarea", "ui:options": { rows: 5 } };
    }
    return { formSchema: { type: "object", properties, required: schema.required } as RJSFSchema, uiSchema: ui };
  }, [schema, zh, secretsSet]);
  const extraErrors = useMemo(() => Object.fromEntries(Object.entries(errors).filter(([k]) => k.startsWith("values.")).map(([k, m]) => [k.slice("values.".length), { __errors: [m] }])), [errors]);
  return (
    <div className={FORM_CLS} data-testid="parameters-form">
      <Form schema={formSchema} uiSchema={uiSchema} validator={validator} formData={value} onChange={(e) => onChange((e.formData ?? {}) as Record<string, unknown>)} extraErrors={extraErrors as never} showErrorList={false} noHtml5Validate liveValidate={false}>
        <span />
      </Form>
    </div>
  );
}
