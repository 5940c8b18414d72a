// The in-cluster builder image, made by Berth's own image builder (lib/registry/build-image.ts,
// the one behind artifact builds): BuildKit's buildkitd and buildctl, RootlessKit, crane and the
// two entry scripts (tools/cluster/images/berth-*.sh) as one layer on berth/buildkit-base
// (Debian's runc, uidmap and git, and the user `builder`, images.ts), pushed to the local
// registry. Its tag names the BuildKit version and a hash of what went in (base, config,
// scripts, binaries), so a changed script makes a new image and an unchanged one is reused.
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildImage } from "../../lib/registry/build-image";
import { RegistryClient, RegistryError } from "../../lib/registry/client";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");

export const BUILDER_REPO = "berth/buildkit";
const BASE = { repo: "berth/buildkit-base", reference: "bookworm" };
const BINARIES = ["buildkitd", "buildctl", "crane"];
const SCRIPTS = ["berth-build.sh", "berth-fetch.sh"];

/** Pushes the builder image to the local registry (host:port) unless it is there; answers its reference. */
export async function ensureBuilderImage(registry: string, buildkit: { version: string; bin: string; rootlesskit: string }, say: (m: string) => void): Promise<string> {
  const binaries = [...BINARIES.map((b) => ({ name: b, from: path.join(buildkit.bin, b) })), { name: "rootlesskit", from: buildkit.rootlesskit }];
  const client = new RegistryClient(`http://${registry}`);
  const base = await client.getManifest(BASE.repo, BASE.reference);
  const config = {
    entrypoint: ["/usr/local/bin/berth-build"],
    // USER tells buildkitd it runs rootless (its defaults under XDG_RUNTIME_DIR, not /run)
    env: { DOCKER_CONFIG: "/etc/berth-build", HOME: "/home/builder", USER: "builder", XDG_RUNTIME_DIR: "/tmp/run" },
    user: "1000:1000",
    labels: { "org.opencontainers.image.description": `Berth's in-cluster builder: rootless BuildKit ${buildkit.version}, built on this machine from Go modules` },
  };
  const key = createHash("sha256").update(base.digest).update(JSON.stringify(config));
  for (const s of SCRIPTS) key.update(readFileSync(path.join(repo, "tools/cluster/images", s)));
  for (const b of binaries) key.update(`${b.name}:${statSync(b.from).size}`);
  const tag = `${buildkit.version}-${key.digest("hex").slice(0, 10)}`;
  const ref = `${registry}/${BUILDER_REPO}:${tag}`;
  const there = await client.getManifest(BUILDER_REPO, tag).then(
    () => true,
    (e) => (e instanceof RegistryError && e.problem === "not_found" ? false : Promise.reject(e)),
  );
  if (there) return ref;
  say(`making the builder image ${BUILDER_REPO}:${tag} (rootless BuildKit ${buildkit.version} on Debian's runc, uidmap and git)`);
  await buildImage(
    {
      base: { client, ...BASE },
      target: { client, repo: BUILDER_REPO, tag },
      layers: [
        {
          createdBy: `BuildKit ${buildkit.version} (buildkitd, buildctl), RootlessKit, crane, berth-build, berth-fetch`,
          files: [
            ...binaries.map((b) => ({ path: `/usr/local/bin/${b.name}`, type: "file" as const, mode: 0o755, size: statSync(b.from).size, from: b.from })),
            ...SCRIPTS.map((s) => {
              const from = path.join(repo, "tools/cluster/images", s);
              return { path: `/usr/local/bin/${s.replace(/\.sh$/, "")}`, type: "file" as const, mode: 0o755, size: statSync(from).size, from };
            }),
          ],
        },
      ],
      config,
    },
    { step: () => undefined, log: () => undefined },
  );
  return ref;
}
