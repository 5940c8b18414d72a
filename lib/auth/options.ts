// next-auth configuration: email + password against our users table, and a
// generic OIDC provider (Dex, Keycloak, GitLab …) when OIDC_ISSUER is set.
// Sessions are JWTs in an httpOnly cookie, marked Secure when served over https.
import type { NextAuthOptions } from "next-auth";
import type { Provider } from "next-auth/providers/index";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { audit, auditRefusal } from "../db/audit";
import { linkSsoAccount } from "../db/accounts";
import { metrics } from "../metrics";
import { EMAIL } from "../domain/identity";
import { db } from "../db/client";
import { dummyHash, verifyPassword } from "./password";
import { beginAttempt, pruneFailures, succeeded } from "../db/login-failures";
import { CLIENT_IP_HEADER } from "./client-ip.mjs";

const credentials = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(200),
});

/** Thrown to the login form as `error: "rate_limited"`. */
export const RATE_LIMITED = "rate_limited";

export async function checkCredentials(raw: unknown, ip: string) {
  const parsed = credentials.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const attempt = await beginAttempt(email, ip);
  if (!attempt.allowed) {
    metrics().loginFailures.inc({ reason: "rate_limited" });
    await auditRefusal({ actor: email, action: "auth.login", target: email, detail: `rate limited by ${attempt.by === "ip" ? "address" : "account"} (ip ${ip})`, source: `ip:${ip}` });
    throw new Error(RATE_LIMITED);
  }
  const user = await db().user.findUnique({ where: { email } });
  // Same work whether or not the email exists: errors must not reveal accounts.
  const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyHash()));
  if (!user || !user.passwordHash || !ok) {
    metrics().loginFailures.inc({ reason: "wrong_credentials" });
    await pruneFailures();
    await auditRefusal({ actor: email, userId: user?.id, action: "auth.login", target: email, detail: `wrong credentials (ip ${ip})`, source: `ip:${ip}` });
    return null;
  }
  await succeeded(email, attempt);
  await audit({ actor: email, userId: user.id, action: "auth.login", target: email, result: "ok", detail: `password (ip ${ip})` });
  return user;
}

/** The client address Berth's server recorded for this request (never one the client chose). */
function clientIp(headers: Record<string, string | string[] | undefined> | undefined): string {
  const ip = headers?.[CLIENT_IP_HEADER];
  return (Array.isArray(ip) ? ip[0] : ip) || "unknown";
}

export interface OidcProfile {
  sub: string;
  email?: string;
  email_verified?: boolean | string;
  name?: string;
  preferred_username?: string;
  /** Dex, Keycloak (with a groups mapper), GitLab … send the person's groups here. */
  groups?: string[] | string;
}

const list = (v: string | undefined) => (v ?? "").split(",").map((x) => x.trim().toLowerCase()).filter(Boolean);

/**
 * Whether a verified SSO identity may use Berth at all: its email's domain in
 * OIDC_ALLOWED_DOMAINS (when set) and one of OIDC_REQUIRED_GROUPS in its `groups` claim (when
 * set). Without either setting every verified email may sign in, as before.
 */
export function ssoAllowed(email: string, p: OidcProfile | undefined, env: Record<string, string | undefined> = process.env): boolean {
  const domains = list(env.OIDC_ALLOWED_DOMAINS);
  const groups = list(env.OIDC_REQUIRED_GROUPS);
  if (domains.length && !domains.includes(email.slice(email.lastIndexOf("@") + 1))) return false;
  if (groups.length) {
    const has = [p?.groups ?? []].flat().map((g) => String(g).toLowerCase());
    if (!groups.some((g) => has.includes(g))) return false;
  }
  return true;
}

/**
 * Whether an identity provider's claims may sign in as the Berth user of that email.
 * Only a verified email links an account: otherwise anyone able to set an email at
 * the provider could sign in as an existing Berth user (an admin, say).
 */
export function verifiedEmail(p: OidcProfile | undefined): string | undefined {
  const verified = p?.email_verified === true || p?.email_verified === "true";
  const email = typeof p?.email === "string" ? p.email.trim().toLowerCase() : "";
  // the same plain form Berth's own forms accept: it becomes the cluster identity berth:user:<email>
  return verified && email.length <= 254 && EMAIL.test(email) ? email : undefined;
}

/** The OIDC provider from OIDC_ISSUER / OIDC_CLIENT_ID / OIDC_CLIENT_SECRET (OIDC_NAME for the button). */
export function oidcProvider(env: Record<string, string | undefined> = process.env): Provider | undefined {
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) return undefined;
  return {
    id: "oidc",
    name: env.OIDC_NAME || "SSO",
    type: "oauth",
    wellKnown: `${env.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    authorization: { params: { scope: env.OIDC_REQUIRED_GROUPS ? "openid email profile groups" : "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile(p: OidcProfile) {
      return { id: p.sub, email: p.email?.toLowerCase(), name: p.name ?? p.preferred_username ?? p.email ?? p.sub };
    },
  };
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  // Sign-in errors (a refused or failed single sign-on) come back to the login page, which explains them.
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, req) {
        const user = await checkCredentials(raw, clientIp(req?.headers));
        return user ? { id: user.id, email: user.email, name: user.name, sv: user.sessionVersion } : null;
      },
    }),
    ...(oidcProvider() ? [oidcProvider()!] : []),
  ],
  callbacks: {
    // OIDC users become Berth users on first sign-in (no password; teams are granted in Berth),
    // matched by verified email only; the first SSO sign-in into an existing account clears a
    // password the person did not set themselves (lib/db/accounts.ts).
    async signIn({ user, account, profile }) {
      if (account?.provider !== "oidc") return true;
      const email = verifiedEmail(profile as OidcProfile | undefined);
      if (!email) {
        await audit({ actor: user.email ?? (profile as OidcProfile | undefined)?.sub ?? "unknown", action: "auth.login", target: user.email ?? "", result: "denied", detail: "oidc: the identity provider did not send a verified email" });
        return false;
      }
      if (!ssoAllowed(email, profile as OidcProfile | undefined)) {
        metrics().loginFailures.inc({ reason: "sso_refused" });
        await audit({ actor: email, action: "auth.login", target: email, result: "denied", detail: "oidc: the email's domain or the groups are not allowed (OIDC_ALLOWED_DOMAINS, OIDC_REQUIRED_GROUPS)" });
        return "/login?error=NotAllowed";
      }
      const row = await linkSsoAccount(email, user.name ?? email);
      user.id = row.id;
      (user as { sv?: number }).sv = row.sessionVersion;
      if (row.clearedPassword) await audit({ actor: row.email, userId: row.id, action: "user.password", target: row.email, result: "ok", detail: "first sign-in by SSO: a password the person had not set themselves was cleared" });
      await audit({ actor: row.email, userId: row.id, action: "auth.login", target: row.email, result: "ok", detail: "oidc" });
      return true;
    },
    async jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.sv = (user as { sv?: number }).sv ?? 0;
      }
      return token;
    },
    async session({ session, token }) {
      if (session.user && typeof token.uid === "string") (session.user as { id?: string }).id = token.uid;
      return session;
    },
  },
};
