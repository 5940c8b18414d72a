// Kubernetes resource quantities (https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/):
// parsing for display and validation. Pure; no I/O.

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

const QUANTITY = /^([+-]?[0-9]+(?:\.[0-9]*)?|[+-]?\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$/;

/** Parses a quantity string to a number in base units (cores, bytes). Returns undefined when it is not one. */
export function parseQuantity(q: string): number | undefined {
  const m = QUANTITY.exec(q.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const suffix = m[2] ?? "";
  if (suffix in BINARY) return n * BINARY[suffix];
  if (suffix in DECIMAL) return n * DECIMAL[suffix];
  if (/^[eE]/.test(suffix)) return n * 10 ** Number(suffix.slice(1));
  return undefined;
}

export function isQuantity(q: string): boolean {
  return parseQuantity(q) !== undefined;
}

/** "3500m" → "3.5", "4" → "4" (cores, up to 2 decimals). */
export function formatCpu(q: string | undefined): string {
  const v = q === undefined ? undefined : parseQuantity(q);
  if (v === undefined) return "—";
  return String(Math.round(v * 100) / 100);
}

/** Bytes to the largest binary unit with one decimal: 34359738368 → "32 GiB". */
export function formatBytes(q: string | number | undefined): string {
  const v = typeof q === "number" ? q : q === undefined ? undefined : parseQuantity(q);
  if (v === undefined) return "—";
  const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
  let x = v;
  let i = 0;
  while (x >= 1024 && i < units.length - 1) {
    x /= 1024;
    i++;
  }
  const r = Math.round(x * 10) / 10;
  return `${Number.isInteger(r) ? r.toFixed(0) : r.toFixed(1)} ${units[i]}`;
}
