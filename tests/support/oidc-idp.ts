// A real OpenID Connect provider for the tests: panva's oidc-provider (the certified
// Node.js implementation) with its development sign-in pages, serving discovery, JWKS,
// authorization code + PKCE, the token endpoint and signed ID tokens like Dex or
// Keycloak would. Its accounts are fixed here; the password field of its form is ignored.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import type { Server } from "node:http";
import Provider from "oidc-provider";
import { freePort } from "../../lib/db/embedded";

export const IDP_CLIENT_ID = "berth";

/** Sign-in names on the test IdP and the claims its ID tokens carry. */
export const IDP_ACCOUNTS: Record<string, { email: string; email_verified: boolean; name: string; groups?: string[] }> = {
  ada: { email: "Ada.Lovelace@sso.example.test", email_verified: true, name: "Ada Lovelace", groups: ["engineering"] },
  // A person a team owner invites before she ever signs in (the account-takeover path, tests/e2e/sso.test.ts).
  carol: { email: "carol@sso.example.test", email_verified: true, name: "Carol" },
  // For a console that lists allowed domains and required groups (OIDC_ALLOWED_DOMAINS, OIDC_REQUIRED_GROUPS).
  erin: { email: "erin@sso.example.test", email_verified: true, name: "Erin", groups: ["berth-users"] },
  dave: { email: "dave@other.example.test", email_verified: true, name: "Dave", groups: ["berth-users"] },
  // An account whose email the IdP has not verified: it must never sign in as the Berth user of that email.
  mallory: { email: "admin-victim@example.test", email_verified: false, name: "Mallory" },
};

export async function startIdp(berthUrl: string): Promise<{ issuer: string; clientSecret: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const issuer = `http://localhost:${port}`;
  const clientSecret = randomBytes(24).toString("base64url");
  const signingKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });
  const provider = new Provider(issuer, {
    clients: [{ client_id: IDP_CLIENT_ID, client_secret: clientSecret, redirect_uris: [`${berthUrl}/api/auth/callback/oidc`], grant_types: ["authorization_code"], response_types: ["code"] }],
    jwks: { keys: [{ ...signingKey, kid: "test", use: "sig", alg: "RS256" }] },
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"], groups: ["groups"] },
    // Like Dex, Keycloak and GitLab: the requested claims are in the ID token itself.
    conformIdTokenClaims: false,
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    async findAccount(_ctx, id) {
      const account = IDP_ACCOUNTS[id];
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ sub: `idp|${id}`, ...account }) };
    },
  });
  const server: Server = provider.listen(port);
  await new Promise<void>((resolve, reject) => server.once("listening", resolve).once("error", reject));
  const stop = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return { issuer, clientSecret, stop };
}
