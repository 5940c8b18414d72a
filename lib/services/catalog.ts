// The marketplace's catalog for a person: curated templates read from the repository
// (prisma/templates/<slug>/: template.yaml, README.md, README.zh-CN.md, versions/*.yaml)
// and seeded into the database at start, then listed and shown by what the person may see.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import YAML from "yaml";
import { z } from "zod";
import type { Actor } from "../auth/actor";
import { TEMPLATE_CATEGORIES } from "../domain/categories";
import { msg } from "../domain/messages";
import { CHART_MAX_BYTES, readChart } from "../domain/charts";
import { checkParametersSchema, resolveValues, TemplateError } from "../domain/templates";
import { receiveUpload } from "../http/multipart";
import { renderVersion, templateAppError, type RenderableVersion } from "./render";
import { addVersionRow, createTemplateRow, findTemplate, listTemplates, markEdited, seedTemplates, updateTemplateRow, updateVersionRow, type CatalogTemplate } from "../db/templates";
import { requireTeam } from "../db/teams";
import { AppError } from "../errors";

// Read at run time from the working directory (the container image copies prisma/templates
// there); the turbopackIgnore marks keep the build from tracing the whole project for these reads.
export const catalogDir = () => process.env.BERTH_TEMPLATES_DIR || path.join(/*turbopackIgnore: true*/ process.cwd(), "prisma", "templates");

/** The curated templates in the repository, each version's parameters checked. */
export function readCatalog(dir = catalogDir()): CatalogTemplate[] {
  if (!existsSync(/*turbopackIgnore: true*/ dir)) return [];
  return readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => {
      const base = path.join(/*turbopackIgnore: true*/ dir, d.name);
      const meta = YAML.parse(readFileSync(/*turbopackIgnore: true*/ path.join(base, "template.yaml"), "utf8")) as { name: string; category: string; icon: string; maintainer: string; description: { en: string; zh: string } };
      const read = (f: string) => (existsSync(/*turbopackIgnore: true*/ path.join(base, f)) ? readFileSync(/*turbopackIgnore: true*/ path.join(base, f), "utf8") : "");
      const versions = readdirSync(/*turbopackIgnore: true*/ path.join(base, "versions"))
        .filter((f) => f.endsWith(".yaml"))
        .map((f) => {
          const v = YAML.parse(readFileSync(/*turbopackIgnore: true*/ path.join(base, "versions", f), "utf8")) as { version: string; changelog?: string; parameters: unknown; manifests: string };
          try {
            checkParametersSchema(v.parameters);
          } catch (e) {
            throw new Error(`${d.name}/versions/${f}: ${(e as TemplateError).message}`);
          }
          return { version: String(v.version), changelog: v.changelog ?? "", parameters: v.parameters, manifests: v.manifests };
        });
      return { slug: d.name, name: meta.name, category: meta.category, icon: meta.icon, maintainer: meta.maintainer, description: meta.description.en, descriptionZh: meta.description.zh, readme: read("README.md"), readmeZh: read("README.zh-CN.md"), versions };
    });
}

/** At console start: new curated templates and versions into the database. */
export async function seedCatalog() {
  return seedTemplates(readCatalog());
}

export const templateQuery = z.object({ q: z.string().max(100).optional(), category: z.enum(TEMPLATE_CATEGORIES).optional() });

const teamIdsOf = (actor: Actor) => actor.memberships.map((m) => m.teamId);
const ownedTeamIds = (actor: Actor) => actor.memberships.filter((m) => m.role === "owner").map((m) => m.teamId);

/** Who curates a template: platform admins; a team's owners for the team's private ones. */
const canCurate = (actor: Actor, t: { teamId: string | null }) => actor.user.platformAdmin || (t.teamId !== null && ownedTeamIds(actor).includes(t.teamId));

/** Whether a person may make templates at all (the marketplace shows them "New template"). */
export const mayAuthorTemplates = (actor: Actor) => actor.user.platformAdmin || ownedTeamIds(actor).length > 0;

