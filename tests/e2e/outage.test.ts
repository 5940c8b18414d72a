// The real control plane goes away while a page is open: the kube-apiserver is stopped and
// started again. The page says "Reconnecting…" while it is gone and, within 5 s of its return,
// shows what changed — with every pod once (nothing lost, nothing doubled).
import { CoreV1Api } from "@kubernetes/client-node";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { stopApiserver } from "../../scripts/cluster/cluster";
import { signedInPage } from "../support/browser";
import { adminKubeConfig, eventually } from "../support/cluster";
import { teamWithNamespace } from "../support/teams";

let browser: Browser;
let page: Page;
let ns: string;
let restart: (() => Promise<void>) | undefined;
const core = () => adminKubeConfig().makeApiClient(CoreV1Api);
const TINY = { requests: { cpu: "1m", memory: "1Mi" }, limits: { cpu: "1m", memory: "1Mi" } };
const pod = (name: string) => ({ metadata: { name }, spec: { containers: [{ name: "c", image: "busybox", resources: TINY }] } });

beforeAll(async () => {
  const t = await teamWithNamespace();
  ns = t.namespace;
  for (const n of ["a", "b"]) await core().createNamespacedPod({ namespace: ns, body: pod(n) });
  ({ browser, page } = await signedInPage(t.user));
});
afterAll(async () => {
  await restart?.(); // never leave the shared cluster without its apiserver
  await browser?.close();
});

const rows = () => page.getByTestId("workload-pods").locator("tbody tr").allTextContents();
const liveState = () => page.getByTestId("live-indicator").getAttribute("data-connected");

describe("an apiserver outage while a page is open", () => {
  it("says it is reconnecting, then catches up within 5 s of the return, nothing lost or doubled", async () => {
    await page.goto(`${inject("baseUrl")}/workloads`);
    await expect.poll(liveState, { timeout: 20_000 }).toBe("true");
    await expect.poll(async () => (await rows()).length, { timeout: 20_000 }).toBe(2);

    process.env.BERTH_CLUSTER_DIR = inject("clusterDir");
    restart = await stopApiserver();
    await expect.poll(liveState, { timeout: 30_000 }).toBe("false");
    expect(await page.getByTestId("live-indicator").textContent()).toContain("Reconnecting");

    const back = restart;
    restart = undefined;
    await back();
    const returned = Date.now();
    await eventually("the new pod created", async () => core().createNamespacedPod({ namespace: ns, body: pod("c") }).then(() => true, () => undefined), 10_000, 200);
    await expect.poll(async () => (await rows()).length, { timeout: 5_000 - (Date.now() - returned), interval: 100 }).toBe(3);
    await expect.poll(liveState, { timeout: 1000 }).toBe("true");
    expect(Date.now() - returned).toBeLessThan(5_000);
    const names = (await rows()).map((r) => r.slice(0, 1));
    expect(names.sort()).toEqual(["a", "b", "c"]); // each once
  }, 180_000);
});
