// The actor cache forgets when, and only when, a write may change who may do what.
import { describe, expect, it } from "vitest";
import { accessWrites, accessWritten, remembered } from "@/lib/auth/actor-cache";
import { changesAccess } from "@/lib/db/client";

describe("what makes the console resolve people afresh", () => {
  it("a write to users, memberships, teams, their namespaces or tokens", () => {
    expect(changesAccess("Membership", "delete", { where: { id: "m" } })).toBe(true);
    expect(changesAccess("Membership", "update", { where: { id: "m" }, data: { role: "viewer" } })).toBe(true);
    expect(changesAccess("Team", "create", { data: { slug: "t" } })).toBe(true);
    expect(changesAccess("TeamNamespace", "deleteMany", { where: { teamId: "t" } })).toBe(true);
    expect(changesAccess("User", "update", { where: { id: "u" }, data: { sessionVersion: { increment: 1 } } })).toBe(true);
    expect(changesAccess("ApiToken", "update", { where: { id: "k" }, data: { revokedAt: new Date() } })).toBe(true);
    expect(changesAccess("ApiToken", "create", { data: { tokenHash: "h" } })).toBe(true);
  });

  it("not a read, not a write elsewhere, not a token's last use", () => {
    expect(changesAccess("Membership", "findMany", {})).toBe(false);
    expect(changesAccess("User", "findUnique", { where: { id: "u" } })).toBe(false);
    expect(changesAccess("Build", "create", { data: {} })).toBe(false);
    expect(changesAccess("AuditEvent", "create", { data: {} })).toBe(false);
    expect(changesAccess("ApiToken", "update", { where: { id: "k" }, data: { lastUsedAt: new Date() } })).toBe(false);
    expect(changesAccess(undefined, "queryRaw", {})).toBe(false);
  });

  it("forgets what it remembered when such a write is reported, and counts it", async () => {
    let loads = 0;
    const load = async () => ++loads;
    expect(await remembered("user:a", load)).toBe(1);
    expect(await remembered("user:a", load)).toBe(1); // remembered
    const before = accessWrites();
    accessWritten();
    expect(accessWrites()).toBe(before + 1);
    expect(await remembered("user:a", load)).toBe(2); // loaded afresh
  });
});
