import { describe, expect, it } from "vitest";
import { appSpec } from "@/lib/domain/app-spec";
import { Catalog, localize as localizeInBrowser } from "@/components/localize";
import { catalogEntries, localize, msg, type MessageKey } from "@/lib/domain/messages";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();

describe("Berth's messages in both languages", () => {
  it("has a Chinese text with the same placeholders for every message", () => {
    for (const e of catalogEntries()) {
      expect([e.key, placeholders(e.zh)]).toEqual([e.key, placeholders(e.en)]);
      expect(e.zh.trim()).not.toBe("");
    }
  });

  it("translates every message back from its English text, with its values", () => {
    for (const e of catalogEntries()) {
      const params = Object.fromEntries(placeholders(e.en).map((p, i) => [p, `v${i}-${p}`]));
      const english = msg(e.key as MessageKey, params);
      const expected = e.zh.replace(/\{(\w+)\}/g, (_, k: string) => params[k]);
      expect([e.key, localize(english, "zh-CN")]).toEqual([e.key, expected]);
      expect(localize(english, "en")).toBe(english);
    }
  });

  it("translates names inside messages, and leaves text it does not know (Kubernetes' own) as it is", () => {
    expect(localize(msg("required", { what: msg("appName") }), "zh-CN")).toBe("请填写应用名称");
    expect(localize(msg("kubernetesRefused", { reason: 'pods is forbidden: User "ada" cannot list' }), "zh-CN")).toBe('Kubernetes 拒绝了请求：pods is forbidden: User "ada" cannot list');
    expect(localize("deployments.apps \"web\" not found", "zh-CN")).toBe("deployments.apps \"web\" not found");
  });

  it("is what validation reports, so the wizard can show it in Chinese", () => {
    const r = appSpec.safeParse({ name: "Web", image: "nginx latest", replicas: -1 });
    expect(r.success).toBe(false);
    const zh = r.error!.issues.map((i) => localize(i.message, "zh-CN"));
    expect(zh).toEqual(expect.arrayContaining(["应用名称必须是小写", "镜像引用中不能有空格", "副本数不能为负数"]));
  });

  it("reads the same in the browser once a Chinese page has given it the catalog's entries (and needs none for English)", () => {
    const english = msg("required", { what: msg("appName") });
    expect(localizeInBrowser(english, "zh-CN")).toBe(english); // no entries yet: as it is
    Catalog({ zh: catalogEntries().map(({ en, zh }) => ({ en, zh })) });
    expect(localizeInBrowser(english, "zh-CN")).toBe("请填写应用名称");
    expect(localizeInBrowser(english, "en")).toBe(english);
  });
});
