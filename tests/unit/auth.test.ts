import { describe, expect, it } from "vitest";
import { clientAddress } from "@/lib/auth/client-ip.mjs";
import { oidcProvider, ssoAllowed, verifiedEmail } from "@/lib/auth/options";
import { concurrencyLimit, generatePassword, hashPassword, verifyPassword } from "@/lib/auth/password";
import { hashToken } from "@/lib/auth/tokens";
import { requiredScope, scopeAllows } from "@/lib/domain/token-scopes";

describe("OIDC provider from the environment", () => {
  it("is off unless issuer, client id and secret are all set", () => {
    expect(oidcProvider({})).toBeUndefined();
    expect(oidcProvider({ OIDC_ISSUER: "https://dex.example.com", OIDC_CLIENT_ID: "berth" })).toBeUndefined();
  });

  it("uses the issuer's discovery document, PKCE and the openid scopes", () => {
    const p = oidcProvider({ OIDC_ISSUER: "https://keycloak.example.com/realms/dev/", OIDC_CLIENT_ID: "berth", OIDC_CLIENT_SECRET: "s3cret", OIDC_NAME: "Keycloak" }) as unknown as Record<string, unknown>;
    expect(p).toMatchObject({
      id: "oidc",
      name: "Keycloak",
      type: "oauth",
      wellKnown: "https://keycloak.example.com/realms/dev/.well-known/openid-configuration",
      clientId: "berth",
      clientSecret: "s3cret",
      idToken: true,
      checks: ["pkce", "state"],
      authorization: { params: { scope: "openid email profile" } },
    });
    const profile = (p.profile as (x: object) => object)({ sub: "42", email: "Ada@Example.com", preferred_username: "ada" });
    expect(profile).toEqual({ id: "42", email: "ada@example.com", name: "ada" });
  });
});

describe("secrets", () => {
  it("hashes passwords with bcrypt and verifies them", async () => {
    const h = await hashPassword("correct horse");
    expect(h).toMatch(/^\$2[aby]\$10\$/);
    expect(await verifyPassword("correct horse", h)).toBe(true);
    expect(await verifyPassword("wrong", h)).toBe(false);
  });

  it("generates distinct readable first-admin passwords", () => {
    const a = generatePassword();
    expect(a).toMatch(/^[a-zA-Z2-9]{5}(-[a-zA-Z2-9]{5}){3}$/);
    expect(generatePassword()).not.toBe(a);
  });

  it("stores API tokens as sha256 only", () => {
    expect(hashToken("berth_abc")).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken("berth_abc")).not.toContain("abc");
  });
});

