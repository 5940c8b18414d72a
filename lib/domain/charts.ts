// A Helm chart archive (.tgz) read as a marketplace template: its Chart.yaml (name, version,
// description), README and values, and the parameters its values.schema.json gives — used
// as the form when every top-level value is a plain field, otherwise one YAML values editor
// pre-filled with the chart's values.yaml. Reads only the archive's bytes; bounded.
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import tar from "tar-stream";
import YAML from "yaml";
import { msg } from "./messages";
import { TemplateError, type ParameterSchema, type ParametersSchema } from "./templates";

export const CHART_MAX_BYTES = 2 * 1024 * 1024;
const FILE_MAX_BYTES = 256 * 1024;
const WANTED = new Set(["Chart.yaml", "values.yaml", "values.schema.json", "README.md"]);

export interface ChartInfo {
  name: string;
  version: string;
  description: string;
  readme: string;
  values: string;
  parameters: ParametersSchema;
  /** true when the form is one YAML editor (the schema is nested, or there is none). */
  yamlValues: boolean;
}

/** The chart's top-level files (charts are archived as <name>/<file>). */
async function topFiles(archive: Buffer): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const extract = tar.extract();
  let total = 0;
  const done = new Promise<void>((resolve, reject) => {
    extract.on("entry", (header, stream, next) => {
      const parts = header.name.replace(/^\.\//, "").split("/");
      const wanted = parts.length === 2 && WANTED.has(parts[1]) && header.type === "file";
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on("data", (data: unknown) => {
        const c = data as Buffer;
        total += c.length;
        if (total > 8 * CHART_MAX_BYTES) return stream.destroy(new TemplateError(msg("chartTooLarge")));
        if (!wanted) return;
        size += c.length;
        if (size > FILE_MAX_BYTES) return stream.destroy(new TemplateError(msg("chartTooLarge")));
        chunks.push(c);
      });
      stream.on("end", () => {
        if (wanted && !files.has(parts[1])) files.set(parts[1], Buffer.concat(chunks).toString("utf8"));
        next();
      });
      stream.on("error", reject);
    });
    extract.on("finish", resolve);
    extract.on("error", reject);
  });
  const gunzip = createGunzip();
  gunzip.on("error", () => extract.destroy(new TemplateError(msg("chartNotArchive"))));
  Readable.from([archive]).pipe(gunzip).pipe(extract);
  try {
    await done;
  } catch (e) {
    throw e instanceof TemplateError ? e : new TemplateError(msg("chartNotArchive"));
  }
  return files;
}

const SCALARS = new Set(["string", "integer", "number", "boolean"]);

export async function readChart(archive: Buffer): Promise<ChartInfo> {
  if (archive.length > CHART_MAX_BYTES) throw new TemplateError(msg("chartTooLarge"));
  const files = await topFiles(archive);
  const chartYaml = files.get("Chart.yaml");
  if (!chartYaml) throw new TemplateError(msg("chartNoChartYaml"));
  const meta = (YAML.parse(chartYaml, { maxAliasCount: 10 }) ?? {}) as { name?: string; version?: string; description?: string };
  if (!meta.name || !meta.version) throw new TemplateError(msg("chartNoChartYaml"));
  const values = files.get("values.yaml") ?? "";
  let schema: { type?: string; properties?: Record<string, ParameterSchema & { type?: unknown }>; required?: string[] } | undefined;
  if (files.has("values.schema.json")) {
    try {
      schema = JSON.parse(files.get("values.schema.json")!);
    } catch {
      throw new TemplateError(msg("chartBadSchema"));
    }
  }
  const flat = schema?.type === "object" && schema.properties && Object.values(schema.properties).every((p) => SCALARS.has(String(p.type)));
  const parameters: ParametersSchema = flat
    ? {
        type: "object",
        required: schema!.required,
        properties: Object.fromEntries(Object.entries(schema!.properties!).map(([k, p]) => [k, { ...p, "x-berth": { ...(p["x-berth"] ?? {}), ...(p.format === "password" ? { secret: true } : {}) } }])) as Record<string, ParameterSchema>,
      }
    : { type: "object", properties: { values: { type: "string", title: "values.yaml", description: "The chart's values, as YAML.", default: values, maxLength: 65536, "x-berth": { yaml: true, titleZh: "values.yaml", descriptionZh: "Chart 的参数值（YAML）。" } } } };
  return { name: meta.name, version: String(meta.version), description: meta.description ?? "", readme: files.get("README.md") ?? "", values, parameters, yamlValues: !flat };
}

/** The values a chart is rendered with: the form's fields, or the YAML editor's text as an object. */
export function chartValues(schema: ParametersSchema, plain: Record<string, unknown>, secrets: Record<string, string>): Record<string, unknown> {
  if (!schema.properties.values?.["x-berth"]?.yaml) return { ...plain, ...Object.fromEntries(Object.entries(secrets).filter(([, v]) => v !== "")) };
  let parsed: unknown;
  try {
    parsed = YAML.parse(String(plain.values ?? ""), { maxAliasCount: 100 });
  } catch (e) {
    throw new TemplateError(msg("paramsInvalid"), { "values.values": (e as Error).message.split("\n")[0] });
  }
  if (parsed !== null && parsed !== undefined && (typeof parsed !== "object" || Array.isArray(parsed))) throw new TemplateError(msg("paramsInvalid"), { "values.values": msg("chartValuesMapping") });
  return (parsed ?? {}) as Record<string, unknown>;
}
