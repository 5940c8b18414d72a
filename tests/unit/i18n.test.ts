import { describe, expect, it } from "vitest";
import en from "@/lib/i18n/messages/en.json";
import zh from "@/lib/i18n/messages/zh-CN.json";
import { negotiateLocale } from "@/lib/i18n/config";

function keys(o: object, prefix = ""): string[] {
  return Object.entries(o).flatMap(([k, v]) => (v && typeof v === "object" ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

function placeholders(o: object): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const walk = (x: object, p: string) =>
    Object.entries(x).forEach(([k, v]) => (typeof v === "string" ? (out[`${p}${k}`] = [...v.matchAll(/\{(\w+)/g)].map((m) => m[1]).sort()) : walk(v, `${p}${k}.`)));
  walk(o, "");
  return out;
}

describe("messages", () => {
  it("Simplified Chinese has exactly the English keys", () => {
    expect(keys(zh).sort()).toEqual(keys(en).sort());
  });
  it("every translation keeps the same placeholders", () => {
    expect(placeholders(zh)).toEqual(placeholders(en));
  });
  it("no message is empty", () => {
    const empty = [...keys(en), ...keys(zh)].filter((k) => {
      const get = (o: object) => k.split(".").reduce<unknown>((a, p) => (a as Record<string, unknown>)?.[p], o);
      return get(en) === "" || get(zh) === "";
    });
    expect(empty).toEqual([]);
  });
});

describe("negotiateLocale", () => {
  it.each([
    ["zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"],
    ["zh-TW", "zh-CN"],
    ["en-US,en;q=0.9", "en"],
    ["fr-FR,zh;q=0.5", "zh-CN"],
    ["fr-FR", "en"],
    ["en;q=0.2,zh;q=0.8", "zh-CN"],
    [null, "en"],
    ["", "en"],
  ])("%j → %s", (header, locale) => expect(negotiateLocale(header)).toBe(locale));
});
