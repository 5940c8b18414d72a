// The informer behind the live view, against the real apiserver: LIST + WATCH,
// and a fresh LIST when the apiserver answers 410 Gone for a too-old resourceVersion.
import { CoreV1Api, type V1ConfigMap } from "@kubernetes/client-node";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { serviceKubeConfig } from "@/lib/k8s/config";
import { Informer } from "@/lib/k8s/informer";
import { adminKubeConfig, eventually, uniqueName } from "../support/cluster";

const kc = adminKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const ns = uniqueName("inf");
const seen: string[] = [];
let resyncs = 0;
const informer = new Informer<V1ConfigMap, string>({
  kc,
  path: `/api/v1/namespaces/${ns}/configmaps`,
  pageSize: 2, // 4 objects (the namespace's CA too): pages asked for before the last one was read
  reduce: (cm) => cm.data?.v ?? "",
  key: (cm) => cm.metadata!.name!,
  onChange: (type, key) => seen.push(`${type} ${key}`),
  onResync: () => resyncs++,
});

beforeAll(async () => {
  await core.createNamespace({ body: { metadata: { name: ns } } });
  for (const n of ["a", "b", "c"]) await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: n }, data: { v: n } } });
});
afterAll(async () => {
  informer.stop();
  await core.deleteNamespace({ name: ns }).catch(() => undefined);
});

describe("Informer", () => {
  it("lists in pages, then follows changes", async () => {
    await informer.start();
    expect([...informer.store.keys()].filter((k) => k !== "kube-root-ca.crt").sort()).toEqual(["a", "b", "c"]);
    await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: "d" }, data: { v: "d" } } });
    await core.patchNamespacedConfigMap({ name: "a", namespace: ns, body: [{ op: "replace", path: "/data/v", value: "A" }] });
    await core.deleteNamespacedConfigMap({ name: "b", namespace: ns });
    await eventually("the three changes", async () => informer.store.get("a") === "A" && informer.store.has("d") && !informer.store.has("b"));
    expect(seen).toEqual(expect.arrayContaining(["ADDED d", "MODIFIED a", "DELETED b"]));
  });

  it("lists again after 410 Gone and keeps following", async () => {
    // Compact etcd's history (ConfigMaps skip the watch cache in the test cluster), then
    // make the informer resume from a revision before it: the apiserver answers 410 Gone.
    const state = JSON.parse(readFileSync(path.join(inject("clusterDir"), "state.json"), "utf8")) as { ports: { etcd: number } };
    const etcd = `http://127.0.0.1:${state.ports.etcd}`;
    const head = (await (await fetch(`${etcd}/v3/kv/range`, { method: "POST", body: JSON.stringify({ key: "AA==" }) })).json()) as { header: { revision: string } };
    await fetch(`${etcd}/v3/kv/compaction`, { method: "POST", body: JSON.stringify({ revision: head.header.revision, physical: true }) });
    const internals = informer as unknown as { resourceVersion: string; abort?: AbortController };
    internals.resourceVersion = "2";
    internals.abort?.abort();
    await eventually("a fresh LIST", async () => resyncs >= 2);
    await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: "e" }, data: { v: "e" } } });
    await eventually("the change after the relist", async () => informer.store.get("e") === "e");
    expect(Number(internals.resourceVersion)).toBeGreaterThan(1);
  });

  it("fails its start at once when the first LIST is refused, instead of retrying behind a request", async () => {
    // Berth's own identity may not read Secrets (bootstrapRbac gives it no such right)
    const refused = new Informer<unknown, string>({ kc: serviceKubeConfig(), path: `/api/v1/namespaces/${ns}/secrets`, reduce: () => "", key: () => "", onChange: () => undefined });
    const started = Date.now();
    await expect(refused.start()).rejects.toMatchObject({ code: "cluster_forbidden", message: expect.stringContaining("HTTP 403") });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
