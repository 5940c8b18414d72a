// Real usage numbers: metrics-server (built from Go modules, beside the real node) serves
// metrics.k8s.io; a busy loop in a real container shows up on the app page's CPU chart against
// its request and limit, the Overview charts the real node, and a HorizontalPodAutoscaler acts
// on the load: up while a pod burns CPU, down once it stops.
import { AutoscalingV2Api, CoreV1Api, CustomObjectsApi, PatchStrategy, setHeaderOptions } from "@kubernetes/client-node";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import os from "node:os";
import { parseQuantity } from "@/lib/domain/quantity";
import type { AppUsage } from "@/lib/domain/usage";
import { axeViolations } from "../support/axe";
import { launch, login } from "../support/browser";
import { adminKubeConfig, eventually } from "../support/cluster";
import type { Client } from "../support/http";
import { execIn } from "../support/real-node";
import { freeRealNode, teamWithNamespace } from "../support/teams";

const kc = adminKubeConfig();
let browser: Browser;
let page: Page;
let dev: Client;
let ns: string;

beforeAll(async () => {
  const t = await teamWithNamespace({ realNode: true });
  ns = t.namespace;
  dev = t.member;
  browser = await launch();
  page = await browser.newPage();
  await login(page, t.user.email, t.user.password);
});
afterAll(async () => {
  await browser?.close();
  await freeRealNode(ns);
});

const deploy = async (spec: object) => expect((await dev.call("POST", `/api/namespaces/${ns}/apps`, { spec })).status).toBe(201);

