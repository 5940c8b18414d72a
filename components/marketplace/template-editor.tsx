"use client";
// Writing a template (a new one, or a new version of one): its parameters (a JSON Schema,
// written as YAML) and its manifests, with a preview render with sample values before saving.
// The server checks everything again; the browser only parses the YAML to say where it breaks.
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import YAML from "yaml";
import { localize } from "@/components/localize";
import { api, ApiError } from "../api";
import { buttonCls, Field, inputCls, secondaryCls } from "../ui/form";
import { TEMPLATE_CATEGORIES } from "@/lib/domain/categories";

export const STARTER_PARAMETERS = `type: object
required: [image, replicas]
properties:
  image: { type: string, title: Image, default: "nginx:1", x-berth: { titleZh: 镜像 } }
  replicas: { type: integer, title: Replicas, default: 1, minimum: 1, maximum: 10, x-berth: { titleZh: 副本数 } }
`;

export const STARTER_MANIFESTS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: "{{release.name}}"
spec:
  replicas: "{{values.replicas}}"
  selector:
    matchLabels: { app: "{{release.name}}" }
  template:
    metadata:
      labels: { app: "{{release.name}}" }
    spec:
      containers:
      - name: app
        image: "{{values.image}}"
---
apiVersion: v1
kind: Service
metadata:
  name: "{{release.name}}"
spec:
  selector: { app: "{{release.name}}" }
  ports:
  - { name: http, port: 80, targetPort: 80 }
