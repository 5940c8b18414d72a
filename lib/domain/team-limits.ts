// A team's limits: what its namespaces on one cluster together may reserve (the team's own,
// or a cluster's own where a platform admin set them), and how many namespaces it may have in
// all. A namespace quota an owner asks for must fit inside them with the team's other
// namespaces on that cluster. Pure: the quotas come in, a refusal (or none) goes out.
import { z } from "zod";
import { msg, type MessageKey } from "./messages";
import { isQuantity, parseQuantity } from "./quantity";

const quantity = (what: MessageKey) => z.string().trim().refine(isQuantity, msg("quantity", { what: msg(what) }));

export const teamLimitsInput = z.object({
  cpu: quantity("cpuQuota"),
  memory: quantity("memoryQuota"),
  pods: z.coerce.number().int().min(1).max(1_000_000),
  storage: quantity("storageQuota"),
  namespaces: z.coerce.number().int().min(0).max(10_000),
});
export type TeamLimits = z.infer<typeof teamLimitsInput>;

/** A team's limits on one cluster (the number of namespaces is the team's, across clusters). */
export const clusterLimitsInput = teamLimitsInput.omit({ namespaces: true });
export type ClusterLimits = z.infer<typeof clusterLimitsInput>;

export interface QuotaAmounts {
  cpu: string;
  memory: string;
  pods: number;
  storage: string;
}

const RESOURCES = [
  { key: "cpu", what: "limitCpu" },
  { key: "memory", what: "limitMemory" },
  { key: "pods", what: "limitPods" },
  { key: "storage", what: "limitStorage" },
] as const;

const amount = (v: string | number) => (typeof v === "number" ? v : (parseQuantity(v) ?? 0));

/** What the quotas reserve together, in base units (cores, bytes, pods). */
export function reserved(quotas: QuotaAmounts[]) {
  return Object.fromEntries(RESOURCES.map(({ key }) => [key, quotas.reduce((s, q) => s + amount(q[key]), 0)])) as Record<(typeof RESOURCES)[number]["key"], number>;
}

const shown = (key: string, v: number) => (key === "memory" || key === "storage" ? `${Math.round((v / 2 ** 30) * 100) / 100}Gi` : String(Math.round(v * 1000) / 1000));

/**
 * Why a team's namespaces would not fit its limits on `cluster` once `others` (its other
 * namespaces there) and `wanted` (a new or changed one) are counted, or null when they fit.
 */
export function exceedsTeamLimits(team: string, cluster: string, limits: TeamLimits, others: QuotaAmounts[], wanted: QuotaAmounts, namespacesAfter: number): string | null {
  if (namespacesAfter > limits.namespaces) return msg("teamNamespacesExceeded", { team, limit: String(limits.namespaces) });
  const total = reserved([...others, wanted]);
  for (const { key, what } of RESOURCES) {
    if (total[key] > amount(limits[key]) + 1e-9) return msg("teamLimitExceeded", { team, cluster, limit: String(limits[key]), what: msg(what), total: shown(key, total[key]) });
  }
  return null;
}
