// The helm binary (built from Go modules by scripts/cluster/build.sh, cached like the control
// plane) renders an imported chart offline: `helm template` with the release's values, never
// talking to a cluster; Berth checks and applies the output itself, as the person.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import YAML from "yaml";
import { msg } from "../domain/messages";
import { AppError } from "../errors";

const HELM_VERSION = "v3.22.0";

export function helmBinary(): string {
  if (process.env.BERTH_HELM) return process.env.BERTH_HELM;
  const cache = process.env.BERTH_CACHE || path.join(process.env.HOME || "/root", ".cache", "berth");
  return path.join(cache, `helm-${HELM_VERSION}`, "bin", "helm");
}

export async function helmTemplate(chart: Buffer, release: string, namespace: string, values: Record<string, unknown>): Promise<string> {
  const bin = helmBinary();
  if (!existsSync(/*turbopackIgnore: true*/ bin)) throw new AppError("unprocessable", msg("helmMissing", { path: bin }));
  const dir = await mkdtemp(path.join(os.tmpdir(), "berth-helm-"));
  try {
    await writeFile(path.join(dir, "chart.tgz"), chart);
    await writeFile(path.join(dir, "values.yaml"), YAML.stringify(values));
    // Its own empty homes: nothing from the console's environment or a user's helm setup.
    const env: Record<string, string> = { PATH: "/usr/bin:/bin", HOME: dir, HELM_CACHE_HOME: path.join(dir, "cache"), HELM_CONFIG_HOME: path.join(dir, "config"), HELM_DATA_HOME: path.join(dir, "data") };
    return await new Promise<string>((resolve, reject) => {
      const child = spawn(/*turbopackIgnore: true*/ bin, ["template", release, path.join(dir, "chart.tgz"), "--namespace", namespace, "--values", path.join(dir, "values.yaml"), "--kube-version", "v1.37.2"], { cwd: dir, env: env as unknown as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"], timeout: 60_000 });
      let out = "";
      let err = "";
      child.stdout.on("data", (c) => (out.length < 4 * 1024 * 1024 ? (out += c) : child.kill()));
      child.stderr.on("data", (c) => (err = (err + c).slice(-4000)));
      child.on("error", reject);
      child.on("close", (code) => (code === 0 ? resolve(out) : reject(new AppError("unprocessable", msg("helmFailed", { reason: err.trim().split("\n").slice(-3).join(" ") || `exit ${code}` })))));
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
