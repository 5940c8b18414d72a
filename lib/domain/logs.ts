// Log lines as the kubelet returns them with timestamps=true ("<RFC3339Nano> <text>"),
// and the merge of several pods' logs into one time-ordered view. Pure.
export interface LogLine {
  pod: string;
  ts: string;
  text: string;
}

export function parseLogLines(pod: string, raw: string): LogLine[] {
  return raw
    .split("\n")
    .filter((l) => l.length > 0)
    .map((l) => {
      const sp = l.indexOf(" ");
      const ts = sp > 0 ? l.slice(0, sp) : "";
      return /^\d{4}-\d{2}-\d{2}T/.test(ts) ? { pod, ts, text: l.slice(sp + 1) } : { pod, ts: "", text: l };
    });
}

/** Merges per-pod logs by timestamp (stable for equal stamps), keeping the last `max` lines. */
export function mergeLogs(perPod: LogLine[][], max: number): LogLine[] {
  const all = perPod.flatMap((lines, podIndex) => lines.map((l, i) => ({ l, podIndex, i })));
  all.sort((a, b) => (a.l.ts < b.l.ts ? -1 : a.l.ts > b.l.ts ? 1 : a.podIndex - b.podIndex || a.i - b.i));
  return all.slice(-max).map((x) => x.l);
}

export const LOG_LIMITS = { defaultTail: 200, maxTail: 5000, defaultBytes: 256 * 1024, maxBytes: 5 * 1024 * 1024, maxPods: 20 } as const;
