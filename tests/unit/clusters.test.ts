import { describe, expect, it } from "vitest";
import { CONSOLE_RULES, consoleAccessChecks, describeCheck } from "@/lib/domain/console-rbac";
import { kubeConfigFromText } from "@/lib/k8s/clusters";

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

describe("what Berth's identity needs on a cluster", () => {
  it("is one check per rule, resource and verb, named like kubectl auth can-i", () => {
    const checks = consoleAccessChecks();
    expect(checks.length).toBe(CONSOLE_RULES.reduce((n, r) => n + r.resources.length * r.verbs.length, 0));
    expect(checks.map(describeCheck)).toEqual(expect.arrayContaining(["impersonate users", "create namespaces", "watch deployments.apps", "bind clusterroles.rbac.authorization.k8s.io/admin", "list pods.metrics.k8s.io"]));
  });
});