describe("linking a single sign-on identity to a Berth user", () => {
  it("uses the email only when the provider says it is verified", () => {
    expect(verifiedEmail({ sub: "1", email: " Ada@Example.TEST ", email_verified: true })).toBe("ada@example.test");
    expect(verifiedEmail({ sub: "1", email: "ada@example.test", email_verified: "true" })).toBe("ada@example.test");
    for (const odd of ["ada lovelace@example.test", "ada@example.test\nx", "system:masters", "ada@", "@example.test", `${"a".repeat(250)}@example.test`]) expect(verifiedEmail({ sub: "1", email: odd, email_verified: true })).toBeUndefined();
    expect([verifiedEmail({ sub: "1", email: "ada@example.test" }), verifiedEmail({ sub: "1", email: "ada@example.test", email_verified: false }), verifiedEmail({ sub: "1", email_verified: true }), verifiedEmail(undefined)]).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe("who may sign in by SSO at all", () => {
  it("is every verified email unless domains or groups are listed", () => {
    expect(ssoAllowed("ada@anywhere.example", { sub: "1" }, {})).toBe(true);
  });
  it("checks the email's domain exactly (no suffix tricks) and any one required group", () => {
    const env = { OIDC_ALLOWED_DOMAINS: "corp.example, Lab.Example", OIDC_REQUIRED_GROUPS: "berth-users,admins" };
    expect(ssoAllowed("ada@corp.example", { sub: "1", groups: ["admins"] }, env)).toBe(true);
    expect(ssoAllowed("ada@lab.example", { sub: "1", groups: "berth-users" }, env)).toBe(true);
    expect(ssoAllowed("ada@evilcorp.example", { sub: "1", groups: ["admins"] }, env)).toBe(false);
    expect(ssoAllowed("ada@corp.example.evil.test", { sub: "1", groups: ["admins"] }, env)).toBe(false);
    expect(ssoAllowed("ada@corp.example", { sub: "1", groups: ["guests"] }, env)).toBe(false);
    expect(ssoAllowed("ada@corp.example", { sub: "1" }, env)).toBe(false);
    expect(ssoAllowed("ada@other.example", { sub: "1", groups: ["guests"] }, { OIDC_REQUIRED_GROUPS: "guests" })).toBe(true);
  });
  it("asks the provider for the groups only when groups are required", () => {
    const base = { OIDC_ISSUER: "https://dex.example.com", OIDC_CLIENT_ID: "berth", OIDC_CLIENT_SECRET: "s" };
    const scope = (env: Record<string, string>) => (oidcProvider(env) as unknown as { authorization: { params: { scope: string } } }).authorization.params.scope;
    expect(scope(base)).toBe("openid email profile");
    expect(scope({ ...base, OIDC_REQUIRED_GROUPS: "berth-users" })).toBe("openid email profile groups");
  });
});

describe("the client address for per-IP throttling", () => {
  it("is the connection's peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientAddress("1.2.3.4", "::ffff:10.0.0.9", 0)).toBe("10.0.0.9");
    expect(clientAddress(undefined, "127.0.0.1", 0)).toBe("127.0.0.1");
  });
  it("is what the outermost trusted proxy saw, so a client cannot choose it", () => {
    // client → proxy A (appends the client) → Berth
    expect(clientAddress("6.6.6.6, 203.0.113.7", "10.0.0.2", 1)).toBe("203.0.113.7");
    // client → proxy A → proxy B → Berth
    expect(clientAddress("6.6.6.6, 203.0.113.7, 10.0.0.3", "10.0.0.2", 2)).toBe("203.0.113.7");
    expect(clientAddress(["203.0.113.7"], "10.0.0.2", 5)).toBe("203.0.113.7");
    expect(clientAddress(undefined, "10.0.0.2", 1)).toBe("10.0.0.2");
  });
});

describe("bounding concurrent password checks", () => {
  it("runs at most n tasks at once, all of them in the end, in order of arrival", async () => {
    const limit = concurrencyLimit(2);
    let now = 0;
    let peak = 0;
    const started: number[] = [];
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        limit(async () => {
          started.push(i);
          peak = Math.max(peak, ++now);
          await new Promise((r) => setTimeout(r, 5));
          now--;
          return i;
        }),
      ),
    );
    expect(peak).toBe(2);
    expect(results).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    // a task that throws frees its slot too
    await expect(limit(async () => { throw new Error("boom"); })).rejects.toThrow("boom");
    expect(await limit(async () => "after")).toBe("after");
  });
});

describe("API token scopes", () => {
  it("needs read for reads, write for namespace changes, admin for teams, users and the catalog, a session for tokens and passwords", () => {
    expect(requiredScope("GET", "/api/teams/a/members")).toBe("read");
    expect(requiredScope("PUT", "/api/namespaces/n/apps/web/scale")).toBe("write");
    expect(requiredScope("POST", "/api/namespaces/n/builds")).toBe("write");
    expect(requiredScope("POST", "/api/teams")).toBe("admin");
    expect(requiredScope("DELETE", "/api/teams/a/members/u")).toBe("admin");
    expect(requiredScope("POST", "/api/users/u/password-reset")).toBe("admin");
    expect(requiredScope("PATCH", "/api/templates/redis")).toBe("admin");
    expect(requiredScope("POST", "/api/tokens")).toBe("session");
    expect(requiredScope("DELETE", "/api/tokens/t1")).toBe("session");
    expect(requiredScope("PUT", "/api/me/password")).toBe("session");
    expect(requiredScope("POST", "/api/teamsters")).toBe("write"); // not a prefix trick
  });
  it("orders the scopes: admin covers write covers read; nothing covers a session", () => {
    expect([scopeAllows("read", "read"), scopeAllows("read", "write"), scopeAllows("write", "read"), scopeAllows("write", "admin"), scopeAllows("admin", "write"), scopeAllows("admin", "session")]).toEqual([true, false, true, false, true, false]);
  });
});
