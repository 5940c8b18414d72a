// Quotas that hold between teams: a team's limits are set by platform admins only, and an
// owner's namespace quotas must fit inside them with the team's other namespaces — checked by
// Berth before it writes ResourceQuotas with its own identity (which owners cannot do).
import { CoreV1Api } from "@kubernetes/client-node";
import { beforeAll, describe, expect, it } from "vitest";
import { adminKubeConfig, uniqueName } from "../support/cluster";
import type { Client } from "../support/http";
import { teamWithNamespace } from "../support/teams";

const core = adminKubeConfig().makeApiClient(CoreV1Api);
let slug: string;
let admin: Client;
let owner: Client;

const LIMITS = { cpu: "100", memory: "200Gi", pods: 500, storage: "1Ti", namespaces: 3 };
const quota = (cpu: string) => ({ quota: { cpu, memory: "1Gi", pods: 10, storage: "10Gi" } });

beforeAll(async () => {
  const t = await teamWithNamespace({ role: "owner" }); // its first namespace reserves cpu 64, memory 128Gi, 50 pods
  slug = t.slug;
  admin = t.admin;
  owner = t.member;
});

describe("team limits", () => {
  it("are set by platform admins only", async () => {
    const refused = await owner.call("PUT", `/api/teams/${slug}/limits`, { ...LIMITS, cpu: "100000" });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe("Only platform admins set a team's limits");
    const set = await admin.call("PUT", `/api/teams/${slug}/limits`, LIMITS);
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const seen = await owner.call("GET", `/api/teams/${slug}/limits`);
    expect(seen.body.limits).toEqual(LIMITS);
    expect(seen.body.reserved).toMatchObject({ cpu: 64, pods: 50, namespaces: 1 });
    expect((await admin.call("PUT", `/api/teams/${slug}/limits`, { ...LIMITS, cpu: "lots" })).status).toBe(400);
  });

  it("refuse an owner's namespace quota that does not fit, naming the limit", async () => {
    const big = await owner.call("POST", `/api/teams/${slug}/namespaces`, { name: uniqueName("big"), limits: quota("100000") });
    expect(big.status).toBe(422);
    expect(big.body.error.message).toBe(`Team ${slug} may reserve at most 100 of CPU in its namespaces on cluster local; with this change they would reserve 100064. Ask a platform admin to raise the team's limit.`);
    const ok = await owner.call("POST", `/api/teams/${slug}/namespaces`, { name: `${slug}-two`, limits: quota("8") });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    const hard = (await core.readNamespacedResourceQuota({ name: "berth-quota", namespace: `${slug}-two` })).spec!.hard!;
    expect(hard).toMatchObject({ "requests.cpu": "8", "requests.storage": "10Gi" });
    // raising it past the limit later is refused too, and the quota in the cluster stays
    const raise = await owner.call("PUT", `/api/teams/${slug}/namespaces/${slug}-two`, quota("100000"));
    expect(raise.status).toBe(422);
    expect((await core.readNamespacedResourceQuota({ name: "berth-quota", namespace: `${slug}-two` })).spec!.hard!["requests.cpu"]).toBe("8");
  });

  it("count namespaces, two requests at once included", async () => {
    // 2 of 3 used: two owners' requests at the same moment, only one fits
    const both = await Promise.all([1, 2].map((i) => owner.call("POST", `/api/teams/${slug}/namespaces`, { name: `${slug}-race${i}`, limits: quota("1") })));
    expect(both.map((b) => b.status).sort()).toEqual([201, 422]);
    const fourth = await owner.call("POST", `/api/teams/${slug}/namespaces`, { name: uniqueName("x"), limits: quota("1") });
    expect(fourth.status).toBe(422);
    expect(fourth.body.error.message).toBe(`Team ${slug} may have at most 3 namespaces. Ask a platform admin to raise the team's limit.`);
    // a platform admin is not held to them
    expect((await admin.call("POST", `/api/teams/${slug}/namespaces`, { name: `${slug}-admin`, limits: quota("1") })).status).toBe(201);
  });
});
