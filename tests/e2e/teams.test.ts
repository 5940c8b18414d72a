// Two people of two teams sign in side by side: each sees only their own team's namespace.
import { CoreV1Api } from "@kubernetes/client-node";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, login } from "../support/browser";
import { adminKubeConfig, uniqueName } from "../support/cluster";
import { loggedIn } from "../support/http";
import { createUser } from "../support/users";

let browser: Browser;
const teams = [uniqueName("red"), uniqueName("blue")];
const people: { email: string; password: string; ns: string }[] = [];

beforeAll(async () => {
  browser = await launch();
  const a = await createUser({ platformAdmin: true });
  const admin = await loggedIn(a.email, a.password);
  for (const slug of teams) {
    const u = await createUser();
    const ns = `${slug}-apps`;
    expect((await admin.call("POST", "/api/teams", { slug, name: slug })).status).toBe(201);
    expect((await admin.call("POST", `/api/teams/${slug}/members`, { email: u.email, role: "owner" })).status).toBe(201);
    expect((await admin.call("POST", `/api/teams/${slug}/namespaces`, { name: ns })).status).toBe(201);
    people.push({ email: u.email, password: u.password, ns });
  }
});
afterAll(async () => {
  await browser?.close();
});

describe("team isolation in the browser", () => {
  it("shows each person only their own team's namespace", async () => {
    const pages = await Promise.all(people.map(async () => (await browser.newContext()).newPage()));
    await Promise.all(people.map((p, i) => login(pages[i], p.email, p.password)));
    for (const [i, p] of people.entries()) {
      const page = pages[i];
      const other = people[1 - i];
      const options = await page.getByRole("combobox", { name: "Namespace" }).locator("option").allTextContents();
      expect(options).toEqual(["All namespaces", p.ns]);
      const teamOptions = await page.getByRole("combobox", { name: "Team" }).locator("option").allTextContents();
      expect(teamOptions).toEqual([teams[i]]);
      const body = await page.locator("main").textContent();
      expect(body).toContain(p.ns);
      expect(body).not.toContain(other.ns);
      expect(await page.getByTestId("node-row").count()).toBe(4); // the real node and 3 simulated ones

      await page.getByRole("link", { name: "Team" }).click();
      await page.getByTestId("namespaces-table").waitFor();
      expect(await page.getByTestId("namespace-row").allTextContents()).toEqual([expect.stringContaining(p.ns)]);
      expect(await page.getByTestId("members-table").textContent()).toContain(p.email);
      expect(await page.getByTestId("members-table").textContent()).not.toContain(other.email);
    }
  });

  it("lets an owner create a namespace from the Team page, with its quota, then pick it in the header", async () => {
    const page = await (await browser.newContext()).newPage();
    const owner = people[0];
    await login(page, owner.email, owner.password);
    await page.getByRole("link", { name: "Team" }).click();
    await page.getByRole("button", { name: "Create namespace" }).click();
    const name = `${teams[0]}-web`;
    await page.locator('input[name="namespace-name"]').fill(name);
    await page.locator('input[name="quota.cpu"]').fill("2 cores");
    await page.getByRole("button", { name: "Create namespace" }).click();
    await page.getByText("CPU quota must be a Kubernetes quantity").waitFor();
    await page.locator('input[name="quota.cpu"]').fill("4");
    await page.getByRole("button", { name: "Create namespace" }).click();
    await page.getByText(`Namespace ${name} created with its quota, limits and role bindings.`).waitFor();
    await expect.poll(() => page.getByTestId("namespace-row").count()).toBe(2);
    expect(await page.getByTestId("namespaces-table").textContent()).toContain("CPU 4 · 16Gi · 100 pods");
    await expect
      .poll(() => page.getByRole("combobox", { name: "Namespace" }).locator("option").allTextContents())
      .toEqual(["All namespaces", owner.ns, name]);

    // and edits its limits later: the ResourceQuota and LimitRange change in the cluster
    await page.getByRole("button", { name: `Edit the limits of ${name}` }).click();
    expect(await page.locator('input[name="quota.cpu"]').inputValue()).toBe("4");
    await page.locator('input[name="quota.pods"]').fill("30");
    await page.locator('input[name="defaults.memoryLimit"]').fill("1Gi");
    await page.getByRole("button", { name: "Save limits" }).click();
    await page.getByText(`Quota and container defaults of ${name} saved.`).waitFor();
    await expect.poll(() => page.getByTestId("namespaces-table").textContent()).toContain("CPU 4 · 16Gi · 30 pods");
    const core = adminKubeConfig().makeApiClient(CoreV1Api);
    const quota = (await core.listNamespacedResourceQuota({ namespace: name })).items[0];
    expect(quota.spec?.hard?.pods).toBe("30");
    const range = (await core.listNamespacedLimitRange({ namespace: name })).items[0];
    expect(range.spec?.limits?.[0]._default?.memory).toBe("1Gi");
  });
});
