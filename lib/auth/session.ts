// Who is asking: resolves the next-auth session to a current user row.
import { getServerSession } from "next-auth";
import { AppError } from "../errors";
import { db } from "../db/client";
import { authOptions } from "./options";

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  platformAdmin: boolean;
}

export async function currentUser(): Promise<CurrentUser | null> {
  const session = await getServerSession(authOptions);
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  const user = await db().user.findUnique({ where: { id }, select: { id: true, email: true, name: true, platformAdmin: true } });
  return user;
}

export async function requireUser(): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) throw new AppError("unauthenticated", "Sign in to continue.");
  return user;
}
