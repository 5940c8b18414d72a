// What the usage charts get (lib/services/usage.ts samples it; components/apps/usage-panel.tsx
// draws it), one definition for the type and the API's documented answer.
import { z } from "zod";

/** [time (ms), value] */
export type Point = [number, number];

const series = (unit: string) => z.array(z.tuple([z.number(), z.number()])).meta({ description: `[time in ms, ${unit}]` });

export const appUsageSchema = z.object({
  state: z.enum(["ok", "unavailable", "failing", "starting"]).meta({ description: "unavailable: the cluster serves no metrics API (metrics.k8s.io)" }),
  sampleSeconds: z.number(),
  /** Per pod (cores and bytes over time). */
  pods: z.array(z.object({ name: z.string(), node: z.string().optional(), cpu: series("cores"), memory: series("bytes") })),
  /** Per pod, from the pod template (the same for every pod); undefined when not set. */
  requests: z.object({ cpu: z.number().optional(), memory: z.number().optional() }),
  limits: z.object({ cpu: z.number().optional(), memory: z.number().optional() }),
});

export type AppUsage = z.infer<typeof appUsageSchema>;