describe("usage numbers", () => {
  it("are served by metrics-server for the real node", async () => {
    const node = (await eventually("the real node's metrics", () => kc.makeApiClient(CustomObjectsApi).getClusterCustomObject({ group: "metrics.k8s.io", version: "v1beta1", plural: "nodes", name: "berth-node" }).catch(() => undefined), 90_000, 2000)) as { usage: { cpu: string; memory: string } };
    // the machine's working set as a quantity: in Ki, or in Mi when it falls on a whole MiB (4110Mi once)
    const memory = parseQuantity(node.usage.memory);
    expect(memory).toBeGreaterThan(64 * 2 ** 20);
    expect(memory).toBeLessThanOrEqual(os.totalmem());
  });

  it("show a busy pod's CPU against its request and limit, on the app page in both languages", async () => {
    await deploy({ name: "burner", image: "busybox:1", replicas: 1, command: ["sh", "-c", "while :; do :; done"], resources: { cpuRequest: "100m", cpuLimit: "300m", memoryRequest: "32Mi", memoryLimit: "64Mi" } });
    const u = await eventually("CPU use above 0.15 cores", async () => {
      const r = await dev.call("GET", `/api/namespaces/${ns}/apps/burner/usage`);
      const x = r.body as AppUsage;
      return x.pods[0]?.cpu.at(-1)?.[1] !== undefined && x.pods[0].cpu.at(-1)![1] > 0.15 ? x : undefined;
    }, 120_000, 3000);
    expect(u.state).toBe("ok");
    expect(u.requests).toEqual({ cpu: 0.1, memory: 32 * 2 ** 20 });
    expect(u.limits).toEqual({ cpu: 0.3, memory: 64 * 2 ** 20 });
    expect(u.pods[0].cpu.at(-1)![1]).toBeLessThanOrEqual(0.35); // the CFS quota holds it at its limit
    expect(u.pods[0].memory.at(-1)![1]).toBeGreaterThan(0);

    const asked: string[] = [];
    page.on("request", (r) => void (r.url().includes("/usage") && asked.push(r.url())));
    await page.goto(`${inject("baseUrl")}/apps/${ns}/burner`);
    const cpu = page.getByTestId("usage-CPU");
    await cpu.waitFor();
    expect(await cpu.textContent()).toMatch(/^CPU: \d+m · request 100m · limit 300m$/);
    expect(await page.getByTestId("usage").locator("figure svg path").count()).toBeGreaterThanOrEqual(2); // a line per pod in each chart
    expect(await page.getByTestId("usage").getByRole("img", { name: /^CPU: \d+m · request 100m · limit 300m$/ }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    // The next sample comes over the page's one stream: the page never asks for it.
    const samples = Number(await page.getByTestId("usage").getAttribute("data-samples"));
    await expect.poll(async () => Number(await page.getByTestId("usage").getAttribute("data-samples")), { timeout: 45_000 }).toBeGreaterThan(samples);
    expect(asked).toEqual([]);

    const zh = await (await browser.newContext({ locale: "zh-CN" })).newPage();
    await zh.context().addCookies(await page.context().cookies());
    await zh.goto(`${inject("baseUrl")}/apps/${ns}/burner`);
    await zh.getByText("用量（最近一小时）").waitFor();
    expect(await axeViolations(zh)).toEqual([]);
    await zh.context().close();

    await page.goto(`${inject("baseUrl")}/`);
    await page.getByTestId("node-usage-berth-node").waitFor();
    expect(await page.getByTestId("node-usage-berth-node").locator("figure svg path").count()).toBe(2);
    expect(await axeViolations(page)).toEqual([]);
    expect((await dev.call("DELETE", `/api/namespaces/${ns}/apps/burner`, { confirm: "burner" })).status).toBe(204);
  });
});

describe("autoscaling", () => {
  it("adds replicas while a pod burns CPU and removes them once it stops; the app page says so", async () => {
    await deploy({ name: "elastic", image: "busybox:1", replicas: 1, command: ["sh", "-c", "exec sleep 36000"], resources: { cpuRequest: "100m", cpuLimit: "400m" }, autoscale: { min: 1, max: 3, cpuPercent: 50 } });
    const core = kc.makeApiClient(CoreV1Api);
    const first = await eventually("the first pod running", async () => (await core.listNamespacedPod({ namespace: ns, labelSelector: "app.kubernetes.io/name=elastic" })).items.find((p) => p.status?.phase === "Running"), 90_000, 1000);
    // Kubernetes waits 5 minutes before scaling down by default; this test does not
    await kc.makeApiClient(AutoscalingV2Api).patchNamespacedHorizontalPodAutoscaler(
      { name: "elastic", namespace: ns, body: { spec: { behavior: { scaleDown: { stabilizationWindowSeconds: 10, policies: [{ type: "Percent", value: 100, periodSeconds: 15 }] } } } } },
      setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
    );
    // 70 s of load in one pod only: the others the autoscaler adds stay idle
    await execIn(kc, ns, first.metadata!.name!, "elastic", ["sh", "-c", "timeout 70 sh -c 'while :; do :; done' >/dev/null 2>&1 &"]);

    const up = await eventually("the autoscaler adding replicas", async () => {
      const d = (await dev.call("GET", `/api/namespaces/${ns}/apps/elastic`)).body;
      return d.autoscaler?.desiredReplicas >= 2 ? d : undefined;
    }, 180_000, 3000);
    expect(up.autoscaler.currentCpuPercent).toBeGreaterThan(50);
    expect(up.autoscaler.lastScaleTime).toBeTruthy();

    await page.goto(`${inject("baseUrl")}/apps/${ns}/elastic`);
    await expect.poll(() => page.getByTestId("autoscaler-replicas").textContent(), { timeout: 30_000 }).toMatch(/Replicas: \d now, [23] wanted/);
    expect(await page.getByTestId("autoscaler-last-scale").textContent()).toMatch(/^Last scaled: /);
    expect(await page.getByTestId("autoscaler").textContent()).toMatch(/target CPU 50%/);

    const down = await eventually("the autoscaler back to one replica", async () => {
      const d = (await dev.call("GET", `/api/namespaces/${ns}/apps/elastic`)).body;
      return d.autoscaler?.desiredReplicas === 1 && d.autoscaler?.currentReplicas === 1 ? d : undefined;
    }, 240_000, 3000);
    expect(down.autoscaler.decision).toBeTruthy();
  }, 600_000);
});