export async function listCatalog(actor: Actor, q: z.infer<typeof templateQuery>) {
  const rows = await listTemplates(teamIdsOf(actor), { q: q.q, category: q.category, unpublishedOf: actor.user.platformAdmin ? "all" : ownedTeamIds(actor) });
  return {
    items: rows.map((t) => ({
      slug: t.slug,
      name: t.name,
      category: t.category,
      icon: t.icon,
      description: t.description,
      descriptionZh: t.descriptionZh,
      maintainer: t.maintainer,
      private: t.teamId !== null,
      published: t.published,
      latest: t.versions.find((v) => !v.deprecated)?.version ?? t.versions[0]?.version,
    })),
  };
}

/** A template a person may see (public, or private to one of their teams), with its versions. */
export async function visibleTemplate(actor: Actor, slug: string) {
  const t = await findTemplate(slug);
  const visible = t && (t.teamId === null || teamIdsOf(actor).includes(t.teamId) || actor.user.platformAdmin) && (t.published || canCurate(actor, t));
  if (!t || !visible) throw new AppError("not_found", msg("templateNotFound", { slug }));
  return t;
}

/** A template with its versions; its curators also get each version's manifests (to start a new version from). */
export async function getTemplate(actor: Actor, slug: string) {
  const t = await visibleTemplate(actor, slug);
  const curator = canCurate(actor, t);
  return {
    slug: t.slug,
    name: t.name,
    category: t.category,
    icon: t.icon,
    maintainer: t.maintainer,
    description: t.description,
    descriptionZh: t.descriptionZh,
    readme: t.readme,
    readmeZh: t.readmeZh,
    private: t.teamId !== null,
    published: t.published,
    source: t.source,
    canEdit: curator,
    versions: t.versions.map((v) => ({ version: v.version, kind: v.kind, changelog: v.changelog, deprecated: v.deprecated, parameters: v.parameters, createdAt: v.createdAt, ...(curator && v.kind !== "helm" ? { manifests: v.manifests } : {}) })),
  };
}

/**
 * Who may add a template: platform admins for everyone; a team's owners (or platform admins)
 * for a template private to that team. Returns the team's id, or null for everyone's.
 */
async function templateOwner(actor: Actor, team?: string): Promise<string | null> {
  if (!team) {
    if (!actor.user.platformAdmin) throw new AppError("forbidden", msg("adminsOnlyTemplates"));
    return null;
  }
  const m = actor.memberships.find((x) => x.slug === team);
  if (m?.role !== "owner" && !actor.user.platformAdmin) throw new AppError("forbidden", msg("ownersOnly", { team, role: m?.role ?? "-" }));
  return m?.teamId ?? (await requireTeam(team)).id;
}

/**
 * A template's parameters and manifests (or chart) rendered as release "preview" in namespace
 * "preview", with its defaults, the given values and "sample" for strings without a default:
 * the objects it makes, or the reason it cannot be saved (invalid YAML, cluster-wide objects…).
 */
async function previewRender(slug: string, version: string, v: RenderableVersion, values: Record<string, unknown> = {}) {
  try {
    const schema = checkParametersSchema(v.parameters);
    const samples = Object.fromEntries(Object.entries(schema.properties).filter(([, p]) => p.default === undefined && p.type === "string" && !p.enum).map(([k]) => [k, "sample"]));
    const sample = resolveValues(schema, { ...samples, ...values }, () => "sample-password");
    return await renderVersion(v, { name: "preview", namespace: "preview", template: slug, version }, sample);
  } catch (e) {
    throw templateAppError(e);
  }
}
const previewCheck = async (slug: string, version: string, v: RenderableVersion) => void (await previewRender(slug, version, v));

/** Names the marketplace's own pages and routes use (/marketplace/new, /api/templates/charts…). */
const RESERVED_SLUGS = new Set(["new", "installed", "charts", "preview"]);
const slugField = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, msg("dnsLabel", { what: "slug" }))
  .refine((s) => !RESERVED_SLUGS.has(s), { message: msg("slugReserved", { names: [...RESERVED_SLUGS].join(", ") }) });

