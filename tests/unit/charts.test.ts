import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { chartValues, readChart } from "@/lib/domain/charts";
import { TemplateError } from "@/lib/domain/templates";

function archive(files: Record<string, string>): Buffer {
  const dir = mkdtempSync(path.join(os.tmpdir(), "chart-"));
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    writeFileSync(path.join(dir, f), text);
  }
  const out = path.join(dir, "c.tgz");
  expect(spawnSync("tar", ["-czf", out, "-C", dir, "demo"]).status).toBe(0);
  return readFileSync(out);
}

describe("readChart", () => {
  it("reads Chart.yaml, README and a flat values.schema.json as the form (format: password is secret)", async () => {
    const c = await readChart(archive({ "demo/Chart.yaml": "name: demo\nversion: 1.2.3\ndescription: Demo\n", "demo/README.md": "# Demo", "demo/values.yaml": "a: 1\n", "demo/values.schema.json": JSON.stringify({ type: "object", properties: { a: { type: "integer" }, pw: { type: "string", format: "password" } } }), "demo/templates/x.yaml": "kind: ConfigMap" }));
    expect(c).toMatchObject({ name: "demo", version: "1.2.3", description: "Demo", readme: "# Demo", yamlValues: false });
    expect(c.parameters.properties.pw["x-berth"]).toEqual({ secret: true });
    expect(chartValues(c.parameters, { a: 2 }, { pw: "s" })).toEqual({ a: 2, pw: "s" });
  });

  it("gives nested values (or none described) one YAML editor, read back as a mapping", async () => {
    const c = await readChart(archive({ "demo/Chart.yaml": "name: demo\nversion: 0.1.0\n", "demo/values.yaml": "site:\n  x: 1\n" }));
    expect(c.yamlValues).toBe(true);
    expect(c.parameters.properties.values).toMatchObject({ default: "site:\n  x: 1\n", "x-berth": { yaml: true } });
    expect(chartValues(c.parameters, { values: "site:\n  x: 2\n" }, {})).toEqual({ site: { x: 2 } });
    expect(() => chartValues(c.parameters, { values: "- a list" }, {})).toThrow(TemplateError);
  });

  it("refuses what is not a chart", async () => {
    await expect(readChart(Buffer.from("not gzip"))).rejects.toThrow(/Not a Helm chart archive/);
    await expect(readChart(archive({ "demo/values.yaml": "a: 1\n" }))).rejects.toThrow(/no Chart.yaml/);
    await expect(readChart(Buffer.alloc(3 * 1024 * 1024))).rejects.toThrow(/larger than 2 MB/);
  });
});
