// Single sign-on in Chromium against a real OpenID Connect provider (oidc-provider,
// started by the test setup): authorization code + PKCE, signed ID token, back to Berth.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { freePort } from "@/lib/db/embedded";
import { launch } from "../support/browser";
import { extraConsole, stopExtraConsoles } from "../support/console";
import { client, signIn } from "../support/http";
import { IDP_ACCOUNTS, IDP_CLIENT_ID, startIdp } from "../support/oidc-idp";
import { teamWithNamespace } from "../support/teams";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await stopExtraConsoles();
});

/** Clicks "Sign in with Test IdP", signs in on the provider's own pages, and returns where Berth lands. */
async function signInWithIdp(context: BrowserContext, login: string, console_ = { url: inject("baseUrl"), issuer: inject("idpIssuer") }): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${console_.url}/login`);
  await page.getByRole("button", { name: "Sign in with Test IdP" }).click();
  await page.waitForURL((u) => u.href.startsWith(console_.issuer));
  await page.locator("input[name=login]").fill(login);
  await page.locator("input[name=password]").fill("any password: the test IdP ignores it");
  await page.getByRole("button", { name: "Sign-in" }).click();
  // The provider asks once per client whether to share the claims.
  const consent = page.getByRole("button", { name: "Continue" });
  await Promise.race([consent.waitFor({ timeout: 15_000 }).then(() => consent.click()), page.waitForURL((u) => u.href.startsWith(console_.url), { timeout: 15_000 })]);
  await page.waitForURL((u) => u.href.startsWith(console_.url));
  await page.waitForLoadState("networkidle");
  return page;
}

describe("single sign-on with an OpenID Connect provider", () => {
  it("signs a person in, creating their Berth user from the verified email of the ID token", async () => {
    const ada = IDP_ACCOUNTS.ada;
    const email = ada.email.toLowerCase();
    for (const round of [1, 2]) {
      const context = await browser.newContext();
      const page = await signInWithIdp(context, "ada");
      expect(new URL(page.url()).pathname).toBe("/");
      const me = await page.request.get(`${inject("baseUrl")}/api/me`);
      expect(me.status()).toBe(200);
      expect((await me.json()).user).toMatchObject({ email, name: ada.name });
      await expect(page.getByText(ada.name).first().isVisible()).resolves.toBe(true);
      await context.close();
      // the same person the second time: the same user, not a new one
      const users = await db().user.findMany({ where: { email } });
      expect(users).toHaveLength(1);
      expect(users[0].passwordHash).toBeNull();
      const logins = await db().auditEvent.count({ where: { actor: email, action: "auth.login", result: "ok", detail: "oidc" } });
      expect(logins).toBe(round);
    }
  });

  it("refuses an account whose email the provider has not verified, even if a Berth user has that email", async () => {
    const victim = IDP_ACCOUNTS.mallory.email;
    await db().user.upsert({ where: { email: victim }, update: {}, create: { email: victim, name: "Victim", platformAdmin: true, passwordHash: await hashPassword("not-used-here-123") } });
    const context = await browser.newContext();
    const page = await signInWithIdp(context, "mallory");
    const url = new URL(page.url());
    expect(url.pathname).toBe("/login");
    expect(url.searchParams.get("error")).toBe("AccessDenied");
    await expect(page.getByRole("alert").first().textContent()).resolves.toContain("no verified email address");
    expect((await page.request.get(`${inject("baseUrl")}/api/me`)).status()).toBe(401);
    const denied = await db().auditEvent.findFirst({ where: { action: "auth.login", result: "denied", detail: { contains: "verified email" } }, orderBy: { at: "desc" } });
    expect(denied?.target).toBe(victim);
    await context.close();
  });

  it("closes the account-takeover path: an inviting owner's password for the account stops working at the person's first SSO sign-in", async () => {
    const carol = IDP_ACCOUNTS.carol.email;
    const teamA = await teamWithNamespace({ role: "owner" });
    const ownerA = teamA.member;
    // team A's owner invites Carol before she has an account: a link, never a password …
    const inv = await ownerA.call("POST", `/api/teams/${teamA.slug}/members`, { email: carol, role: "viewer" });
    expect(inv.status).toBe(201);
    expect(inv.body.oneTimePassword).toBeUndefined();
    // … which the owner could use themselves, instead of passing it on
    const known = "the owner knows this one";
    expect((await client().call("POST", "/api/password-links", { token: new URL(inv.body.setupUrl).hash.slice(1), password: known })).status).toBe(200);
    const before = await signIn(carol, known, "198.51.100.40");
    expect(before.ok).toBe(true);

    // Carol signs in by SSO for the first time: the password she did not set is cleared
    const context = await browser.newContext();
    const page = await signInWithIdp(context, "carol");
    expect(new URL(page.url()).pathname).toBe("/");
    await context.close();
    const row = await db().user.findUniqueOrThrow({ where: { email: carol } });
    expect(row).toMatchObject({ passwordHash: null, ssoLinked: true });

    // team B adds her; team A's owner can no longer sign in as her, and the earlier session ended
    const teamB = await teamWithNamespace();
    expect((await teamB.admin.call("POST", `/api/teams/${teamB.slug}/members`, { email: carol, role: "developer" })).status).toBe(201);
    expect((await signIn(carol, known, "198.51.100.41")).ok).toBe(false);
    expect((await client({ cookie: before.cookie }).call("GET", "/api/me")).status).toBe(401);
    const cleared = await db().auditEvent.findFirst({ where: { action: "user.password", target: carol, detail: { contains: "first sign-in by SSO" } } });
    expect(cleared).not.toBeNull();
  });

  it("lets in only the listed email domains and groups (OIDC_ALLOWED_DOMAINS, OIDC_REQUIRED_GROUPS), saying so on the login page", async () => {
    const port = await freePort();
    const idp = await startIdp(`http://localhost:${port}`);
    try {
      const c = await extraConsole({ OIDC_ISSUER: idp.issuer, OIDC_CLIENT_ID: IDP_CLIENT_ID, OIDC_CLIENT_SECRET: idp.clientSecret, OIDC_NAME: "Test IdP", OIDC_ALLOWED_DOMAINS: "sso.example.test", OIDC_REQUIRED_GROUPS: "berth-users" }, port);
      const at = { url: c.url, issuer: idp.issuer };
      for (const [who, why] of [["dave", "domain"], ["ada", "group"]] as const) {
        const context = await browser.newContext();
        const page = await signInWithIdp(context, who, at);
        const url = new URL(page.url());
        expect(url.pathname, why).toBe("/login");
        expect(url.searchParams.get("error")).toBe("NotAllowed");
        await expect(page.getByRole("alert").first().textContent()).resolves.toContain("not allowed to use Berth");
        const email = IDP_ACCOUNTS[who].email.toLowerCase();
        expect(await db().auditEvent.count({ where: { target: email, result: "denied", detail: { contains: "not allowed" } } })).toBeGreaterThan(0);
        if (who === "dave") expect(await db().user.findUnique({ where: { email } })).toBeNull(); // refused: no account made
        await context.close();
      }
      const context = await browser.newContext();
      const page = await signInWithIdp(context, "erin", at);
      expect(new URL(page.url()).pathname).toBe("/");
      expect((await page.request.get(`${c.url}/api/me`)).status()).toBe(200);
      await context.close();
    } finally {
      await idp.stop();
    }
  });
});
