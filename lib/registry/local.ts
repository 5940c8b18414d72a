// The local cluster's own OCI registry (`npm run cluster up` writes its address beside
// the kubeconfigs). Every team has it as "local", with nothing to configure. It also
// mirrors docker.io there: a base like `openjdk:8-jdk-slim` is looked up in it.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { configSource, localKubeconfig } from "../k8s/config";
import { logEvent } from "../log";

export const LOCAL_REGISTRY = "local";

/** What `cluster up` wrote beside the kubeconfigs, when Berth runs on the local cluster. */
function localRegistryFile(): { address?: string; builder?: string } {
  let source;
  try {
    source = configSource();
  } catch {
    return {};
  }
  if (source !== "local") return {};
  const file = path.join(path.dirname(localKubeconfig()), "registry.json");
  if (!existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, "utf8")) as { address?: string; builder?: string };
  } catch {
    return {};
  }
}

/** host:port of the local registry, when Berth runs on the local cluster (or BERTH_LOCAL_REGISTRY names one). */
export function localRegistryAddress(): string | undefined {
  return process.env.BERTH_LOCAL_REGISTRY || localRegistryFile().address;
}

/** The in-cluster builder image `cluster up` made and pushed to the local registry (scripts/cluster/builder-image.ts). */
export function localBuilderImage(): string | undefined {
  return localRegistryFile().builder;
}

/**
 * Registry mirrors, like Docker's registry-mirrors: BERTH_REGISTRY_MIRRORS as JSON
 * ({"docker.io": ["https://mirror.example.com"]}); on the local cluster docker.io is
 * mirrored by the local registry.
 */
export function registryMirrors(): Record<string, string[]> {
  let configured: Record<string, string[]> = {};
  if (process.env.BERTH_REGISTRY_MIRRORS) {
    try {
      configured = JSON.parse(process.env.BERTH_REGISTRY_MIRRORS) as Record<string, string[]>;
    } catch {
      logEvent("warn", 'BERTH_REGISTRY_MIRRORS is not JSON like {"docker.io": ["https://mirror"]}: ignored');
    }
  }
  const local = localRegistryAddress();
  if (local && !configured["docker.io"]) configured["docker.io"] = [`http://${local}`];
  return configured;
}
