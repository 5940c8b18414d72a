import { describe, expect, it } from "vitest";
import { ImportError, exportable, parseImport, toYamlStream } from "@/lib/domain/import";
import { redactSecret, usesObject } from "@/lib/domain/config";

const problem = (text: string) => {
  try {
    parseImport(text, "shop");
  } catch (e) {
    return (e as ImportError).message;
  }
  return "no error";
};

describe("reading an import", () => {
  it("forces objects into the namespace and drops what the server sets", () => {
    const [o] = parseImport("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  uid: x\n  resourceVersion: '9'\ndata: {a: '1'}\nstatus: {}\n", "shop");
    expect(o).toEqual({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", namespace: "shop" }, data: { a: "1" } });
  });
  it("skips empty documents and refuses the same object twice", () => {
    expect(parseImport("---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n", "shop")).toHaveLength(1);
    expect(problem("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n")).toBe("ConfigMap/a appears twice");
  });
  it("names the document and field of each problem", () => {
    expect(problem("apiVersion: apps/v1beta1\nkind: Deployment\nmetadata: {name: d}\n")).toBe("Deployment/d in document 1: apiVersion: Deployment apps/v1beta1 is not served here; use apps/v1");
    expect(problem("apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n")).toBe("ConfigMap/? in document 1: metadata.name: a name is required");
    expect(problem("- a\n- b\n")).toBe("Document 1: not a Kubernetes object (a mapping with apiVersion, kind and metadata)");
    expect(problem("")).toBe("The YAML holds no object.");
  });
  it("stops alias expansion (billion laughs) before it costs memory", () => {
    const lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 12; i++) lines.push(`l${i}: &l${i} [${Array(10).fill(i === 1 ? "*a" : `*l${i - 1}`).join(", ")}]`);
    expect(problem(lines.join("\n"))).toMatch(/too many YAML aliases/);
  });
});

describe("exporting", () => {
  it("writes clean objects without anchors, even when they share parts", () => {
    const labels = { app: "x" };
    const out = toYamlStream([
      exportable({ apiVersion: "v1", kind: "Service", metadata: { name: "x", labels, uid: "u", resourceVersion: "1", managedFields: [] }, spec: { clusterIP: "10.0.0.1", selector: labels }, status: {} }),
    ]);
    expect(out).toBe("apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n  labels:\n    app: x\nspec:\n  selector:\n    app: x\n");
  });
});

describe("config helpers", () => {
  it("finds every way a pod template uses a Secret", () => {
    const template = { spec: { containers: [{ name: "c", env: [{ name: "P", valueFrom: { secretKeyRef: { name: "db", key: "p" } } }], envFrom: [{ secretRef: { name: "db" } }] }], volumes: [{ name: "v", secret: { secretName: "db" } }], imagePullSecrets: [{ name: "db" }] } };
    expect(usesObject(template, "Secret", "db")).toEqual(["env", "envFrom", "volume", "imagePullSecrets"]);
    expect(usesObject(template, "ConfigMap", "db")).toEqual([]);
  });
  it("redacts every value, marking only the changed ones on the new side", () => {
    const before = { data: { a: "MQ==", b: "Mg==" } };
    const after = { data: { a: "MQ==", b: "Mw==" } };
    expect(redactSecret(after, before, true)).toEqual({ data: { a: "(hidden)", b: "(hidden, changed)" } });
    expect(redactSecret(before, after, false)).toEqual({ data: { a: "(hidden)", b: "(hidden)" } });
  });
});
