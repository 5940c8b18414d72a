// Marketplace templates and releases in the database. Releases record what Berth applied
// and the operation it runs; what runs is read from Kubernetes. Secret values are stored
// sealed and only lib/services/releases.ts opens them.
import type { Prisma } from "./generated/client";
import { db } from "./client";

export interface CatalogTemplate {
  slug: string;
  name: string;
  category: string;
  icon: string;
  maintainer: string;
  description: string;
  descriptionZh: string;
  readme: string;
  readmeZh: string;
  versions: { version: string; changelog: string; parameters: unknown; manifests: string }[];
}

/**
 * Curated templates from the repository: new ones created, new versions added; a template an
 * admin edited keeps the admin's texts, and an existing version is never overwritten.
 */
export async function seedTemplates(catalog: CatalogTemplate[]): Promise<{ templates: number; versions: number }> {
  let templates = 0;
  let versions = 0;
  for (const t of catalog) {
    const { versions: vs, ...fields } = t;
    const existing = await db().appTemplate.findUnique({ where: { slug: t.slug } });
    const row = existing
      ? existing.editedByAdmin || existing.source !== "curated"
        ? existing
        : await db().appTemplate.update({ where: { id: existing.id }, data: fields })
      : await db().appTemplate.create({ data: { ...fields, source: "curated" } });
    if (!existing) templates++;
    for (const v of vs) {
      const made = await db().appTemplateVersion.createMany({ data: [{ templateId: row.id, version: v.version, changelog: v.changelog, parameters: v.parameters as Prisma.InputJsonValue, manifests: v.manifests }], skipDuplicates: true });
      versions += made.count;
    }
  }
  return { templates, versions };
}

/**
 * Templates a person sees: public ones and their teams' private ones, with their versions
 * (newest first); published ones, and the drafts they curate (every draft, or those of the
 * teams they own).
 */
export async function listTemplates(teamIds: string[], opts: { q?: string; category?: string; unpublishedOf?: "all" | string[] } = {}) {
  const where: Prisma.AppTemplateWhereInput = {
    AND: [
      { OR: [{ teamId: null }, { teamId: { in: teamIds } }] },
      opts.unpublishedOf === "all" ? {} : { OR: [{ published: true }, { teamId: { in: opts.unpublishedOf ?? [] } }] },
      opts.category ? { category: opts.category } : {},
      opts.q ? { OR: [{ name: { contains: opts.q, mode: "insensitive" } }, { description: { contains: opts.q, mode: "insensitive" } }, { descriptionZh: { contains: opts.q } }, { slug: { contains: opts.q, mode: "insensitive" } }] } : {},
    ],
  };
  return db().appTemplate.findMany({ where, orderBy: { name: "asc" }, include: { versions: { select: { version: true, deprecated: true, createdAt: true }, orderBy: { createdAt: "desc" } } } });
}

type NewVersion = CatalogTemplate["versions"][number] & { kind?: string; chart?: Uint8Array | null };

export async function createTemplateRow(t: Omit<CatalogTemplate, "versions"> & { source: string; teamId: string | null; published?: boolean; version: NewVersion }) {
  const { version, ...fields } = t;
  return db().appTemplate.create({ data: { ...fields, versions: { create: [{ ...version, parameters: version.parameters as Prisma.InputJsonValue, chart: version.chart ? Buffer.from(version.chart) : null }] } } });
}

export async function addVersionRow(templateId: string, v: NewVersion & { deprecated: boolean }) {
  return db().appTemplateVersion.create({ data: { templateId, ...v, parameters: v.parameters as Prisma.InputJsonValue, chart: v.chart ? Buffer.from(v.chart) : null } });
}

export async function updateTemplateRow(id: string, data: Prisma.AppTemplateUpdateInput) {
  await db().appTemplate.update({ where: { id }, data });
}

export async function updateVersionRow(id: string, data: { deprecated?: boolean; changelog?: string }) {
  await db().appTemplateVersion.update({ where: { id }, data });
}

/** An admin changed a curated template: re-seeding keeps the admin's texts. */
export async function markEdited(id: string) {
  await db().appTemplate.update({ where: { id }, data: { editedByAdmin: true } });
}

export async function findTemplate(slug: string) {
  return db().appTemplate.findUnique({ where: { slug }, include: { versions: { orderBy: { createdAt: "desc" } } } });
}

// ---------------------------------------------------------------- releases

export async function findRelease(namespace: string, name: string) {
  return db().release.findUnique({ where: { namespace_name: { namespace, name } }, include: { template: true, version: true, history: { orderBy: { revision: "desc" } } } });
}

export async function listReleases(namespace: string) {
  return db().release.findMany({ where: { namespace }, orderBy: { name: "asc" }, include: { template: true, version: true, history: { orderBy: { revision: "desc" } } } });
}

export async function createRelease(data: Prisma.ReleaseUncheckedCreateInput) {
  return db().release.create({ data });
}

/**
 * Starts an operation on a release unless another one is applying (compare-and-set on the
 * phase): false means someone else's operation is in progress. An apply past its deadline
 * counts as finished (its process died), so no hold outlives a crash.
 */
export async function claimRelease(id: string, action: string, deadline: Date): Promise<boolean> {
  const r = await db().release.updateMany({
    where: { id, OR: [{ phase: { not: "applying" } }, { deadline: { lt: new Date() } }] },
    data: { phase: "applying", action, deadline, reason: null },
  });
  return r.count === 1;
}

export async function updateRelease(id: string, data: Prisma.ReleaseUncheckedUpdateInput) {
  return db().release.update({ where: { id }, data });
}

export async function addRevision(data: Prisma.ReleaseRevisionUncheckedCreateInput) {
  return db().releaseRevision.create({ data });
}

export async function deleteRelease(id: string) {
  await db().release.delete({ where: { id } });
}

/** Operations past their deadline: not ready in time, or an apply whose console stopped mid-operation. */
export async function staleReleases() {
  return db().release.findMany({ where: { phase: { in: ["pending", "applying"] }, deadline: { lt: new Date() } }, select: { namespace: true, name: true } });
}