export const templateInput = z.object({
  slug: slugField,
  name: z.string().trim().min(1).max(100),
  category: z.enum(TEMPLATE_CATEGORIES),
  icon: z.string().max(8).default("📦"),
  description: z.string().max(1000).default(""),
  descriptionZh: z.string().max(1000).default(""),
  readme: z.string().max(64 * 1024).default(""),
  readmeZh: z.string().max(64 * 1024).default(""),
  /** A team's private template (its owners may make them); none for everyone (platform admins). */
  team: z.string().max(63).optional(),
  /** false: a draft only its curators see until they publish it. */
  published: z.boolean().default(true),
  version: z.string().trim().min(1).max(40),
  changelog: z.string().max(4000).default(""),
  parameters: z.record(z.string(), z.unknown()),
  manifests: z.string().max(256 * 1024),
});

/**
 * A new template (platform admins; a team owner for a private one), checked before it is
 * saved: its parameters schema, and a preview render with its defaults and sample secrets —
 * a template that renders invalid YAML or cluster-wide objects never reaches the catalog.
 */
export async function createTemplate(actor: Actor, input: z.infer<typeof templateInput>) {
  const teamId = await templateOwner(actor, input.team);
  await previewCheck(input.slug, input.version, { kind: "manifests", manifests: input.manifests, parameters: input.parameters, chart: null });
  if (await findTemplate(input.slug)) throw new AppError("conflict", msg("templateExists", { slug: input.slug }));
  await createTemplateRow({
    slug: input.slug,
    name: input.name,
    category: input.category,
    icon: input.icon,
    description: input.description,
    descriptionZh: input.descriptionZh || input.description,
    readme: input.readme,
    readmeZh: input.readmeZh || input.readme,
    maintainer: actor.user.email,
    source: teamId ? "team" : "admin",
    teamId,
    published: input.published,
    version: { version: input.version, changelog: input.changelog, parameters: input.parameters, manifests: input.manifests },
  });
  return getTemplate(actor, input.slug);
}

export const versionInput = templateInput.pick({ version: true, changelog: true, parameters: true, manifests: true }).extend({ deprecated: z.boolean().default(false) });

/** A new version of a template (its admins: platform admins, or the owning team's owners), checked like a new template. */
async function curatedTemplate(actor: Actor, slug: string) {
  const t = await visibleTemplate(actor, slug);
  if (!canCurate(actor, t)) throw new AppError("forbidden", msg("adminsOnlyTemplates"));
  return t;
}

export async function addTemplateVersion(actor: Actor, slug: string, input: z.infer<typeof versionInput>) {
  const t = await curatedTemplate(actor, slug);
  await previewCheck(slug, input.version, { kind: "manifests", manifests: input.manifests, parameters: input.parameters, chart: null });
  if (t.versions.some((v) => v.version === input.version)) throw new AppError("conflict", msg("templateVersionExists", { slug, version: input.version }));
  await addVersionRow(t.id, input);
  if (t.source === "curated") await markEdited(t.id);
  return getTemplate(actor, slug);
}

/**
 * A Helm chart archive imported as a template (platform admins; a team owner for a private
 * one): its values.schema.json becomes the form (or a YAML values editor), its README the
 * readme; rendered with `helm template` once here with its defaults, so a chart that makes
 * cluster-wide objects or does not render is refused before it reaches the catalog. The same
 * chart name again adds a version.
 */
