// Curating the marketplace in Chromium, as a platform admin: write a template with the YAML
// editors, preview it, save it as a draft, publish it, add a version, deprecate the old one —
// and the pages read well (axe) in English and in Chinese.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations } from "../support/axe";
import { signedInPage } from "../support/browser";
import { uniqueName } from "../support/cluster";
import { createUser } from "../support/users";

let browser: Browser;
let page: Page;
const slug = uniqueName("tpl");

beforeAll(async () => {
  ({ browser, page } = await signedInPage(await createUser({ platformAdmin: true })));
});
afterAll(() => browser?.close());

const go = (p: string) => page.goto(new URL(p, page.url()).toString());

describe("writing a template in the browser", () => {
  it("previews, saves a draft, publishes, adds a version and deprecates the old one", async () => {
    await go("/marketplace");
    await page.getByRole("link", { name: "New template" }).click();
    await page.waitForURL("**/marketplace/new");
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel("Slug").fill(slug);
    await page.getByLabel("Name", { exact: true }).fill("Hello web");
    await page.getByLabel("Description (English)").fill("A page that says hello");

    // a broken parameters YAML is caught with its line, before anything is sent
    const params = page.getByLabel(/^Parameters/);
    const good = await params.inputValue();
    await params.fill("type: object\nproperties:\n  image: { type: string\n");
    await page.getByRole("button", { name: "Preview" }).click();
    await expect.poll(() => page.getByTestId("editor-error").textContent()).toMatch(/not valid YAML \(line \d+\)/);
    await params.fill(good);

    // a cluster-wide object is refused by the server's check
    const manifests = page.getByLabel(/^Manifests/);
    const starter = await manifests.inputValue();
    await manifests.fill(`${starter}---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: { name: x }\n`);
    await page.getByRole("button", { name: "Preview" }).click();
    await expect.poll(() => page.getByTestId("editor-error").textContent()).toMatch(/ClusterRole/);
    await manifests.fill(starter);

    await page.getByRole("button", { name: "Preview" }).click();
    const preview = page.getByTestId("template-preview");
    await preview.waitFor();
    expect(await preview.textContent()).toContain("Deployment/preview, Service/preview");
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Save as draft" }).click();
    await page.waitForURL(`**/marketplace/${slug}/edit`);
    expect(await page.getByTestId("publish-state").textContent()).toMatch(/^Draft/);
    expect(await axeViolations(page)).toEqual([]);

    // the only version cannot be deprecated: the page says what to do instead
    await page.getByRole("button", { name: "Deprecate version 1.0.0" }).click();
    await expect.poll(() => page.getByTestId("curate-error").textContent()).toMatch(/unpublish the template instead/);

    await page.getByRole("button", { name: "Publish" }).click();
    await expect.poll(() => page.getByTestId("publish-state").textContent()).toMatch(/^Published/);

    // a new version, started from the latest one
    await page.getByLabel(/^Version/).fill("1.1.0");
    await page.getByLabel("What changed").fill("Two replicas by default");
    const versionParams = page.getByLabel(/^Parameters/);
    await versionParams.fill((await versionParams.inputValue()).replace("default: 1\n", "default: 2\n"));
    await page.getByRole("button", { name: "Add this version" }).click();
    await expect.poll(() => page.getByRole("button", { name: "Deprecate version 1.1.0" }).count()).toBe(1);
    await page.getByRole("button", { name: "Deprecate version 1.0.0" }).click();
    await expect.poll(() => page.getByRole("button", { name: "Restore version 1.0.0" }).count()).toBe(1);

    // what every team sees now
    await go(`/marketplace/${slug}`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain("Hello web");
    expect(await page.getByRole("listitem").filter({ hasText: "1.0.0" }).textContent()).toContain("deprecated");
    expect(await page.getByRole("listitem").filter({ hasText: "1.1.0" }).textContent()).toBe("1.1.0Two replicas by default");
  });

  it("reads in Chinese", async () => {
    await go(`/marketplace/${slug}/edit`);
    await page.getByRole("combobox", { name: "Language" }).selectOption("zh-CN");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toContain("管理 Hello web");
    expect(await page.getByTestId("publish-state").textContent()).toMatch(/^已发布/);
    expect(await axeViolations(page)).toEqual([]);
    await go("/marketplace/new");
    expect(await page.getByRole("button", { name: "保存为草稿" }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
  });
});
