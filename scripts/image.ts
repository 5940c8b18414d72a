// Berth's own container image, made without a Docker daemon by Berth's image builder
// (lib/registry/build-image.ts, the one the Builds page uses) and pushed to a registry:
//   base   node:20 made on this machine (scripts/cluster/images.ts: this machine's Node.js on
//          Debian's libstdc++), pushed to the same registry first;
//   layer  the dependencies: the Next.js standalone output's node_modules, plus what runs
//          beside the server (pino for scripts/serve.mjs, the Prisma CLI for migrations);
//   layer  the console: the standalone server, static files, public/, scripts/serve.mjs,
//          the migrations and the curated templates.
// It runs `node scripts/serve.mjs` as user 65532 on port 3000; the Helm chart
// (deploy/helm/berth) runs `migrate` (the Prisma CLI) in an init container first.
//
//   npm run image -- <registry host:port> [repo:tag]     (default berth/console:<version>)
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildImage } from "../lib/registry/build-image";
import { RegistryClient } from "../lib/registry/client";
import type { LayerFile } from "../lib/registry/layer";
import { buildImages, pushImages } from "./cluster/images";
import { buildConsole, repo, SERVER_ENV, SERVER_NODE_FLAGS } from "./next";

const DIST = ".next-image";
const APP = "/app";
const pkg = JSON.parse(readFileSync(path.join(repo, "package.json"), "utf8")) as { version: string };
export const BERTH_IMAGE_REPO = "berth/console";

/** Every file, folder and link under dir, as layer entries at `to` (dot-folders included). */
function tree(dir: string, to: string, into: Map<string, LayerFile>, skip: (rel: string) => boolean = () => false) {
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (skip(r)) continue;
      const src = path.join(d, e.name);
      const dest = path.posix.join(to, r);
      const st = lstatSync(src);
      if (st.isSymbolicLink()) into.set(dest, { path: dest, type: "symlink", linkname: readlinkSync(src) });
      else if (st.isDirectory()) {
        into.set(dest, { path: dest, type: "directory", mode: 0o755 });
        walk(src, r);
      } else into.set(dest, { path: dest, type: "file", mode: st.mode & 0o111 ? 0o755 : 0o644, size: st.size, from: src });
    }
  };
  into.set(to, { path: to, type: "directory", mode: 0o755 });
  walk(dir, "");
}

/** A package and everything it depends on, from the repository's node_modules (hoisted layout). */
function packageClosure(names: string[]): string[] {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    const dir = path.join(repo, "node_modules", name);
    if (!existsSync(path.join(dir, "package.json"))) return; // an optional dependency not installed here
    seen.add(name);
    const p = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
    for (const d of Object.keys({ ...p.dependencies, ...p.optionalDependencies })) visit(d);
  };
  names.forEach(visit);
  return [...seen].sort();
}

/** Parent folders of every entry, so the tar lists them before their contents. */
function withParents(files: Map<string, LayerFile>): LayerFile[] {
  for (const f of [...files.values()]) {
    for (let d = path.posix.dirname(f.path); d !== "/" && !files.has(d); d = path.posix.dirname(d)) files.set(d, { path: d, type: "directory", mode: 0o755 });
  }
  return [...files.values()].sort((a, b) => a.path.localeCompare(b.path));
}

export async function buildBerthImage(registry: string, opts: { repo?: string; tag?: string; say?: (m: string) => void } = {}) {
  const say = opts.say ?? ((m: string) => console.log(`[image] ${m}`));
  const registryUrl = registry.startsWith("http") ? registry : `http://${registry}`;
  const client = new RegistryClient(registryUrl);

  const base = await buildImages(say, ["node"]);
  await pushImages(registryUrl, base);
  say(`base ${registry}/library/node:20 in place`);

  buildConsole({ ...process.env, BERTH_STANDALONE: "1", BERTH_NEXT_DIST_DIR: DIST, NODE_ENV: "production" }, say);
  const standalone = path.join(repo, DIST, "standalone");
  if (!existsSync(path.join(standalone, DIST, "BUILD_ID"))) throw new Error(`${standalone} has no build: was ${DIST} built without BERTH_STANDALONE=1? Remove ${DIST}/ and run again`);

  const deps = new Map<string, LayerFile>();
  tree(path.join(standalone, "node_modules"), `${APP}/node_modules`, deps);
  const extra = packageClosure(["pino", "negotiator", "prisma", "@prisma/config", "@prisma/adapter-pg", "pg", "dotenv"]);
  for (const name of extra) tree(path.join(repo, "node_modules", name), `${APP}/node_modules/${name}`, deps);

  const app = new Map<string, LayerFile>();
  tree(standalone, APP, app, (rel) => rel === "node_modules" || rel.startsWith("node_modules/") || rel === ".env" || rel === "server.js");
  tree(path.join(repo, DIST, "static"), `${APP}/${DIST}/static`, app);
  tree(path.join(repo, "public"), `${APP}/public`, app);
  tree(path.join(repo, "prisma"), `${APP}/prisma`, app);
  for (const f of ["scripts/serve.mjs", "lib/auth/client-ip.mjs", "lib/http/body-limits.mjs", "lib/http/direct.mjs", "lib/http/gzip.mjs", "lib/http/text-memo.mjs", "lib/db/cli-adapter.ts", "prisma.config.ts", "package.json"]) {
    app.set(`${APP}/${f}`, { path: `${APP}/${f}`, type: "file", mode: 0o644, size: statSync(path.join(repo, f)).size, from: path.join(repo, f) });
  }

  const repoName = opts.repo ?? BERTH_IMAGE_REPO;
  const tag = opts.tag ?? pkg.version;
  say(`building ${registry}/${repoName}:${tag} (${deps.size} dependency entries: standalone node_modules + ${extra.length} packages; ${app.size} console entries)…`);
  const built = await buildImage(
    {
      base: { client, repo: "library/node", reference: "20" },
      target: { client, repo: repoName, tag },
      layers: [
        { createdBy: `COPY node_modules (Next.js standalone + ${extra.join(", ")})`, files: withParents(deps) },
        { createdBy: "COPY the console (Next.js standalone output, static, public, prisma, scripts/serve.mjs)", files: withParents(app) },
      ],
      config: {
        workdir: APP,
        cmd: ["node", ...SERVER_NODE_FLAGS, "scripts/serve.mjs"],
        env: { ...SERVER_ENV, NODE_ENV: "production", PORT: "3000", BERTH_STANDALONE: "1", BERTH_NEXT_DIST_DIR: DIST, NEXT_TELEMETRY_DISABLED: "1", HOME: "/tmp" },
        user: "65532:65532",
        exposedPorts: ["3000/tcp"],
        labels: { "org.opencontainers.image.title": "Berth", "org.opencontainers.image.version": pkg.version, "org.opencontainers.image.description": "Berth, the console; built without a Docker daemon by scripts/image.ts" },
      },
    },
    { step: say, log: () => {} },
  );
  say(`pushed ${registry}/${repoName}:${tag} (${built.digest})`);
  return { ref: `${registry}/${repoName}:${tag}`, digest: built.digest };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [registry, ref] = process.argv.slice(2);
  if (!registry) {
    console.error("usage: npm run image -- <registry host:port> [repo:tag]");
    process.exit(2);
  }
  const [r, t] = ref ? ref.split(":") : [];
  buildBerthImage(registry, { repo: r, tag: t }).catch((e) => {
    console.error(`[image] ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
