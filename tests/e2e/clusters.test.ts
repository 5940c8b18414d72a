// A platform admin adds a second real control plane in Chromium by pasting Berth's kubeconfig
// for it, the team gets a namespace there, and the header's cluster picker takes the deploy
// wizard to it: the app lands on that cluster, not the console's own. Stopped, the cluster is
// marked unreachable in the header and its namespace is read-only. Every page passes axe.
import type { Browser, Page } from "playwright-core";
import { AppsV1Api } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations } from "../support/axe";
import { launch, login } from "../support/browser";
import { adminKubeConfig, eventually, uniqueName } from "../support/cluster";
import { secondCluster } from "../support/second-cluster";
import { teamWithNamespace } from "../support/teams";
import { createUser } from "../support/users";

const C = secondCluster("c");
let browser: Browser;
let page: Page;
let kubeconfig: string;
let slug: string;
let nsC: string;

beforeAll(async () => {
  kubeconfig = C.up();
  const t = await teamWithNamespace();
  slug = t.slug;
  nsC = uniqueName("c");
  // A platform admin who is also the team's owner (creates the namespace on the team page).
  const a = await createUser({ platformAdmin: true });
  expect((await t.admin.call("POST", `/api/teams/${slug}/members`, { email: a.email, role: "owner" })).status).toBe(201);
  browser = await launch();
  page = await browser.newPage();
  page.on("dialog", (d) => d.accept());
  await login(page, a.email, a.password);
}, 240_000);
afterAll(async () => {
  await browser?.close();
  C.down();
});

