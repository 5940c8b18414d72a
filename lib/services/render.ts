// One way to turn a template version and a release's values into the objects to apply:
// Berth's own manifests (lib/domain/templates.ts), or an imported Helm chart rendered by
// `helm template` (lib/helm/render.ts) and then checked the same way.
import { chartValues } from "../domain/charts";
import { checkParametersSchema, checkRendered, renderRelease, TemplateError, type ReleaseRef, type ResolvedValues } from "../domain/templates";
import { AppError } from "../errors";
import type { ImportObject } from "../domain/import";
import { helmTemplate } from "../helm/render";

export interface RenderableVersion {
  kind: string;
  manifests: string;
  parameters: unknown;
  chart: Uint8Array | null;
}

/** A template's problem as the error a person reads: field errors are a 400, anything else a 422. */
export function templateAppError(e: unknown): unknown {
  if (!(e instanceof TemplateError)) return e;
  const fields = Object.keys(e.fields).length ? { fields: e.fields } : undefined;
  return new AppError(fields ? "bad_request" : "unprocessable", e.message, fields);
}

export async function renderVersion(v: RenderableVersion, release: ReleaseRef, values: ResolvedValues): Promise<ImportObject[]> {
  if (v.kind !== "helm") return renderRelease(v.manifests, release, values);
  const yaml = await helmTemplate(Buffer.from(v.chart ?? []), release.name, release.namespace, chartValues(checkParametersSchema(v.parameters), values.plain, values.secrets));
  return checkRendered(yaml, release);
}
