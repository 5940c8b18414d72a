// Accounts against the real console and PostgreSQL: an invitation hands out a single-use,
// expiring link, never a password; people change their own password; an admin's reset and
// "sign out everywhere" end every session; so does removal from a team. (The SSO half of the
// account-takeover path is in tests/e2e/sso.test.ts, with the real identity provider.)
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { uniqueName } from "../support/cluster";
import { client, loggedIn, signIn, type Client } from "../support/http";
import { teamWithNamespace } from "../support/teams";
import { createUser } from "../support/users";

let slug: string;
let admin: Client;
let owner: Client;

beforeAll(async () => {
  const t = await teamWithNamespace({ role: "owner" });
  slug = t.slug;
  admin = t.admin;
  owner = t.member;
});

const tokenOf = (setupUrl: string) => new URL(setupUrl).hash.slice(1);
const setWithLink = (token: string, password: string) => client().call("POST", "/api/password-links", { token, password });

async function invite(role = "developer") {
  const email = `${uniqueName("inv")}@example.test`;
  const r = await owner.call("POST", `/api/teams/${slug}/members`, { email, role });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return { email, ...r.body } as { email: string; userId: string; setupUrl: string; setupExpiresAt: string };
}

describe("an invitation", () => {
  it("creates no usable password: the owner gets a single-use, expiring link, never a password", async () => {
    const inv = await invite();
    expect(inv).not.toHaveProperty("oneTimePassword");
    expect(inv.setupUrl).toMatch(/\/set-password#[A-Za-z0-9_-]{43}$/);
    expect(new Date(inv.setupExpiresAt).getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3600_000);
    const row = await db().user.findUniqueOrThrow({ where: { email: inv.email } });
    expect(row.passwordHash).toBeNull();
    expect((await db().passwordLink.findFirstOrThrow({ where: { userId: row.id } })).tokenHash).not.toContain(tokenOf(inv.setupUrl)); // only a hash is kept
    expect((await signIn(inv.email, "anything-at-all", "198.51.100.30")).ok).toBe(false);
    // an existing account is added without a link
    const known = await createUser();
    const added = await owner.call("POST", `/api/teams/${slug}/members`, { email: known.email, role: "viewer" });
    expect(added.status).toBe(201);
    expect(added.body.setupUrl).toBeUndefined();
  });

  it("lets the person set their own password once, within its time", async () => {
    const inv = await invite();
    const token = tokenOf(inv.setupUrl);
    const short = await setWithLink(token, "short");
    expect(short.status).toBe(400);
    expect(short.body.error.details.fields.password).toBe("A password needs at least 10 characters");
    expect((await setWithLink(token, inv.email)).status).toBe(400); // not the email
    const ok = await setWithLink(token, "carol's own secret");
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toEqual({ email: inv.email });
    expect((await loggedIn(inv.email, "carol's own secret")).cookie).not.toBe("");
    const again = await setWithLink(token, "someone else's pick");
    expect(again.status).toBe(410);
    expect(again.body.error.message).toMatch(/already been used/);
    expect((await signIn(inv.email, "someone else's pick", "198.51.100.31")).ok).toBe(false);
    expect((await setWithLink("x".repeat(43), "whatever-long-enough")).status).toBe(400);
  });

  it("expires, and a newer link replaces an older one", async () => {
    const inv = await invite();
    await db().passwordLink.updateMany({ where: { user: { email: inv.email } }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await setWithLink(tokenOf(inv.setupUrl), "a fine new password");
    expect(expired.status).toBe(410);
    expect(expired.body.error.message).toMatch(/expired/);
    const reset1 = await admin.call("POST", `/api/users/${inv.userId}/password-reset`);
    const reset2 = await admin.call("POST", `/api/users/${inv.userId}/password-reset`);
    expect((await setWithLink(tokenOf(reset1.body.setupUrl), "a fine new password")).status).toBe(410);
    expect((await setWithLink(tokenOf(reset2.body.setupUrl), "a fine new password")).status).toBe(200);
  });
});

describe("a person's own password", () => {
  it("changes in Settings with the current one; every session ends, API tokens cannot do it", async () => {
    const u = await createUser();
    const a = await loggedIn(u.email, u.password);
    const b = await loggedIn(u.email, u.password);
    const wrong = await a.call("PUT", "/api/me/password", { current: "not it", password: "my brand new password" });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details.fields.current).toBe("The current password is not right");
    const tok = await a.call("POST", "/api/tokens", { name: "ci" });
    const viaToken = await client({ token: tok.body.token }).call("PUT", "/api/me/password", { current: u.password, password: "my brand new password" });
    expect(viaToken.status).toBe(403);
    expect((await a.call("PUT", "/api/me/password", { current: u.password, password: "my brand new password" })).status).toBe(204);
    expect((await a.call("GET", "/api/me")).status).toBe(401);
    expect((await b.call("GET", "/api/me")).status).toBe(401);
    expect((await signIn(u.email, u.password, "198.51.100.32")).ok).toBe(false);
    expect((await (await loggedIn(u.email, "my brand new password")).call("GET", "/api/me")).status).toBe(200);
    expect((await db().user.findUniqueOrThrow({ where: { id: u.id } })).passwordSetBy).toBe("self");
  });

  it("signs out everywhere: a copied session cookie stops working", async () => {
    const u = await createUser();
    const a = await loggedIn(u.email, u.password);
    const copied = client({ cookie: a.cookie });
    expect((await copied.call("GET", "/api/me")).status).toBe(200);
    expect((await a.call("DELETE", "/api/me/sessions")).status).toBe(204);
    expect((await copied.call("GET", "/api/me")).status).toBe(401);
    expect((await (await loggedIn(u.email, u.password)).call("GET", "/api/me")).status).toBe(200); // signing in again works
  });
});

describe("an admin's reset", () => {
  it("stops the password at once, ends the sessions and gives a link; only platform admins may", async () => {
    const u = await createUser();
    const session = await loggedIn(u.email, u.password);
    expect((await owner.call("POST", `/api/users/${u.id}/password-reset`)).status).toBe(403);
    const r = await admin.call("POST", `/api/users/${u.id}/password-reset`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ email: u.email });
    expect(r.body.setupUrl).toMatch(/\/set-password#/);
    expect((await session.call("GET", "/api/me")).status).toBe(401);
    expect((await signIn(u.email, u.password, "198.51.100.33")).ok).toBe(false);
    expect((await setWithLink(tokenOf(r.body.setupUrl), "after the reset 1")).status).toBe(200);
    expect((await (await loggedIn(u.email, "after the reset 1")).call("GET", "/api/me")).status).toBe(200);
    expect((await admin.call("POST", "/api/users/nobody-here/password-reset")).status).toBe(404);
  });
});

describe("removal from a team", () => {
  it("ends the removed person's sessions", async () => {
    const u = await createUser();
    expect((await owner.call("POST", `/api/teams/${slug}/members`, { email: u.email, role: "developer" })).status).toBe(201);
    const s = await loggedIn(u.email, u.password);
    expect((await s.call("GET", "/api/me")).body.teams.map((x: { slug: string }) => x.slug)).toContain(slug);
    expect((await owner.call("DELETE", `/api/teams/${slug}/members/${u.id}`)).status).toBe(204);
    expect((await s.call("GET", "/api/me")).status).toBe(401);
  });
});
