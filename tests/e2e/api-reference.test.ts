// The API reference page in Chromium: reached from Settings, it renders /api/openapi.json grouped
// by what the operations act on; an operation opens by keyboard to show its parameters, body and
// answers; axe passes in English and in Chinese.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { axeViolations } from "../support/axe";
import { signedInPage } from "../support/browser";
import { teamWithNamespace } from "../support/teams";

let browser: Browser;
let page: Page;
let user: { email: string; password: string };

beforeAll(async () => {
  user = (await teamWithNamespace({ role: "developer" })).user;
  ({ browser, page } = await signedInPage(user));
});
afterAll(() => browser?.close());

describe("the API reference", () => {
  it("is linked from Settings and shows every operation, opened by keyboard", async () => {
    await page.goto(`${inject("baseUrl")}/settings`);
    await page.getByRole("link", { name: "API reference" }).click();
    await page.waitForURL("**/settings/api");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("API reference");
    expect(await page.getByText("Scripts send an API token as Authorization: Bearer <token>.").count()).toBe(1); // the ICU message with a literal <token>
    const doc = await (await page.request.get(`${inject("baseUrl")}/api/openapi.json`)).json();
    const count = Object.values(doc.paths as Record<string, object>).reduce((n, ops) => n + Object.keys(ops).length, 0);
    expect(await page.locator("details").count()).toBe(count);

    const scale = page.locator("details", { has: page.locator("code", { hasText: /^\/api\/namespaces\/\{namespace\}\/apps\/\{app\}\/scale$/ }) });
    await scale.locator("summary").focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => scale.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await scale.getByRole("cell", { name: "namespace" }).count()).toBe(1);
    expect(await scale.getByLabel(/^Request body PUT/).textContent()).toContain('"replicas"');
    expect(await scale.textContent()).toContain("Scale the app to a number of replicas");
    expect(await axeViolations(page)).toEqual([]);
  });

  it("reads in Chinese", async () => {
    const ctx = await browser.newContext({ locale: "zh-CN" });
    await ctx.addCookies(await page.context().cookies());
    const zh = await ctx.newPage();
    await zh.goto(`${inject("baseUrl")}/settings/api`);
    expect(await zh.getByRole("heading", { level: 1 }).textContent()).toBe("API 参考");
    expect(await zh.getByText("调整应用副本数").count()).toBe(1);
    expect(await zh.getByRole("link", { name: /^应用/ }).count()).toBeGreaterThan(0);
    expect(await axeViolations(zh)).toEqual([]);
    await ctx.close();
  });
});