`;

type Details = { slug: string; name: string; category: string; icon: string; description: string; descriptionZh: string; readme: string; readmeZh: string; team: string };

/**
 * mode "new": a whole template (details, first version); "version": a new version of `slug`.
 * `teams`: the teams the person owns (a private template's team); `everyone`: may publish for
 * every team (platform admins).
 */
export function TemplateEditor(props: { mode: "new"; teams: { slug: string; name: string }[]; everyone: boolean } | { mode: "version"; slug: string; parameters: string; manifests: string }) {
  const t = useTranslations("curate");
  const tm = useTranslations("marketplace");
  const locale = useLocale();
  const router = useRouter();
  const [details, setDetails] = useState<Details>({ slug: "", name: "", category: "application", icon: "📦", description: "", descriptionZh: "", readme: "", readmeZh: "", team: props.mode === "new" && !props.everyone ? (props.teams[0]?.slug ?? "") : "" });
  const [version, setVersion] = useState(props.mode === "new" ? "1.0.0" : "");
  const [changelog, setChangelog] = useState("");
  const [parameters, setParameters] = useState(props.mode === "new" ? STARTER_PARAMETERS : props.parameters);
  const [manifests, setManifests] = useState(props.mode === "new" ? STARTER_MANIFESTS : props.manifests);
  const [preview, setPreview] = useState<{ objects: { kind: string; name: string }[]; yaml: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  const set = (k: keyof Details) => (e: { target: { value: string } }) => setDetails({ ...details, [k]: e.target.value });

  /** The parameters YAML as an object, or null after saying where it breaks. */
  function parsedParameters(): Record<string, unknown> | null {
    try {
      const doc = YAML.parse(parameters) as unknown;
      if (!doc || typeof doc !== "object" || Array.isArray(doc)) throw new Error(t("parametersObject"));
      return doc as Record<string, unknown>;
    } catch (e) {
      const line = (e as { linePos?: { line: number }[] }).linePos?.[0]?.line;
      setError(line ? t("parametersYamlAt", { line, reason: (e as Error).message.split("\n")[0] }) : t("parametersYaml", { reason: (e as Error).message }));
      return null;
    }
  }

  async function run(what: "preview" | "draft" | "publish" | "version") {
    setError(null);
    setFields({});
    const params = parsedParameters();
    if (!params) return;
    setPending(true);
    try {
      if (what === "preview") {
        setPreview(await api("POST", "/api/templates/preview", { slug: details.slug || undefined, parameters: params, manifests }));
      } else if (props.mode === "version") {
        await api("PUT", `/api/templates/${props.slug}`, { version, changelog, parameters: params, manifests });
        router.push(`/marketplace/${props.slug}/edit`);
        router.refresh();
      } else {
        const { team, ...rest } = details;
        const out = await api<{ slug: string }>("POST", "/api/templates", { ...rest, team: team || undefined, version, changelog, parameters: params, manifests, published: what === "publish" });
        router.push(`/marketplace/${out.slug}/edit`);
      }
    } catch (e) {
      if (what === "preview") setPreview(null);
      setError(localize((e as Error).message, locale));
      if (e instanceof ApiError && e.fields) setFields(Object.fromEntries(Object.entries(e.fields).map(([k, v]) => [k, localize(v, locale)])));
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-4">
      {props.mode === "new" && (
        <fieldset className="grid grid-cols-1 gap-3 md:grid-cols-2">
          <legend className="mb-2 text-sm font-semibold text-slate-900">{t("details")}</legend>
          <Field label={t("slug")} hint={t("slugHint")} error={fields.slug}>
            <input className={inputCls} value={details.slug} onChange={set("slug")} />
          </Field>
          <Field label={t("name")} error={fields.name}>
            <input className={inputCls} value={details.name} onChange={set("name")} />
          </Field>
          <Field label={tm("categoryLabel")}>
            <select className={inputCls} value={details.category} onChange={set("category")}>
              {TEMPLATE_CATEGORIES.map((c) => <option key={c} value={c}>{tm(`category.${c}`)}</option>)}
            </select>
          </Field>
          <Field label={t("icon")} hint={t("iconHint")} error={fields.icon}>
            <input className={inputCls} value={details.icon} onChange={set("icon")} />
          </Field>
          <Field label={t("visibility")}>
            <select className={inputCls} value={details.team} onChange={set("team")}>
              {props.everyone && <option value="">{t("everyone")}</option>}
              {props.teams.map((team) => <option key={team.slug} value={team.slug}>{t("teamOnly", { team: team.name })}</option>)}
            </select>
          </Field>
          <div />
          <Field label={t("description")} error={fields.description}>
            <input className={inputCls} value={details.description} onChange={set("description")} />
          </Field>
          <Field label={t("descriptionZh")} hint={t("zhHint")}>
            <input className={inputCls} value={details.descriptionZh} onChange={set("descriptionZh")} />
          </Field>
          <Field label={t("readme")}>
            <textarea className={`${inputCls} h-24`} value={details.readme} onChange={set("readme")} />
          </Field>
          <Field label={t("readmeZh")} hint={t("zhHint")}>
            <textarea className={`${inputCls} h-24`} value={details.readmeZh} onChange={set("readmeZh")} />
          </Field>
        </fieldset>
      )}
      <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
        <Field label={tm("version")} hint={t("versionHint")} error={fields.version}>
          <input className={inputCls} value={version} onChange={(e) => setVersion(e.target.value)} />
        </Field>
        <Field label={t("changelog")}>
          <input className={inputCls} value={changelog} onChange={(e) => setChangelog(e.target.value)} />
        </Field>
      </div>
      <Field label={t("parameters")} hint={t("parametersHint")}>
        <textarea spellCheck={false} className={`${inputCls} h-48 font-mono text-xs`} value={parameters} onChange={(e) => { setParameters(e.target.value); setPreview(null); }} />
      </Field>
      <Field label={t("manifests")} hint={t("manifestsHint")}>
        <textarea spellCheck={false} className={`${inputCls} h-80 font-mono text-xs`} value={manifests} onChange={(e) => { setManifests(e.target.value); setPreview(null); }} />
      </Field>
      {error && <p role="alert" className="text-sm text-rose-700" data-testid="editor-error">{error}</p>}
      <div className="flex flex-wrap gap-2">
        <button type="button" className={secondaryCls} disabled={pending} onClick={() => run("preview")}>{t("previewButton")}</button>
        {props.mode === "new" ? (
          <>
            <button type="button" className={secondaryCls} disabled={pending} onClick={() => run("draft")}>{t("saveDraft")}</button>
            <button type="button" className={buttonCls} disabled={pending} onClick={() => run("publish")}>{t("createPublish")}</button>
          </>
        ) : (
          <button type="button" className={buttonCls} disabled={pending} onClick={() => run("version")}>{t("addVersion")}</button>
        )}
      </div>
      {preview && (
        <section aria-label={t("previewTitle")} data-testid="template-preview">
          <h3 className="mb-1 text-sm font-semibold">{t("previewTitle")}</h3>
          <p className="mb-2 text-sm text-slate-600">{preview.objects.map((o) => `${o.kind}/${o.name}`).join(", ")}</p>
          <pre tabIndex={0} aria-label={t("previewTitle")} className="max-h-96 overflow-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">{preview.yaml}</pre>
        </section>
      )}
    </div>
  );
}
