// The marketplace in Chromium: find a template, fill the form generated from its parameters,
// preview, install, watch it become ready on the real node — in English and in Chinese.
import { CoreV1Api } from "@kubernetes/client-node";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations } from "../support/axe";
import { launch, login } from "../support/browser";
import { adminKubeConfig, eventually } from "../support/cluster";
import { redisCli } from "../support/real-node";
import { freeRealNode, teamWithNamespace } from "../support/teams";

const core = adminKubeConfig().makeApiClient(CoreV1Api);
let browser: Browser;
let page: Page;
let ns: string;

beforeAll(async () => {
  const t = await teamWithNamespace({ realNode: true });
  ns = t.namespace;
  browser = await launch();
  page = await browser.newPage();
  await login(page, t.user.email, t.user.password);
});
afterAll(async () => {
  await browser?.close();
  await freeRealNode(ns);
});

/** The release page is rendered on the server: reload until it says Ready. */
async function waitReady(name: string) {
  await expect
    .poll(
      async () => {
        await page.goto(new URL(`/marketplace/installed/${name}`, page.url()).toString());
        return page.getByTestId("release-status").getAttribute("data-status");
      },
      { timeout: 120_000, interval: 2000 },
    )
    .toBe("Ready");
}

const nodePort = async (svc: string) => (await core.readNamespacedService({ name: svc, namespace: ns })).spec!.ports![0].nodePort!;

describe("installing from the marketplace by clicking", () => {
  it("in English: nginx with its page from the generated form, previewed, installed, serving", async () => {
    await page.getByRole("link", { name: "Marketplace" }).click();
    await page.getByTestId("templates").waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.locator(`a[href="/marketplace/nginx"]`).click();
    await page.getByTestId("parameters-form").waitFor();
    expect(await page.getByTestId("readme").textContent()).toContain("/var/www/html");
    await page.getByLabel("Release name").fill("site-en");
    await page.getByLabel(/^Page \(index\.html\)/).fill("<h1>installed by clicking</h1>");
    await page.getByLabel(/^Reachable/).selectOption("NodePort");
    expect(await axeViolations(page)).toEqual([]);
    // a value the template refuses comes back under its field (the server checks every value)
    const replicas = page.getByLabel(/^Replicas/);
    expect(await replicas.inputValue()).toBe("1"); // the default, shown
    await replicas.fill("50");
    await page.getByRole("button", { name: "Preview" }).click();
    await expect.poll(() => replicas.getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByTestId("parameters-form").getByRole("alert").textContent()).toBe("Must be at most 20");
    expect(await axeViolations(page)).toEqual([]);
    await replicas.fill("1");
    await page.getByRole("button", { name: "Preview" }).click();
    const diff = page.getByTestId("diff-view");
    await diff.waitFor();
    expect(await diff.textContent()).toContain("ConfigMap/site-en-site");
    await page.getByRole("button", { name: "Install" }).click();
    await page.waitForURL("**/marketplace/installed/site-en");
    await waitReady("site-en");
    expect(await page.getByTestId("release-objects").textContent()).toContain("Deployment");
    expect(await axeViolations(page)).toEqual([]);
    const port = await nodePort("site-en");
    const res = await eventually("HTTP 200", async () => {
      const r = await fetch(`http://127.0.0.1:${port}/`).catch(() => undefined);
      return r?.ok ? r : undefined;
    }, 30_000);
    expect(await res.text()).toBe("<h1>installed by clicking</h1>");
    await page.getByRole("link", { name: "← Installed apps" }).click();
    expect(await page.getByTestId("releases-table").textContent()).toContain("site-en");
  });

  it("in Chinese: Redis with a password, which never shows again", async () => {
    await page.goto(new URL("/marketplace", page.url()).toString());
    await page.getByRole("combobox", { name: "Language" }).selectOption("zh-CN");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("应用市场");
    await page.locator(`a[href="/marketplace/redis"]`).click();
    await page.getByTestId("parameters-form").waitFor();
    await page.getByLabel("发布名称").fill("cache-zh");
    await page.getByLabel(/^密码/).fill("zh-s3cret");
    await page.getByLabel(/^访问方式/).selectOption("NodePort");
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "安装", exact: true }).click();
    await page.waitForURL("**/marketplace/installed/cache-zh");
    await waitReady("cache-zh");
    expect(await page.getByTestId("release-status").textContent()).toContain("就绪");
    const values = await page.getByTestId("release-values").textContent();
    expect(values).toContain("保密，不显示");
    expect(await page.content()).not.toContain("zh-s3cret");
    expect(await axeViolations(page)).toEqual([]);
    const port = await nodePort("cache-zh");
    expect(await eventually("PONG", async () => (redisCli(port, ["ping"], "zh-s3cret") === "PONG" ? "PONG" : undefined), 30_000)).toBe("PONG");
  });
});
