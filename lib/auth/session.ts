// Who is asking, from the next-auth session cookie: a JWE that only the server can
// decrypt (NEXTAUTH_SECRET); tampered or expired cookies decode to nothing. Decoding
// it directly avoids running the whole next-auth handler on every API request.
import { hash } from "node:crypto";
import { decode } from "next-auth/jwt";
import { remembered } from "./actor-cache";
import type { Maybe } from "../maybe";
import { requestCookie } from "./request";

export type { CurrentUser } from "../db/teams";

// next-auth names the cookie with the __Secure- prefix when served over https.
const COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

/**
 * The signed-in user's id and the session version the session was made with (compared with
 * the user's current one: sign-out-everywhere, a password change or reset end older sessions),
 * or null when the request `h` has no valid session cookie. Decoding a cookie costs about
 * 100 µs (key derivation and AES-GCM), and a browser sends the same one with every request:
 * what it decodes to is kept with the memory of who is asking (lib/auth/actor-cache.ts, 2 s),
 * by the cookie's sha256 (and given at once from there: lib/maybe.ts).
 */
export function sessionClaims(h: Headers): Maybe<{ userId: string; version: number } | null> {
  const raw = COOKIE_NAMES.map((n) => requestCookie(h, n)).find(Boolean);
  const secret = process.env.NEXTAUTH_SECRET;
  if (!raw || !secret) return null;
  return remembered(`session:${hash("sha256", raw, "hex")}`, () => decodeClaims(raw, secret));
}

async function decodeClaims(raw: string, secret: string): Promise<{ userId: string; version: number } | null> {
  try {
    const token = await decode({ token: raw, secret });
    return typeof token?.uid === "string" ? { userId: token.uid, version: typeof token.sv === "number" ? token.sv : 0 } : null;
  } catch {
    return null;
  }
}
