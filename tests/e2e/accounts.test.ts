// Accounts in Chromium: an owner invites someone and gets a link (never a password); the
// person opens it, sets their password and signs in; the link does not work twice; people
// change their password in Settings and are asked to sign in again. axe on every page, in
// English and in Chinese.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { axeViolations } from "../support/axe";
import { login, signedInPage } from "../support/browser";
import { uniqueName } from "../support/cluster";
import { teamWithNamespace } from "../support/teams";
import { createUser } from "../support/users";

let browser: Browser;
let page: Page;
let owner: { email: string; password: string };

beforeAll(async () => {
  const t = await teamWithNamespace({ role: "owner" });
  owner = t.user;
  ({ browser, page } = await signedInPage(owner));
});
afterAll(() => browser?.close());

describe("an invitation in the browser", () => {
  it("gives the owner a link; the person sets their password with it, once", async () => {
    const email = `${uniqueName("carol")}@example.test`;
    await page.goto(`${inject("baseUrl")}/team`);
    await page.getByLabel("Invite by email").fill(email);
    await page.getByRole("button", { name: "Invite", exact: true }).click();
    const link = page.getByTestId("setup-link");
    await link.waitFor();
    expect(await page.getByTestId("notice").textContent()).toContain("Nobody else learns their password");
    const url = await link.inputValue();
    expect(url).toMatch(/\/set-password#/);
    expect(await axeViolations(page)).toEqual([]);

    const other = await browser.newContext();
    const invitee = await other.newPage();
    await invitee.goto(url);
    expect(await axeViolations(invitee)).toEqual([]);
    await invitee.getByLabel(/^New password again/).fill("mismatch-123456");
    await invitee.getByLabel(/^New password(?! again)/).fill("carol-picks-this");
    await invitee.getByRole("button", { name: "Set password" }).click();
    await expect.poll(() => invitee.getByTestId("set-password-error").textContent()).toContain("The two passwords differ");
    await invitee.getByLabel(/^New password again/).fill("carol-picks-this");
    await invitee.getByRole("button", { name: "Set password" }).click();
    await invitee.waitForURL("**/login?notice=passwordSet");
    expect(await invitee.getByTestId("login-notice").textContent()).toContain("Your password is set");
    await login(invitee, email, "carol-picks-this");
    expect(new URL(invitee.url()).pathname).toBe("/");

    // the same link again, in Chinese: refused, saying why
    const third = await (await browser.newContext({ locale: "zh-CN" })).newPage();
    await third.goto(url);
    expect(await third.getByRole("heading", { level: 1 }).textContent()).toBe("设置您的密码");
    await third.getByLabel(/^新密码/).first().fill("someone-else-123");
    await third.getByLabel(/^再次输入新密码/).fill("someone-else-123");
    await third.getByRole("button", { name: "设置密码" }).click();
    await expect.poll(() => third.getByTestId("set-password-error").textContent()).toContain("此链接已被使用");
    expect(await axeViolations(third)).toEqual([]);
    await other.close();
  });
});

describe("Settings", () => {
  it("changes the password and asks to sign in again", async () => {
    const u = await createUser();
    const ctx = await browser.newContext();
    const p = await ctx.newPage();
    await login(p, u.email, u.password);
    await p.goto(`${inject("baseUrl")}/settings`);
    expect(await axeViolations(p)).toEqual([]);
    await p.getByLabel("Current password").fill(u.password);
    await p.getByLabel(/^New password(?! again)/).fill("changed-in-settings");
    await p.getByLabel(/^New password again/).fill("changed-in-settings");
    await p.getByRole("button", { name: "Change password" }).click();
    await p.waitForURL("**/login?notice=passwordChanged");
    expect(await p.getByTestId("login-notice").textContent()).toContain("every session ended");
    await login(p, u.email, "changed-in-settings");
    expect(new URL(p.url()).pathname).toBe("/");
    await ctx.close();
  });
});