export async function importChart(actor: Actor, req: Request) {
  const upload = await receiveUpload(req, "file", CHART_MAX_BYTES);
  try {
    if (!upload.file) throw new AppError("bad_request", msg("uploadMissing"));
    const teamId = await templateOwner(actor, upload.fields.team || undefined);
    const archive = await readFile(upload.file.path);
    let chart;
    try {
      chart = await readChart(archive);
    } catch (e) {
      throw templateAppError(e);
    }
    const parsed = slugField.safeParse((upload.fields.slug || chart.name).toLowerCase());
    if (!parsed.success) throw new AppError("bad_request", parsed.error.issues[0].message);
    const slug = parsed.data;
    const version = { version: chart.version, changelog: upload.fields.changelog ?? "", parameters: chart.parameters, manifests: "", kind: "helm", chart: archive };
    await previewCheck(slug, chart.version, version);
    const existing = await findTemplate(slug);
    if (existing) {
      if (existing.source !== "helm") throw new AppError("conflict", msg("templateExists", { slug }));
      if (existing.versions.some((v) => v.version === chart.version)) throw new AppError("conflict", msg("templateVersionExists", { slug, version: chart.version }));
      await addVersionRow(existing.id, { ...version, deprecated: false });
    } else {
      const category = z.enum(TEMPLATE_CATEGORIES).safeParse(upload.fields.category || "other");
      if (!category.success) throw new AppError("bad_request", category.error.issues[0].message);
      await createTemplateRow({ slug, name: chart.name, category: category.data, icon: "⎈", description: chart.description, descriptionZh: chart.description, readme: chart.readme, readmeZh: chart.readme, maintainer: actor.user.email, source: "helm", teamId, version });
    }
    return getTemplate(actor, slug);
  } finally {
    await upload.cleanup();
  }
}

export const templatePatch = templateInput.pick({ name: true, category: true, icon: true, description: true, descriptionZh: true, readme: true, readmeZh: true }).partial().extend({ published: z.boolean().optional() });

/**
 * A template's texts changed, or it published / taken back to draft (its curators). A curated
 * template an admin changed is never overwritten by re-seeding afterwards.
 */
export async function updateTemplate(actor: Actor, slug: string, patch: z.infer<typeof templatePatch>) {
  const t = await curatedTemplate(actor, slug);
  const data = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  await updateTemplateRow(t.id, { ...data, ...(t.source === "curated" ? { editedByAdmin: true } : {}) });
  return getTemplate(actor, slug);
}

export const versionPatch = z.object({ deprecated: z.boolean().optional(), changelog: z.string().max(4000).optional() });

/**
 * A version deprecated (no longer offered for new installs; releases on it keep running and
 * can upgrade) or restored. The last version still offered cannot be deprecated: unpublish
 * the template instead.
 */
export async function updateTemplateVersion(actor: Actor, slug: string, version: string, patch: z.infer<typeof versionPatch>) {
  const t = await curatedTemplate(actor, slug);
  const v = t.versions.find((x) => x.version === version);
  if (!v) throw new AppError("not_found", msg("templateVersionNotFound", { version }));
  if (patch.deprecated && !v.deprecated && !t.versions.some((x) => x.id !== v.id && !x.deprecated)) throw new AppError("unprocessable", msg("lastVersionOffered", { version }));
  await updateVersionRow(v.id, patch);
  if (t.source === "curated") await markEdited(t.id);
  return getTemplate(actor, slug);
}

export const previewInput = z.object({
  slug: templateInput.shape.slug.default("preview"),
  version: z.string().max(40).default("0.0.0"),
  parameters: z.record(z.string(), z.unknown()),
  manifests: z.string().max(256 * 1024),
  values: z.record(z.string().max(63), z.unknown()).default({}),
});

/**
 * A template being written, rendered with sample values for its author (anyone who may make
 * templates): the objects as YAML, or the reason it would be refused. Nothing is saved or applied.
 */
export async function previewTemplate(actor: Actor, input: z.infer<typeof previewInput>) {
  if (!mayAuthorTemplates(actor)) throw new AppError("forbidden", msg("adminsOnlyTemplates"));
  const objects = await previewRender(input.slug, input.version, { kind: "manifests", manifests: input.manifests, parameters: input.parameters, chart: null }, input.values);
  return {
    objects: objects.map((o) => ({ kind: o.kind, name: o.metadata?.name ?? "" })),
    yaml: objects.map((o) => YAML.stringify(o)).join("---\n"),
  };
}
