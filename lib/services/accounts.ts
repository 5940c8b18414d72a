// A person's own account: passwords they set themselves (through a single-use, expiring link
// when invited or reset, or in Settings knowing the old one), and their sessions, which all
// end at once when the password changes, on "sign out everywhere", or by an admin's reset.
// Nobody but the person ever learns a password: invitations and resets hand out links.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Actor } from "../auth/actor";
import { hashPassword, verifyPassword } from "../auth/password";
import { accountById, createPasswordLink, endSessions, findPasswordLink, setPassword, usePasswordLink } from "../db/accounts";
import { audit } from "../db/audit";
import { msg } from "../domain/messages";
import { AppError } from "../errors";

/** How long a set-password link works: an invitation a week, a reset a day. */
const LINK_TTL_MS = { invite: 7 * 24 * 3600_000, reset: 24 * 3600_000 } as const;

export const newPassword = z.string().min(10, msg("passwordTooShort")).max(200, msg("passwordTooLong"));

/**
 * A single-use link for `userId` to set their password; earlier unused links stop working.
 * The token is in the address's fragment, so it never reaches server or proxy logs.
 */
export async function issuePasswordLink(userId: string, purpose: "invite" | "reset", createdById: string | null, origin: string) {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + LINK_TTL_MS[purpose]);
  await createPasswordLink(userId, token, purpose, expiresAt, createdById);
  return { setupUrl: `${origin}/set-password#${token}`, expiresAt };
}

export const linkInput = z.object({ token: z.string().min(10).max(200), password: newPassword });

/** Someone with a link sets the password (no session needed); every earlier session ends. */
export async function setPasswordWithLink(input: z.infer<typeof linkInput>) {
  const link = await findPasswordLink(input.token);
  if (!link) throw new AppError("bad_request", msg("linkInvalid"));
  if (link.usedAt) throw new AppError("gone", msg("linkUsed"));
  if (link.expiresAt < new Date()) throw new AppError("gone", msg("linkExpired"));
  if (input.password.toLowerCase() === link.user.email) throw new AppError("bad_request", msg("passwordIsEmail"), { fields: { password: msg("passwordIsEmail") } });
  if (!(await usePasswordLink(link.id))) throw new AppError("gone", msg("linkUsed"));
  await setPassword(link.userId, await hashPassword(input.password), "link");
  await audit({ actor: link.user.email, userId: link.userId, action: "user.password", target: link.user.email, result: "ok", detail: `set with a ${link.purpose} link` });
  return { email: link.user.email };
}

export const changePasswordInput = z.object({ current: z.string().max(200).optional(), password: newPassword });

/**
 * The person changes their password in Settings: the current one is asked when there is one
 * (an SSO-only account sets a first one). Only from a browser session, never with an API
 * token (lib/domain/token-scopes.ts). Every session ends, this one too: they sign in again
 * with the new password.
 */
export async function changePassword(actor: Actor, input: z.infer<typeof changePasswordInput>) {
  const me = await accountById(actor.user.id);
  if (!me) throw new AppError("unauthenticated", msg("signIn"));
  if (me.passwordHash && !(input.current && (await verifyPassword(input.current, me.passwordHash)))) {
    await audit({ actor: me.email, userId: me.id, action: "user.password", target: me.email, result: "denied", detail: "wrong current password" });
    throw new AppError("bad_request", msg("currentPasswordWrong"), { fields: { current: msg("currentPasswordWrong") } });
  }
  if (input.password.toLowerCase() === me.email) throw new AppError("bad_request", msg("passwordIsEmail"), { fields: { password: msg("passwordIsEmail") } });
  await setPassword(me.id, await hashPassword(input.password), "self");
  await audit({ actor: me.email, userId: me.id, action: "user.password", target: me.email, result: "ok", detail: "changed in Settings" });
}

/** Every session of the person ends (a lost laptop, a shared computer). */
export async function signOutEverywhere(actor: Actor) {
  await endSessions(actor.user.id);
  await audit({ actor: actor.user.email, userId: actor.user.id, action: "user.sessions", target: actor.user.email, result: "ok", detail: "signed out everywhere" });
}

/**
 * A platform admin resets someone's password: it stops working at once, their sessions end,
 * and the admin gets a link (a day, once) for the person to set a new one.
 */
export async function resetPassword(actor: Actor, userId: string, origin: string) {
  if (!actor.user.platformAdmin) throw new AppError("forbidden", msg("adminsOnlyReset"));
  const target = await accountById(userId);
  if (!target) throw new AppError("not_found", msg("userNotFound"));
  await setPassword(target.id, null, null);
  const link = await issuePasswordLink(target.id, "reset", actor.user.id, origin);
  await audit({ actor: actor.user.email, userId: actor.user.id, action: "user.password-reset", target: target.email, result: "ok" });
  return { email: target.email, ...link };
}

/** What Settings shows of the person's own account. */
export async function ownAccount(actor: Actor) {
  const me = await accountById(actor.user.id);
  return { hasPassword: !!me?.passwordHash };
}
