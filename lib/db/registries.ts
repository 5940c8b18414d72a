// Team registries in the database. Passwords are stored sealed (lib/auth/secret-box.ts)
// and only the service that needs one in clear opens it.
import { db } from "./client";

/** What may leave the server about a registry: never the password. */
export const PUBLIC_FIELDS = { id: true, name: true, url: true, username: true, createdBy: true, createdAt: true, updatedAt: true } as const;

export async function listRegistries(teamId: string) {
  return db().registry.findMany({ where: { teamId }, orderBy: { name: "asc" }, select: { ...PUBLIC_FIELDS, passwordEnc: true } });
}

export async function findRegistry(teamId: string, name: string) {
  return db().registry.findUnique({ where: { teamId_name: { teamId, name } } });
}

export async function createRegistry(data: { teamId: string; name: string; url: string; username?: string; passwordEnc?: string; createdBy: string }) {
  return db().registry.create({ data });
}

export async function updateRegistry(id: string, data: { url?: string; username?: string | null; passwordEnc?: string | null }) {
  return db().registry.update({ where: { id }, data });
}

export async function deleteRegistry(id: string) {
  await db().registry.delete({ where: { id } });
}
