import { describe, expect, it } from "vitest";
import { CONSOLE_RULES, consoleAccessChecks, describeCheck } from "@/lib/domain/console-rbac";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { kubeConfigFromText, kubeContexts, oneContext, readKubeconfig } from "@/lib/k8s/clusters";

const config = (user: string) => `apiVersion: v1
kind: Config
clusters:
- name: b
  cluster:
    server: https://10.0.0.1:6443
contexts:
- name: b
  context:
    cluster: b
    user: berth
current-context: b
users:
- name: berth
  user:
${user}`;

describe("a kubeconfig an admin pastes", () => {
  it("is read to its current context", () => {
    const kc = kubeConfigFromText(config("    token: abc"));
    expect(kc.getCurrentCluster()?.server).toBe("https://10.0.0.1:6443");
    expect(kc.getCurrentUser()?.token).toBe("abc");
  });

  it("is refused, saying why, when it runs a program, has no current context, or is not a kubeconfig", () => {
    const refused = (text: string) => {
      try {
        kubeConfigFromText(text);
      } catch (e) {
        return (e as Error).message;
      }
      return "accepted";
    };
    expect(refused(config("    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: /bin/sh"))).toMatch(/run a program/);
    expect(refused(config("    token: abc").replace("current-context: b", ""))).toMatch(/no current context/);
    expect(refused("{{{")).toMatch(/cannot be read/);
  });
});

// A person's ~/.kube/config: two clusters, the second's CA and client certificate in files.
const twoContexts = (dir: string) => `apiVersion: v1
kind: Config
clusters:
- name: test
  cluster:
    server: https://10.0.0.1:6443
- name: prod
  cluster:
    server: https://10.0.0.2:6443
    certificate-authority: ${dir}/ca.crt
contexts:
- name: test
  context: { cluster: test, user: tester }
- name: prod
  context: { cluster: prod, user: prod-admin }
current-context: test
users:
- name: tester
  user: { token: test-token }
- name: prod-admin
  user:
    client-certificate: ${dir}/admin.crt
    client-key: ${dir}/admin.key
`;

describe("a kubeconfig with several contexts", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "kube-"));
  for (const [f, v] of [["ca.crt", "CA"], ["admin.crt", "CERT"], ["admin.key", "KEY"]]) writeFileSync(path.join(dir, f), v);
  const kc = () => readKubeconfig(twoContexts(dir));

  it("lists its contexts with their servers", () => {
    expect(kubeContexts(kc())).toEqual([
      { context: "test", server: "https://10.0.0.1:6443", current: true },
      { context: "prod", server: "https://10.0.0.2:6443", current: false },
    ]);
  });

  it("gives one context as a kubeconfig of its own, with nothing of the others", () => {
    const one = oneContext(kc(), "test", { files: false });
    expect(one.kc.getCurrentCluster()?.server).toBe("https://10.0.0.1:6443");
    expect(one.text).toContain("test-token");
    expect(one.text).not.toMatch(/10\.0\.0\.2|prod/);
    expect(kubeContexts(readKubeconfig(one.text))).toEqual([{ context: "test", server: "https://10.0.0.1:6443", current: true }]);
  });

  it("refuses files it names when pasted, and reads them in from the console's own KUBECONFIG", () => {
    expect(() => oneContext(kc(), "prod", { files: false })).toThrow(/names files/);
    const one = readKubeconfig(oneContext(kc(), "prod", { files: true }).text);
    expect(one.getCurrentCluster()).toMatchObject({ server: "https://10.0.0.2:6443", caData: Buffer.from("CA").toString("base64") });
    expect(one.getCurrentCluster()?.caFile).toBeUndefined();
    expect(one.getCurrentUser()).toMatchObject({ certData: Buffer.from("CERT").toString("base64"), keyData: Buffer.from("KEY").toString("base64") });
    expect(() => oneContext(kc(), "staging", { files: true })).toThrow(/no context named staging/);
  });
});

describe("what Berth's identity needs on a cluster", () => {
  it("is one check per rule, resource and verb, named like kubectl auth can-i", () => {
    const checks = consoleAccessChecks();
    expect(checks.length).toBe(CONSOLE_RULES.reduce((n, r) => n + r.resources.length * r.verbs.length, 0));
    expect(checks.map(describeCheck)).toEqual(expect.arrayContaining(["impersonate users", "create namespaces", "watch deployments.apps", "bind clusterroles.rbac.authorization.k8s.io/admin", "list pods.metrics.k8s.io"]));
  });
});
