// Creates users straight in the test database (the setup is not what is under test here).
import { hashPassword } from "@/lib/auth/password";
import { recordSecret } from "./secret-log";
import { db } from "@/lib/db/client";
import { uniqueName } from "./cluster";

export async function createUser(opts: { platformAdmin?: boolean; name?: string } = {}) {
  const email = `${uniqueName("user")}@example.test`;
  const password = `pw-${uniqueName("x")}`;
  recordSecret(password);
  const user = await db().user.create({
    data: { email, name: opts.name ?? email.split("@")[0], passwordHash: await hashPassword(password), platformAdmin: opts.platformAdmin ?? false },
  });
  return { ...user, password };
}