describe("clusters in Chromium", () => {
  const name = uniqueName("cl");

  it("adds a cluster by pasting its kubeconfig, after testing the connection", async () => {
    await page.goto(`${new URL(page.url()).origin}/settings/clusters`);
    await page.getByTestId("cluster-local").waitFor();
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("Display name").fill("Staging (new)");
    await page.getByLabel("Kubeconfig").fill(kubeconfig);
    await page.getByRole("button", { name: "Test connection" }).click();
    await expect.poll(() => page.getByTestId("cluster-test").textContent()).toMatch(/^Reachable: Kubernetes v1\.37\.2, 1 of 1 nodes ready/);
    await page.getByRole("button", { name: "Add cluster" }).click();
    await page.getByTestId(`cluster-${name}`).waitFor();
    expect(await page.getByTestId(`cluster-${name}`).textContent()).toContain("v1.37.2 · 1/1 nodes ready");
    expect(await page.getByLabel("Kubeconfig").inputValue()).toBe(""); // never shown again
    // Renamed in place: the kubeconfig is kept when the new one is left empty.
    await page.getByTestId(`cluster-${name}`).getByRole("button", { name: "Edit" }).click();
    await page.getByTestId(`cluster-edit-${name}`).getByLabel("Display name").fill("Staging");
    await page.getByTestId(`cluster-edit-${name}`).getByRole("button", { name: "Save" }).click();
    await expect.poll(() => page.getByTestId(`cluster-${name}`).textContent()).toMatch(/^Staging \S+ .*v1\.37\.2 · 1\/1 nodes ready/);
    expect(await axeViolations(page)).toEqual([]);

    // The Overview shows the clusters side by side.
    await page.goto(`${new URL(page.url()).origin}/`);
    const row = page.getByTestId(`overview-cluster-${name}`);
    await row.waitFor();
    expect(await row.textContent()).toContain("1 of 1 ready");
    expect(await row.getByTestId("overview-cluster-apps").textContent()).toBe("0"); // nothing deployed there yet
    expect(await page.getByTestId("overview-cluster-local").textContent()).toContain("v1.37.2");
    expect(await axeViolations(page)).toEqual([]);
  });

  it("puts a team namespace on it, and the picker takes the deploy wizard there", async () => {
    await page.goto(`${new URL(page.url()).origin}/team`);
    await page.getByRole("button", { name: "Create namespace" }).click();
    await page.locator('input[name="namespace-name"]').fill(nsC);
    await page.locator('select[name="namespace-cluster"]').selectOption(name);
    await page.getByRole("button", { name: "Create namespace" }).click();
    await page.getByTestId("namespace-row").filter({ hasText: nsC }).waitFor();
    expect(await page.getByTestId("namespace-row").filter({ hasText: nsC }).textContent()).toContain("Staging");
    // The team's limits on C, set apart from the team's own.
    const limitsOnC = page.getByTestId(`team-limits-${name}`);
    await limitsOnC.getByRole("button", { name: "Set apart" }).click();
    await page.getByTestId("team-limits-edit").getByLabel("CPU (cores)").fill("12");
    await page.getByTestId("team-limits-edit").getByRole("button", { name: "Save limits" }).click();
    await expect.poll(() => limitsOnC.textContent()).toMatch(/8 of 12.*its own/);
    expect(await axeViolations(page)).toEqual([]);

    await page.locator("header").getByLabel("Cluster", { exact: true }).selectOption(name);
    await page.waitForLoadState("networkidle");
    await page.getByRole("link", { name: "Apps" }).click();
    await page.getByRole("link", { name: "Deploy app" }).first().click();
    await page.getByLabel("App name").fill("far");
    await page.getByLabel("Image").fill("nginx:1.27");
    for (let i = 0; i < 5; i++) await page.getByRole("button", { name: "Next" }).click();
    await page.getByTestId("diff-view").waitFor();
    await page.getByRole("button", { name: "Deploy" }).click();
    await page.waitForURL(`**/apps/${nsC}/far`);
    expect(await page.getByTestId("app-cluster").textContent()).toContain("Staging"); // the page says which cluster
    const onC = await eventually("the Deployment on the second cluster", () => C.admin().makeApiClient(AppsV1Api).readNamespacedDeployment({ name: "far", namespace: nsC }).catch(() => undefined));
    expect(onC.spec!.template.spec!.containers[0].image).toBe("nginx:1.27");
    await expect(adminKubeConfig().makeApiClient(AppsV1Api).readNamespacedDeployment({ name: "far", namespace: nsC })).rejects.toThrow();
  });

  it("stopped, it shows as unreachable everywhere and its namespace is read-only, while the console's own cluster keeps working", async () => {
    C.down();
    const origin = new URL(page.url()).origin;
    await page.goto(`${origin}/apps`); // the picker is still on the stopped cluster
    const banner = page.getByTestId("cluster-unreachable");
    await expect.poll(async () => {
      await page.reload();
      return banner.count();
    }, { timeout: 60_000, interval: 2_000 }).toBe(1);
    expect(await banner.textContent()).toMatch(/^Cluster Staging cannot be reached: cannot reach the cluster at https:\/\/127\.0\.0\.1:\d+: connection refused .*Its namespaces are read-only until it answers again/);
    const picker = page.locator("header").getByLabel("Cluster", { exact: true });
    expect(await picker.locator("option:checked").textContent()).toBe("Staging (unreachable)");
    expect(await page.getByRole("link", { name: "Deploy app" }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    // A change sent anyway is refused at once, saying why.
    const scale = await page.request.put(`${origin}/api/namespaces/${nsC}/apps/far/scale`, { data: { replicas: 2 }, headers: { origin } });
    expect(scale.status()).toBe(503);
    expect((await scale.json()).error.message).toMatch(new RegExp(`^Namespace ${nsC} is read-only while its cluster Staging cannot be reached`));
    // What Berth keeps itself is still there: the Builds page opens, with nothing to start.
    await page.goto(`${origin}/builds`);
    await page.getByRole("heading", { name: "Pipelines" }).waitFor();
    expect(await page.getByRole("link", { name: "New build" }).count()).toBe(0);
    expect(await page.getByTestId("cluster-unreachable").count()).toBe(1);
    // Back on the console's own cluster: no banner, and apps can be deployed there.
    await picker.selectOption("local");
    await expect.poll(() => banner.count(), { timeout: 30_000 }).toBe(0);
    await page.goto(`${origin}/apps`);
    await page.getByRole("link", { name: "Deploy app" }).first().waitFor();
    expect(await banner.count()).toBe(0);
  });
});
