// A team with a namespace and an owner, made through Berth's own API.
import { expect } from "vitest";
import { uniqueName } from "./cluster";
import { loggedIn, type Client } from "./http";
import { createUser } from "./users";

export async function teamWithNamespace(opts: { pods?: number; role?: "owner" | "developer" | "viewer" } = {}) {
  const a = await createUser({ platformAdmin: true });
  const admin = await loggedIn(a.email, a.password);
  const slug = uniqueName("t");
  const namespace = `${slug}-ns`;
  const u = await createUser();
  expect((await admin.call("POST", "/api/teams", { slug, name: slug })).status).toBe(201);
  expect((await admin.call("POST", `/api/teams/${slug}/members`, { email: u.email, role: opts.role ?? "developer" })).status).toBe(201);
  const ns = await admin.call("POST", `/api/teams/${slug}/namespaces`, { name: namespace, limits: { quota: { cpu: "64", memory: "128Gi", pods: opts.pods ?? 50 } } });
  expect(ns.status).toBe(201);
  const member: Client = await loggedIn(u.email, u.password);
  return { slug, namespace, admin, member, user: u };
}
