// A person logs in and sees the real nodes of the real cluster on the Overview page.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { launch, login } from "../support/browser";
import { createUser } from "../support/users";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("Overview in Chromium", () => {
  it("redirects to the login page when signed out", async () => {
    const page = await browser.newPage();
    await page.goto(`${inject("baseUrl")}/`);
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.close();
  });

  it("refuses a wrong password without saying whether the email exists", async () => {
    const user = await createUser();
    const page = await browser.newPage();
    await page.goto(`${inject("baseUrl")}/login`);
    const attempt = async (email: string) => {
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill("wrong password");
      const answered = page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials"));
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      const res = await answered;
      await page.getByRole("button", { name: "Sign in", exact: true }).waitFor(); // not "Signing in…" any more
      return { status: res.status(), message: await page.locator("form p[role=alert]").textContent() };
    };
    const known = await attempt(user.email);
    const unknown = await attempt("nobody@example.test");
    expect(known.message).toBe("Email or password is not right.");
    expect(unknown).toEqual(known);
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.close();
  });

  it("logs in and shows the real node and the 3 Ready simulated nodes, then switches to Chinese", async () => {
    const admin = await createUser({ platformAdmin: true, name: "Ada Admin" });
    const page = await browser.newPage();
    await login(page, admin.email, admin.password);
    await expect.poll(() => page.getByTestId("current-user").textContent()).toBe("Ada Admin");

    const rows = page.getByTestId("node-row");
    await expect.poll(() => rows.count()).toBe(4);
    const texts = await rows.allTextContents();
    const simulated = texts.filter((t) => /kwok-node-\d/.test(t));
    expect(simulated).toHaveLength(3);
    for (const t of simulated) {
      expect(t).toContain("Ready");
      expect(t).toContain("Simulated");
      expect(t).toContain("8 cores");
      expect(t).toContain("32 GiB");
    }
    // this machine, as a real node running the kubelet built here
    const real = texts.find((t) => t.includes("berth-node"))!;
    expect(real).toContain("Ready");
    expect(real).toContain("Real (runs containers) v1.37.2");
    expect(await page.getByTestId("stat-nodes").textContent()).toContain("4 of 4 ready");

    await page.getByRole("combobox", { name: "Language" }).selectOption("zh-CN");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("概览");
    expect(await page.getByTestId("node-row").first().textContent()).toContain("就绪");

    // Signing out ends the session: the console sends the browser back to the login page.
    await page.getByRole("button", { name: "退出登录" }).click();
    await page.waitForURL("**/login");
    await page.goto(`${inject("baseUrl")}/`);
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.close();
  });
});
