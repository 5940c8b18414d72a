// Smoke test of the embedded default: PGlite served on a socket, migrated with the
// same history as PostgreSQL, used through the same Prisma client, data kept across restarts.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PrismaPg } from "@prisma/adapter-pg";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { PrismaClient } from "@/lib/db/generated/client";
import { migrate } from "../../scripts/db";

const dir = mkdtempSync(path.join(os.tmpdir(), "berth-pglite-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("embedded PGlite database", () => {
  it("migrates, stores a user and still has it after a restart", async () => {
    const first = await startEmbeddedDatabase(dir);
    await migrate(first.url);
    let prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: first.url, max: 1 }) });
    await prisma.user.create({ data: { email: "pglite@example.test", name: "PGlite" } });
    await prisma.$disconnect();
    await first.stop();

    const second = await startEmbeddedDatabase(dir);
    // migrate deploy is idempotent on an up-to-date database (as on every `npm start`)
    await expect(migrate(second.url)).resolves.toBeUndefined();
    prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: second.url, max: 1 }) });
    const user = await prisma.user.findUnique({ where: { email: "pglite@example.test" } });
    expect(user?.name).toBe("PGlite");
    await prisma.$disconnect();
    await second.stop();
  });
});

describe("a console on the embedded database (as npm start runs it: one connection)", () => {
  it("signs people in with its throttling, and checks an owner's namespace against the team's limits", async () => {
    const { hashPassword } = await import("@/lib/auth/password");
    const { extraConsole, stopExtraConsoles } = await import("../support/console");
    const { loggedIn, signIn } = await import("../../scripts/http-client");
    const { adminKubeConfig, uniqueName } = await import("../support/cluster");
    const { CoreV1Api } = await import("@kubernetes/client-node");
    const home = mkdtempSync(path.join(os.tmpdir(), "berth-pglite-console-"));
    const pg = await startEmbeddedDatabase(home);
    const namespace = uniqueName("pgl");
    try {
      await migrate(pg.url);
      const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: pg.url, max: 1 }) });
      const owner = { email: `${uniqueName("owner")}@example.test`, password: "owner's own password" };
      const admin = { email: `${uniqueName("admin")}@example.test`, password: "the admin's password" };
      await prisma.user.create({ data: { email: owner.email, name: "Owner", passwordHash: await hashPassword(owner.password), passwordSetBy: "self" } });
      await prisma.user.create({ data: { email: admin.email, name: "Admin", passwordHash: await hashPassword(admin.password), passwordSetBy: "self", platformAdmin: true } });
      await prisma.$disconnect(); // the console takes the one connection
      const c = await extraConsole({ DATABASE_URL: pg.url, BERTH_DB_POOL: "1" });
      expect((await signIn(c.url, owner.email, "wrong password", "198.51.100.77")).ok).toBe(false);
      const a = await loggedIn(c.url, admin.email, admin.password);
      const slug = uniqueName("pg");
      expect((await a.call("POST", "/api/teams", { slug, name: slug })).status).toBe(201);
      expect((await a.call("POST", `/api/teams/${slug}/members`, { email: owner.email, role: "owner" })).status).toBe(201);
      const o = await loggedIn(c.url, owner.email, owner.password);
      const tooBig = await o.call("POST", `/api/teams/${slug}/namespaces`, { name: `${namespace}-x`, limits: { quota: { cpu: "1000" } } });
      expect(tooBig.status).toBe(422);
      const made = await o.call("POST", `/api/teams/${slug}/namespaces`, { name: namespace, limits: { quota: { cpu: "2", memory: "2Gi", pods: 10 } } });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      // A second one is counted with the first (read on its cluster) inside the team's transaction, on the one connection.
      const second = await o.call("POST", `/api/teams/${slug}/namespaces`, { name: `${namespace}-2`, limits: { quota: { cpu: "1", memory: "1Gi", pods: 5 } } });
      expect(second.status, JSON.stringify(second.body)).toBe(201);
      await stopExtraConsoles();
    } finally {
      for (const name of [namespace, `${namespace}-2`]) await adminKubeConfig().makeApiClient(CoreV1Api).deleteNamespace({ name }).catch(() => undefined);
      await pg.stop();
      rmSync(home, { recursive: true, force: true });
    }
  }, 180_000);
});
