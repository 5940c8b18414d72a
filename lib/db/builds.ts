// Build records: what was built from what, where it went, and how it went.
import type { Prisma } from "./generated/client";
import { db } from "./client";

export interface BuildStep {
  name: string;
  startedAt: string;
  finishedAt?: string;
  detail?: string;
}

/** What lists and streams show (no log). */
const SUMMARY = {
  id: true,
  namespace: true,
  createdBy: true,
  sourceKind: true,
  sourceName: true,
  sourceSize: true,
  gitUrl: true,
  gitRef: true,
  gitCommit: true,
  strategy: true,
  base: true,
  registry: true,
  image: true,
  digest: true,
  port: true,
  status: true,
  steps: true,
  error: true,
  pipelineId: true,
  updateApp: true,
  appUpdated: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  updatedAt: true,
} as const;

export type BuildSummary = Prisma.BuildGetPayload<{ select: typeof SUMMARY }>;

export function createBuildRow(data: Prisma.BuildUncheckedCreateInput) {
  return db().build.create({ data, select: SUMMARY });
}

export function buildById(id: string) {
  return db().build.findUnique({ where: { id } });
}

export function updateBuildRow(id: string, data: Prisma.BuildUncheckedUpdateInput) {
  return db().build.update({ where: { id }, data });
}

/** Updates a build only while it is Running; answers how many rows changed (0: cancelled or finished meanwhile). */
export async function updateRunningBuild(id: string, data: Prisma.BuildUncheckedUpdateManyInput): Promise<number> {
  return (await db().build.updateMany({ where: { id, status: "Running" }, data })).count;
}

/** Newest first, paged by creation time; filtered by status or text. */
export function listBuildRows(namespace: string, q: { limit: number; before?: Date; status?: string; q?: string; pipelineId?: string }) {
  return db().build.findMany({
    where: {
      namespace,
      ...(q.before ? { createdAt: { lt: q.before } } : {}),
      ...(q.status ? { status: q.status as never } : {}),
      ...(q.pipelineId ? { pipelineId: q.pipelineId } : {}),
      ...(q.q ? { OR: [{ image: { contains: q.q, mode: "insensitive" as const } }, { sourceName: { contains: q.q, mode: "insensitive" as const } }, { createdBy: { contains: q.q, mode: "insensitive" as const } }] } : {}),
    },
    orderBy: { createdAt: "desc" },
    take: q.limit,
    select: SUMMARY,
  });
}

/** Builds of a namespace changed since a moment (what the live stream sends). */
export function buildsChangedSince(namespace: string, since: Date) {
  return db().build.findMany({ where: { namespace, updatedAt: { gt: since } }, orderBy: { updatedAt: "asc" }, take: 100, select: SUMMARY });
}

/** The consoles (host:pid) running or holding builds, of those whose name starts with `prefix`. */
export async function activeRunners(prefix: string): Promise<string[]> {
  const rows = await db().build.findMany({ where: { status: { in: ["Pending", "Running"] }, runner: { startsWith: prefix } }, distinct: ["runner"], select: { runner: true } });
  return rows.map((r) => r.runner!).filter(Boolean);
}

/** Builds that were running in a console that is gone: by runner (a restart) or by silence (a dead replica). */
export function failOrphanedBuilds(where: Prisma.BuildWhereInput, error: string) {
  return db().build.updateMany({ where: { status: { in: ["Pending", "Running"] }, builder: "console", ...where }, data: { status: "Failed", error, finishedAt: new Date() } });
}

/**
 * In-cluster builds a console that is gone was following, taken over by `runner`: each row
 * is claimed with a compare-and-set on its old runner, so two consoles never follow one build.
 */
export async function claimClusterBuilds(where: Prisma.BuildWhereInput, runner: string) {
  const found = await db().build.findMany({ where: { status: "Running", builder: "cluster", ...where }, take: 50 });
  const claimed = [];
  for (const b of found) {
    const r = await db().build.updateMany({ where: { id: b.id, status: "Running", runner: b.runner }, data: { runner, heartbeatAt: new Date() } });
    if (r.count === 1) claimed.push(b);
  }
  return claimed;
}

export const layerCacheDb = {
  async get(key: string) {
    const r = await db().layerCache.findUnique({ where: { key } });
    return r ? { diffId: r.diffId, digest: r.digest, size: Number(r.size) } : undefined;
  },
  async put(key: string, l: { diffId: string; digest: string; size: number }) {
    await db().layerCache.upsert({ where: { key }, create: { key, ...l, size: BigInt(l.size) }, update: { ...l, size: BigInt(l.size) } });
  },
};
