// First start: one platform admin, never with a fixed default password.
import { generatePassword, hashPassword } from "../auth/password";
import { db } from "./client";

export interface SeededAdmin {
  email: string;
  /** Only set when Berth generated it: shown once, never stored in clear. */
  password?: string;
}

export async function seedFirstAdmin(env: { email?: string; password?: string } = {}): Promise<SeededAdmin | null> {
  const prisma = db();
  if ((await prisma.user.count()) > 0) return null;
  const email = (env.email || "admin@berth.local").trim().toLowerCase();
  const password = env.password || generatePassword();
  await prisma.user.create({
    data: { email, name: "Administrator", passwordHash: await hashPassword(password), passwordSetBy: "seed", platformAdmin: true },
  });
  await prisma.auditEvent.create({ data: { actor: "berth", action: "user.create", target: email, result: "ok", detail: "first platform admin" } });
  return { email, password: env.password ? undefined : password };
}
