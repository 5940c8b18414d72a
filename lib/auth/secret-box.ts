// Credentials at rest (registry passwords, webhook secrets): AES-256-GCM with a key from
// BERTH_SECRET_KEY (`npm start` generates one beside the NEXTAUTH secret). Stored as
// "v1:" + base64(iv | tag | ciphertext); a wrong key or a changed row fails to open.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from "node:crypto";
import { AppError } from "../errors";
import { msg } from "../domain/messages";

function key(): Buffer {
  const k = process.env.BERTH_SECRET_KEY;
  if (!k || k.length < 16) throw new AppError("internal", msg("secretKeyMissing"));
  return createHash("sha256").update(k).digest();
}

export function seal(plain: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([c.update(plain, "utf8"), c.final()]);
  return `v1:${Buffer.concat([iv, c.getAuthTag(), body]).toString("base64")}`;
}

/**
 * A keyed fingerprint (HMAC-SHA256): tells whether secret values changed without letting
 * anyone who sees it guess them offline.
 */
export function fingerprint(plain: string): string {
  return createHmac("sha256", key()).update(plain).digest("hex").slice(0, 32);
}

export function open(sealed: string): string {
  if (!sealed.startsWith("v1:")) throw new AppError("internal", msg("secretUnreadable"));
  const raw = Buffer.from(sealed.slice(3), "base64");
  try {
    const d = createDecipheriv("aes-256-gcm", key(), raw.subarray(0, 12));
    d.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString("utf8");
  } catch {
    throw new AppError("internal", msg("secretUnreadable"));
  }
}
