// Who is asking, from the next-auth session cookie (a JWT; no database read).
import { getServerSession } from "next-auth";
import { authOptions } from "./options";

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  platformAdmin: boolean;
}

/** The signed-in user's id, or null when there is no valid session cookie. */
export async function sessionUserId(): Promise<string | null> {
  const session = await getServerSession(authOptions);
  return (session?.user as { id?: string } | undefined)?.id ?? null;
}
