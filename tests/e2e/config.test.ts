// Config, Secrets and Import by clicking: a ConfigMap made in the editor, a Secret value
// changed after its redacted review and revealed on purpose, an app imported from YAML;
// the pages pass axe WCAG 2 A/AA.
import type { Browser, Page } from "playwright-core";
import { AppsV1Api, CoreV1Api } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { axeViolations } from "../support/axe";
import { signedInPage } from "../support/browser";
import { adminKubeConfig, eventually } from "../support/cluster";
import { teamWithNamespace } from "../support/teams";

let browser: Browser;
let page: Page;
let ns: string;
const core = adminKubeConfig().makeApiClient(CoreV1Api);
const apps = adminKubeConfig().makeApiClient(AppsV1Api);

beforeAll(async () => {
  const t = await teamWithNamespace();
  ns = t.namespace;
  expect((await t.member.call("POST", `/api/namespaces/${ns}/secrets`, { type: "Opaque", name: "db", data: { username: "shop", password: "old-pass" } })).status).toBe(201);
  ({ browser, page } = await signedInPage(t.user));
});
afterAll(async () => {
  await browser?.close();
});

describe("config and secrets in Chromium", () => {
  it("creates a ConfigMap after reviewing its diff", async () => {
    await page.getByRole("link", { name: "Config" }).click();
    await page.getByTestId("config-kube-root-ca.crt").waitFor(); // every namespace has the cluster CA bundle
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "New ConfigMap" }).click();
    await page.getByLabel("Name", { exact: true }).fill("web-config");
    await page.getByLabel("Key 1").fill("nginx.conf");
    await page.getByLabel("Value 1").fill("worker_processes 2;\nevents {}\n");
    await page.getByRole("button", { name: "Review changes" }).click();
    await page.getByTestId("diff-view").getByText("ConfigMap/web-config").first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByTestId("config-web-config").waitFor();
    expect((await core.readNamespacedConfigMap({ name: "web-config", namespace: ns })).data).toEqual({ "nginx.conf": "worker_processes 2;\nevents {}\n" });
  });

  it("changes one Secret value, reviewed without values, and reveals it on purpose", async () => {
    await page.goto(`${inject("baseUrl")}/config?tab=secrets`);
    await page.getByTestId("config-db").waitFor();
    expect(await page.content()).not.toContain("old-pass");
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Edit db" }).click();
    await page.getByLabel("New value (leave empty to keep) password").fill("new-pass");
    await page.getByRole("button", { name: "Review changes" }).click();
    const diff = page.getByTestId("diff-view");
    await diff.waitFor();
    expect(await diff.textContent()).toContain("password: (hidden, changed)");
    expect(await diff.textContent()).not.toContain("new-pass");
    await page.getByRole("button", { name: "Save" }).click();
    await eventually("the new password in the cluster", async () => {
      const s = await core.readNamespacedSecret({ name: "db", namespace: ns });
      return Buffer.from(s.data!.password, "base64").toString() === "new-pass" && Buffer.from(s.data!.username, "base64").toString() === "shop";
    });
    await page.getByRole("button", { name: "Reveal db/password" }).click();
    expect(await page.getByTestId("value-db-password").textContent()).toBe("new-pass");
  });

  it("imports an app from YAML, checked first, and shows it in Apps", async () => {
    const yaml = `apiVersion: v1
kind: Service
metadata:
  name: notes
spec:
  selector: { app: notes }
  ports: [{ port: 80 }]
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: notes
spec:
  replicas: 1
  selector: { matchLabels: { app: notes } }
  template:
    metadata: { labels: { app: notes } }
    spec:
      containers:
        - name: notes
          image: nginx:1.27
          resources: { requests: { cpu: 10m, memory: 16Mi }, limits: { cpu: 50m, memory: 32Mi } }
`;
    await page.goto(`${inject("baseUrl")}/apps`);
    await page.getByRole("link", { name: "Import YAML" }).click();
    await page.getByLabel("YAML (one or more documents separated by ---)").fill(yaml);
    await page.getByRole("button", { name: "Check" }).click();
    await page.getByTestId("diff-view").getByText("Deployment/notes").first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Import 2 objects" }).click();
    await page.getByText("Imported.").waitFor();
    await page.getByRole("link", { name: "Go to Apps" }).click();
    await page.getByRole("link", { name: "notes" }).first().waitFor();
    expect((await apps.readNamespacedDeployment({ name: "notes", namespace: ns })).spec?.replicas).toBe(1);
  });
});
