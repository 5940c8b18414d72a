// deploy → scale → roll out → roll back, by clicking, watching the counts change live.
import type { Browser, Page } from "playwright-core";
import { AppsV1Api } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launch, login } from "../support/browser";
import { adminKubeConfig } from "../support/cluster";
import { teamWithNamespace } from "../support/teams";

let browser: Browser;
let page: Page;
let ns: string;
const apps = adminKubeConfig().makeApiClient(AppsV1Api);

beforeAll(async () => {
  const t = await teamWithNamespace();
  ns = t.namespace;
  browser = await launch();
  page = await browser.newPage();
  page.on("dialog", (d) => d.accept());
  await login(page, t.user.email, t.user.password);
});
afterAll(async () => {
  await browser?.close();
});

const text = (testId: string) => page.getByTestId(testId).textContent();

describe("deploying and operating an app in Chromium", () => {
  it("deploys through the wizard, with field errors and a review diff", async () => {
    await page.getByRole("link", { name: "Apps" }).click();
    await page.getByText("No apps in this namespace yet.").waitFor();
    await page.getByRole("link", { name: "Deploy app" }).first().click();

    await page.getByLabel("App name").fill("Hello");
    await page.getByLabel("Image").fill("nginx:1.26");
    await page.getByLabel("Replicas").fill("2");
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByText("App name must be lowercase").waitFor();
    await page.getByLabel("App name").fill("hello");
    await page.getByRole("button", { name: "Next" }).click();

    await page.getByText("Inside the cluster (ClusterIP Service)").waitFor(); // ports & exposure
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByRole("button", { name: "Add variable" }).click();
    await page.getByLabel("Name", { exact: true }).fill("GREETING");
    await page.getByLabel("Value", { exact: true }).fill("hello");
    await page.getByRole("button", { name: "Next" }).click();

    await page.getByLabel("CPU request").fill("2 cores");
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByText('CPU must be cores like 0.5, 1 or 500m (not "2 cores")').waitFor();
    await page.getByLabel("CPU request").fill("100m");
    await page.getByLabel("Memory limit").fill("128Mi");
    await page.getByRole("button", { name: "Next" }).click();

    await page.getByRole("button", { name: "Add config file" }).waitFor(); // storage
    await page.getByRole("button", { name: "Next" }).click();

    const diff = page.getByTestId("diff-view");
    await diff.waitFor();
    expect(await diff.textContent()).toContain("Deployment/hello");
    expect(await diff.textContent()).toContain("Service/hello");
    await page.getByRole("button", { name: "Deploy" }).click();

    await page.waitForURL(`**/apps/${ns}/hello`);
    await expect.poll(() => text("ready-replicas"), { timeout: 30_000 }).toBe("2/2 ready");
    expect(await text("endpoints")).toContain(`hello.${ns}.svc.cluster.local:`); // how other apps reach it
    const d = await apps.readNamespacedDeployment({ name: "hello", namespace: ns });
    expect(d.spec?.template.spec?.containers[0].env).toEqual([{ name: "GREETING", value: "hello" }]);
  });

  it("scales with + and the field, shown at once and confirmed live", async () => {
    await page.getByTestId("live-indicator").and(page.locator("[data-connected=true]")).waitFor();
    const started = Date.now();
    await page.getByRole("button", { name: "Add a replica" }).click();
    expect(await text("desired-replicas")).toBe("3"); // optimistic
    await expect.poll(() => text("ready-replicas"), { timeout: 30_000 }).toBe("3/3 ready");
    const confirmedMs = Date.now() - started;
    console.log(`[e2e] scale click → 3/3 ready in the open page: ${confirmedMs} ms`);
    expect((await apps.readNamespacedDeployment({ name: "hello", namespace: ns })).spec?.replicas).toBe(3);

    await page.getByRole("spinbutton", { name: "Replicas" }).fill("1");
    await page.getByRole("button", { name: "Set" }).click();
    await expect.poll(() => text("ready-replicas"), { timeout: 30_000 }).toBe("1/1 ready");
    await expect.poll(() => page.getByTestId("pod-row").count()).toBe(1);
  });

  it("changes the image, then rolls back from the history by clicking", async () => {
    await page.getByLabel("Change image").fill("nginx:1.27");
    await page.getByRole("button", { name: "Update" }).click();
    await page.getByRole("tab", { name: "History" }).click();
    await expect.poll(() => page.getByTestId("revision-row").count(), { timeout: 30_000 }).toBe(2);
    expect(await page.getByTestId("revision-row").first().textContent()).toContain("nginx:1.27");

    await page.getByTestId("revision-row").filter({ hasText: "nginx:1.26" }).getByRole("button", { name: "Roll back" }).click();
    await expect.poll(async () => (await apps.readNamespacedDeployment({ name: "hello", namespace: ns })).spec?.template.spec?.containers[0].image, { timeout: 30_000 }).toBe("nginx:1.26");
    await expect.poll(() => page.getByTestId("revision-row").first().textContent(), { timeout: 30_000 }).toContain("#3");
    expect(await page.getByTestId("revision-row").first().textContent()).toContain("nginx:1.26");
    await expect.poll(() => page.locator("h1 + p").textContent()).toContain("nginx:1.26");
    // the YAML and Logs tabs load their code when first opened
    await page.getByRole("tab", { name: "YAML" }).click();
    await expect.poll(() => page.getByRole("textbox", { name: "YAML" }).inputValue(), { timeout: 15_000 }).toContain("kind: Deployment");
    await page.getByRole("tab", { name: "Logs" }).click();
    await page.getByTestId("log-output").waitFor();
    await page.getByRole("tab", { name: "Overview" }).click();
  });

  it("edits the app in the form it was deployed with", async () => {
    await page.getByRole("link", { name: "Edit app" }).click();
    await page.waitForURL(`**/apps/${ns}/hello/edit`);
    expect(await page.getByLabel("Image").inputValue()).toBe("nginx:1.26");
    await page.getByRole("button", { name: "Next" }).click(); // ports
    await page.getByRole("button", { name: "Next" }).click(); // env
    expect(await page.getByLabel("Value", { exact: true }).inputValue()).toBe("hello");
    await page.getByLabel("Value", { exact: true }).fill("bonjour");
    for (let i = 0; i < 3; i++) await page.getByRole("button", { name: "Next" }).click();
    await page.getByTestId("diff-view").waitFor();
    expect(await page.getByTestId("diff-view").textContent()).toContain("bonjour");
    await page.getByRole("button", { name: "Deploy" }).click();
    await page.waitForURL(`**/apps/${ns}/hello`);
    await expect
      .poll(async () => (await apps.readNamespacedDeployment({ name: "hello", namespace: ns })).spec?.template.spec?.containers[0].env?.[0].value)
      .toBe("bonjour");
  });

  it("lists the app with its live replica count", async () => {
    await page.getByRole("link", { name: "All apps" }).click();
    const row = page.locator('[data-app="hello"]');
    await expect.poll(() => row.getByTestId("app-replicas").textContent(), { timeout: 30_000 }).toBe("1/1");
    await apps.replaceNamespacedDeploymentScale({ name: "hello", namespace: ns, body: { metadata: { name: "hello", namespace: ns }, spec: { replicas: 2 } } });
    // a change made elsewhere shows up without reloading
    await expect.poll(() => row.getByTestId("app-replicas").textContent(), { timeout: 30_000 }).toBe("2/2");
  });

  it("deploys an app with one volume per replica as a StatefulSet, shown as stateful", async () => {
    await page.getByRole("link", { name: "Deploy app" }).first().click();
    await page.getByLabel("App name").fill("kv");
    await page.getByLabel("Image").fill("redis:7.2");
    await page.getByLabel("Replicas").fill("2");
    for (let i = 0; i < 4; i++) await page.getByRole("button", { name: "Next" }).click(); // ports, env, resources → storage
    await page.getByRole("button", { name: "Add persistent volume" }).click();
    await page.getByLabel("Size").fill("2Gi");
    await page.getByLabel("One volume per replica (StatefulSet)").check();
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByTestId("diff-view").waitFor();
    expect(await page.getByTestId("diff-view").textContent()).toContain("StatefulSet/kv");
    await page.getByRole("button", { name: "Deploy" }).click();

    await page.waitForURL(`**/apps/${ns}/kv`);
    expect(await page.locator("h1").getByTestId("app-kind").textContent()).toBe("Stateful");
    await expect.poll(() => text("ready-replicas"), { timeout: 30_000 }).toBe("2/2 ready");
    await expect.poll(() => page.getByTestId("pod-row").allTextContents()).toEqual([expect.stringContaining("kv-0"), expect.stringContaining("kv-1")]);
    await expect.poll(() => page.getByTestId("claim-row").allTextContents()).toEqual([expect.stringMatching(/^data-kv-0Bound2Gi/), expect.stringMatching(/^data-kv-1Bound2Gi/)]);
    const s = await apps.readNamespacedStatefulSet({ name: "kv", namespace: ns });
    expect(s.spec?.volumeClaimTemplates?.[0].spec?.resources?.requests).toEqual({ storage: "2Gi" });

    await page.getByRole("link", { name: "All apps" }).click();
    await expect.poll(() => page.locator('[data-app="kv"]').getByTestId("app-kind").textContent(), { timeout: 30_000 }).toBe("Stateful");
    expect(await page.locator('[data-app="hello"]').getByTestId("app-kind").textContent()).toBe("Stateless");
  });

  it("checks the form in Chinese for a person who reads Chinese", async () => {
    await page.context().addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: inject("baseUrl") }]);
    await page.goto(`${inject("baseUrl")}/apps/new`);
    await page.getByLabel("应用名称").fill("Hello");
    await page.getByLabel("镜像").fill("nginx latest");
    await page.getByRole("button", { name: "下一步" }).click();
    await page.getByText("应用名称必须是小写").waitFor();
    await page.getByText("镜像引用中不能有空格").waitFor();
    await page.context().clearCookies({ name: "NEXT_LOCALE" });
  });
});
