// The seed's second step by clicking: Redis with its own redis.conf and a data volume,
// deployed through the wizard onto the real node; then redis-cli on this machine gets PONG
// through the NodePort the app page links.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations } from "../support/axe";
import { launch, login } from "../support/browser";
import { eventually } from "../support/cluster";
import { redisCli } from "../support/real-node";
import { freeRealNode, teamWithNamespace } from "../support/teams";

let browser: Browser;
let page: Page;
let ns: string;
const password = "clicked-s3cret";

beforeAll(async () => {
  const t = await teamWithNamespace({ realNode: true });
  ns = t.namespace;
  browser = await launch();
  page = await browser.newPage();
  await login(page, t.user.email, t.user.password);
});
afterAll(async () => {
  await browser?.close();
  await freeRealNode(ns);
});

describe("Redis on the real node, deployed by clicking", () => {
  it("runs with its config file and data volume, and answers redis-cli on the linked NodePort", async () => {
    await page.getByRole("link", { name: "Apps" }).click();
    await page.getByRole("link", { name: "Deploy app" }).first().click();
    await page.getByLabel("App name").fill("redis");
    await page.getByLabel("Image").fill("redis:7");
    await page.getByLabel("Command (optional, one argument per line)").fill("redis-server\n/etc/redis/redis.conf");
    await page.getByRole("button", { name: "Next" }).click();

    await page.getByRole("button", { name: "Add port" }).click();
    await page.getByLabel("Port 1").fill("6379");
    await page.getByLabel("On every node (NodePort)").check();
    await page.getByLabel("Port to expose").fill("6379");
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByRole("button", { name: "Add variable" }).waitFor(); // env
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByLabel("CPU request").waitFor(); // resources
    await page.getByRole("button", { name: "Next" }).click();

    await page.getByRole("button", { name: "Add config file" }).click();
    await page.getByLabel("Mount path").nth(0).fill("/etc/redis");
    await page.getByLabel("File name").fill("redis.conf");
    await page.getByLabel("Content").fill(`bind 0.0.0.0\nprotected-mode no\nrequirepass ${password}\nappendonly yes\ndir /data\n`);
    await page.getByRole("button", { name: "Add persistent volume" }).click(); // data at /data, 1Gi
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByTestId("diff-view").waitFor();
    await page.getByRole("button", { name: "Deploy" }).click();

    await page.waitForURL(`**/apps/${ns}/redis`);
    await expect.poll(() => page.getByTestId("ready-replicas").textContent(), { timeout: 120_000 }).toBe("1/1 ready");
    const link = page.getByTestId("endpoints").getByRole("link");
    await link.waitFor();
    const href = (await link.getAttribute("href"))!;
    expect(href).toMatch(/^http:\/\/127\.0\.0\.1:3\d{4}$/);
    expect(await page.getByTestId("pods-table").textContent()).toContain("berth-node");
    expect(await axeViolations(page)).toEqual([]);

    const port = Number(new URL(href).port);
    const pong = await eventually("PONG through the NodePort", async () => {
      const r = redisCli(port, ["ping"], password);
      return r === "PONG" ? r : undefined;
    }, 30_000);
    expect(pong).toBe("PONG");
    expect(redisCli(port, ["config", "get", "appendonly"], password)).toBe("appendonly\nyes"); // from the clicked config file
  });
});
