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
