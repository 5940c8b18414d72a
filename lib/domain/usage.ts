// What the usage charts get (lib/services/usage.ts samples it; components/apps/usage-panel.tsx draws it).

/** [time (ms), value] */
export type Point = [number, number];

export interface AppUsage {
  /** "ok", or why there are no numbers: the cluster serves no metrics API, or it is failing */
  state: "ok" | "unavailable" | "failing" | "starting";
  sampleSeconds: number;
  /** Per pod (cores and bytes over time), the app's running pods first. */
  pods: { name: string; node?: string; cpu: Point[]; memory: Point[] }[];
  /** Per pod, from the pod template (the same for every pod); undefined when not set. */
  requests: { cpu?: number; memory?: number };
  limits: { cpu?: number; memory?: number };
}
