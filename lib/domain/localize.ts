// Turning an English message of Berth's catalog (lib/domain/messages.ts) into Chinese, given the
// catalog's entries: each English template becomes an anchored pattern whose placeholders
// capture the values. Pure, and apart from the catalog itself, so the browser gets the entries
// as data (for Chinese pages only) instead of the catalog's module in every page's JavaScript.

export interface CatalogEntry {
  en: string;
  zh: string;
}

export interface Pattern {
  zh: string;
  names: string[];
  literal: number;
  re: RegExp;
}

export const fill = (template: string, params: Record<string, string | number> = {}) => template.replace(/\{(\w+)\}/g, (whole, k: string) => (k in params ? String(params[k]) : whole));

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Fixed texts first, then the most specific templates ("Image is required" before "{what} is required"). */
export function compilePatterns(entries: CatalogEntry[]): Pattern[] {
  return entries
    .map((e) => {
      const names: string[] = [];
      const source = escape(e.en).replace(/\\\{(\w+)\\\}/g, (_, k: string) => {
        names.push(k);
        return "([\\s\\S]*?)";
      });
      return { zh: e.zh, names, literal: e.en.replace(/\{\w+\}/g, "").length, re: new RegExp(`^${source}$`) };
    })
    .sort((a, b) => a.names.length - b.names.length || b.literal - a.literal);
}

/** The message in Chinese when it is one of the catalog's (its values too, which may be names from it); anything else as it is. */
export function toChinese(patterns: Pattern[], message: string): string {
  for (const p of patterns) {
    const match = p.re.exec(message);
    if (!match) continue;
    const params: Record<string, string> = {};
    p.names.forEach((name, i) => (params[name] = toChinese(patterns, match[i + 1])));
    return fill(p.zh, params);
  }
  return message;
}
