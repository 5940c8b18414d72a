import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
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

/** Source files of the UI: app/ and components/. */
function uiFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? uiFiles(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

describe("texts the UI asks for", () => {
  it("exist in the messages (every t(\"literal\") of every useTranslations / getTranslations binding)", () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const known = new Set(keys(en));
    const missing: string[] = [];
    let checked = 0;
    for (const file of [...uiFiles(path.join(root, "app")), ...uiFiles(path.join(root, "components"))]) {
      const src = readFileSync(file, "utf8");
      // Each call belongs to the nearest binding of its name above it (components in one file may bind `t` to different namespaces).
      const bindings = [...src.matchAll(/const (\w+) = (?:useTranslations|await getTranslations)\((?:"([^"]*)")?\)/g)].map((b) => ({ name: b[1], ns: b[2], at: b.index! }));
      for (const name of new Set(bindings.map((b) => b.name))) {
        for (const call of src.matchAll(new RegExp(`\\b${name}\\("([^"]+)"`, "g"))) {
          const binding = bindings.filter((b) => b.name === name && b.at < call.index!).at(-1);
          if (!binding) continue;
          const key = binding.ns ? `${binding.ns}.${call[1]}` : call[1];
          checked++;
          // a key may name a group used with a sub-key elsewhere, e.g. t("phase") … t(`phase.${x}`)
          if (!known.has(key) && ![...known].some((k) => k.startsWith(`${key}.`))) missing.push(`${path.relative(root, file)}: ${key}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(200);
    expect(missing).toEqual([]);
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
