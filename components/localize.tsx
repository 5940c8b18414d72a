"use client";
// Berth's own messages (API errors, statuses from the stream) in the person's language, in the
// browser. The root layout gives the catalog's entries to Chinese pages only (as data, through
// <Catalog>), so no page's JavaScript carries the catalog; English needs nothing.
import { compilePatterns, toChinese, type CatalogEntry, type Pattern } from "@/lib/domain/localize";

// Only ever the Chinese catalog (the same for every request), so sharing it is safe.
let patterns: Pattern[] | undefined;

/** Rendered first by the root layout: the entries for a Chinese page, nothing for others. */
export function Catalog({ zh }: { zh: CatalogEntry[] | null }) {
  if (zh && !patterns) patterns = compilePatterns(zh);
  return null;
}

export function localize(message: string, locale: string): string {
  return locale === "zh-CN" && patterns ? toChinese(patterns, message) : message;
}
