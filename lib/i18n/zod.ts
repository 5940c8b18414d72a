// Zod's own messages (sizes, types) in the person's language; Berth's custom messages
// take precedence over these and are translated by lib/domain/messages.
import zhCN from "zod/v4/locales/zh-CN.js";
import type { Locale } from "./config";

const zh = zhCN();

/** Parse options for zod in a locale (undefined: zod's English). */
export function zodLocale(locale: Locale | string) {
  return locale === "zh-CN" ? { error: zh.localeError } : undefined;
}
