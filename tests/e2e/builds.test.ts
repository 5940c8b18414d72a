// Upload a jar in Chromium, watch the build finish live, deploy the image by clicking;
// the builds pages pass axe-core's WCAG 2 A/AA checks.
import type { Browser, Page } from "playwright-core";
import { AppsV1Api } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { axeViolations } from "../support/axe";
import { signedInPage } from "../support/browser";
import { adminKubeConfig } from "../support/cluster";
import { buildJavaArtifacts, inspectConfig } from "../support/images";
import type { Client } from "../support/http";
import { teamWithNamespace } from "../support/teams";

let browser: Browser;
let page: Page;
let ns: string;
let member: Client;
const apps = adminKubeConfig().makeApiClient(AppsV1Api);

beforeAll(async () => {
  const t = await teamWithNamespace();
  ns = t.namespace;
  member = t.member;
  ({ browser, page } = await signedInPage(t.user));
});
afterAll(async () => {
  await browser?.close();
});

describe("building and deploying a jar in Chromium", () => {
  let buildUrl = "";

  it("uploads a jar and follows the build live to its digest", async () => {
    const { jar } = buildJavaArtifacts();
    await page.getByRole("link", { name: "Builds" }).click();
    await page.getByText("No builds in this namespace yet.").waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.locator("input[type=file][name=file]").setInputFiles(jar);
    await page.getByLabel("Image (repository:tag)").fill("hello-e2e:v1");
    await page.getByRole("button", { name: "Build", exact: true }).click();
    await page.waitForURL(new RegExp(`/builds/${ns}/[a-z0-9]+$`));
    buildUrl = page.url();
    await page.getByTestId("build-status").getByText("Succeeded").waitFor({ timeout: 60_000 });
    const digest = await page.getByTestId("build-digest").textContent();
    expect(digest).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(inspectConfig(`${inject("registry")}/${ns}/hello-e2e@${digest}`).config.Entrypoint).toEqual(["java", "-jar", "/app/app.jar"]); // really pushed
    expect(await page.getByTestId("build-steps").textContent()).toContain("manifest");
    expect(await page.getByTestId("build-log").textContent()).toContain(`pushed ${inject("registry")}/${ns}/hello-e2e:v1@sha256:`);
    expect(await axeViolations(page)).toEqual([]);
  });

  it("deploys the image by digest with the wizard prefilled", async () => {
    const digest = await page.getByTestId("build-digest").textContent();
    await page.getByRole("link", { name: "Deploy as a new app" }).first().click();
    await page.waitForURL(/\/apps\/new\?/);
    expect(await page.getByLabel("Image").inputValue()).toBe(`${inject("registry")}/${ns}/hello-e2e@${digest}`);
    expect(await page.getByLabel("Registry login Secrets").inputValue()).toBe(""); // the local registry needs none
    expect(await page.getByLabel("App name").inputValue()).toBe("hello-e2e");
    for (let i = 0; i < 5; i++) await page.getByRole("button", { name: "Next" }).click();
    await page.getByTestId("diff-view").waitFor();
    await page.getByRole("button", { name: "Deploy" }).click();
    await page.waitForURL(`**/apps/${ns}/hello-e2e`);
    const d = await apps.readNamespacedDeployment({ name: "hello-e2e", namespace: ns });
    expect(d.spec?.template.spec?.containers[0].image).toBe(`${inject("registry")}/${ns}/hello-e2e@${digest}`);
    expect(d.spec?.template.spec?.containers[0].ports?.[0].containerPort).toBe(8080);
  });

  it("updates an existing app to the build's digest, through the edit form and its review diff", async () => {
    const digest = await page.goto(buildUrl).then(() => page.getByTestId("build-digest").textContent());
    // Meanwhile someone set another image with Berth's one-click "Change image".
    expect((await member.call("PUT", `/api/namespaces/${ns}/apps/hello-e2e/image`, { image: "nginx:1.27" })).status).toBe(200);
    await page.reload();
    await page.getByLabel("App to update").selectOption("hello-e2e");
    await page.getByRole("link", { name: "Review the update" }).click();
    await page.waitForURL(`**/apps/${ns}/hello-e2e/edit?**`);
    expect(await page.getByLabel("Image").inputValue()).toBe(`${inject("registry")}/${ns}/hello-e2e@${digest}`);
    for (let i = 0; i < 5; i++) await page.getByRole("button", { name: "Next" }).click();
    const diff = page.getByTestId("diff-view");
    await diff.waitFor();
    expect(await diff.textContent()).toContain(`image: ${inject("registry")}/${ns}/hello-e2e@${digest}`);
    await page.getByRole("button", { name: "Deploy" }).click();
    await page.waitForURL(`**/apps/${ns}/hello-e2e`);
    await expect.poll(async () => (await apps.readNamespacedDeployment({ name: "hello-e2e", namespace: ns })).spec?.template.spec?.containers[0].image).toBe(`${inject("registry")}/${ns}/hello-e2e@${digest}`);
  });

  it("lists the build, and the team page lists the local registry, both accessible", async () => {
    await page.goto(`${inject("baseUrl")}/builds`);
    await page.getByTestId("builds-table").getByText(`${inject("registry")}/${ns}/hello-e2e:v1`).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${inject("baseUrl")}/team`);
    await page.getByTestId("registry-local").getByRole("button", { name: "Test connection" }).click();
    await page.getByTestId("registry-test-local").getByText(`Connected: registry ${inject("registry")} answered`).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });
});
