// The images a real node needs, made on this machine (nothing is pulled from the internet):
// the pod sandbox (Kubernetes' pause, compiled statically from tools/cluster/pause) and a
// small set of real base images built from Debian packages with mmdebstrap (busybox-static,
// redis-server, nginx, a JRE), labelled as what they are. Each is built once into a
// versioned cache outside the repo (~/.cache/berth/images) and pushed to the local registry
// by `cluster up` under the upstream names people type: containerd mirrors docker.io and
// registry.k8s.io to that registry, so `redis:7` and the sandbox image resolve there.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PassThrough, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { createGzip } from "node:zlib";
import { processAlive } from "../../lib/process";
import { MEDIA, RegistryClient, sha256 } from "../../lib/registry/client";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");

/** The sandbox image containerd is pinned to (containerd 2.4's default name). */
export const SANDBOX_IMAGE = "registry.k8s.io/pause:3.10.2";

interface ImageDef {
  id: string;
  /** Repository in the local registry (docker.io's "library/" names, registry.k8s.io's own). */
  repo: string;
  tags: string[];
  /** What the image is made from, for its label and the progress line. */
  source: string;
  config: { Entrypoint?: string[]; Cmd?: string[]; Env?: string[]; WorkingDir?: string; ExposedPorts?: Record<string, object> };
  /** Debian packages for mmdebstrap; absent for the images made from single files. */
  packages?: string[];
  /** Shell lines run by mmdebstrap's customize hook ("$1" is the root). */
  customize?: string[];
  /** Files from tools/cluster/images put into the image (entrypoints, configuration), part of the cache key. */
  files?: { from: string; to: string }[];
  /** mmdebstrap options for this image only (e.g. a file in place before the packages are installed). */
  extra?: string[];
}

const PATH_ENV = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

export const IMAGES: ImageDef[] = [
  { id: "pause", repo: "pause", tags: ["3.10.2"], source: "Kubernetes' pause, compiled here (tools/cluster/pause/pause.c)", config: { Entrypoint: ["/pause"] } },
  { id: "busybox", repo: "library/busybox", tags: ["1", "1.35", "latest"], source: "Debian's busybox-static", config: { Cmd: ["sh"], Env: [PATH_ENV] } },
  {
    id: "redis",
    repo: "library/redis",
    tags: ["7", "7.0", "latest"],
    source: "Debian's redis-server",
    packages: ["redis-server"],
    // As upstream's image: reachable from other pods (protected mode off) and /data as the working dir.
    config: { Cmd: ["redis-server", "--protected-mode", "no"], Env: [PATH_ENV], WorkingDir: "/data", ExposedPorts: { "6379/tcp": {} } },
    customize: ['mkdir -p "$1/data"'],
  },
  {
    id: "nginx",
    repo: "library/nginx",
    tags: ["1", "1.22", "latest"],
    source: "Debian's nginx",
    packages: ["nginx"],
    config: { Cmd: ["nginx", "-g", "daemon off;"], Env: [PATH_ENV], ExposedPorts: { "80/tcp": {} } },
    // Logs to the container's output, as upstream's image does.
    customize: ['ln -sf /dev/stdout "$1/var/log/nginx/access.log"', 'ln -sf /dev/stderr "$1/var/log/nginx/error.log"'],
  },
  {
    id: "eclipse-temurin",
    repo: "library/eclipse-temurin",
    tags: ["17-jre", "17"],
    source: "Debian's openjdk-17-jre-headless",
    packages: ["openjdk-17-jre-headless"],
    config: { Env: [PATH_ENV, "JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64"] },
  },
  // The marketplace's images: what its curated templates run, by the names people type.
  {
    id: "postgres",
    repo: "library/postgres",
    tags: ["15", "latest"],
    source: "Debian's postgresql",
    packages: ["postgresql"],
    // No cluster made at install time: the entrypoint initialises PGDATA on the first start.
    extra: ['--essential-hook=mkdir -p "$1/etc/postgresql-common" && echo "create_main_cluster = false" > "$1/etc/postgresql-common/createcluster.conf"', "--dpkgopt=force-confold"],
    files: [{ from: "postgres-entrypoint.sh", to: "/usr/local/bin/docker-entrypoint.sh" }],
    config: { Entrypoint: ["/usr/local/bin/docker-entrypoint.sh"], Env: [PATH_ENV, "PGDATA=/var/lib/postgresql/data"], ExposedPorts: { "5432/tcp": {} } },
  },
  {
    id: "mariadb",
    repo: "library/mariadb",
    tags: ["10", "10.11", "latest"],
    source: "Debian's mariadb-server",
    packages: ["mariadb-server"],
    files: [{ from: "mariadb-entrypoint.sh", to: "/usr/local/bin/docker-entrypoint.sh" }],
    config: { Entrypoint: ["/usr/local/bin/docker-entrypoint.sh"], Env: [PATH_ENV], ExposedPorts: { "3306/tcp": {} } },
  },
  {
    id: "tomcat",
    repo: "library/tomcat",
    tags: ["10", "10.1", "latest"],
    source: "Debian's tomcat10",
    packages: ["tomcat10"],
    files: [{ from: "tomcat-entrypoint.sh", to: "/usr/local/bin/catalina-run.sh" }],
    config: { Cmd: ["/usr/local/bin/catalina-run.sh"], Env: [PATH_ENV, "JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64"], ExposedPorts: { "8080/tcp": {} } },
  },
  {
    id: "wordpress",
    repo: "library/wordpress",
    tags: ["6", "latest"],
    source: "Debian's wordpress with apache2 and PHP",
    packages: ["wordpress", "apache2", "libapache2-mod-php", "php-mysql"],
    files: [
      { from: "wordpress-entrypoint.sh", to: "/usr/local/bin/docker-entrypoint.sh" },
      { from: "wordpress-site.conf", to: "/etc/apache2/sites-available/000-default.conf" },
    ],
    config: { Entrypoint: ["/usr/local/bin/docker-entrypoint.sh"], Env: [PATH_ENV], ExposedPorts: { "80/tcp": {} } },
  },
  // Berth's own image stands on it (scripts/image.ts): Debian has no Node.js 20, so the node
  // binary is this machine's own (the one running this script), on Debian's libstdc++.
  {
    id: "node",
    repo: "library/node",
    tags: ["20"],
    source: `Node.js ${process.version} of this machine (${process.execPath}) with Debian's libstdc++6`,
    packages: ["libstdc++6", "ca-certificates"],
    customize: [`install -D -m 755 ${process.execPath} "$1/usr/local/bin/node"`],
    config: { Cmd: ["node"], Env: [PATH_ENV] },
  },
  // The in-cluster builder's base (scripts/cluster/builder-image.ts adds BuildKit on top):
  // runc for BuildKit's OCI worker, git for the init step that fetches a Git context, and for
  // rootless BuildKit the user `builder` (1000) with subordinate ids that Debian's
  // newuidmap/newgidmap (uidmap) map into the user namespace RootlessKit makes. They get file
  // capabilities (CAP_SETUID / CAP_SETGID) instead of setuid root: setuid root would open the
  // map as a root that, in a container, lacks the CAP_SYS_ADMIN the kernel then asks for.
  {
    id: "buildkit-base",
    repo: "berth/buildkit-base",
    tags: ["bookworm"],
    source: "Debian's runc, uidmap and git",
    packages: ["runc", "uidmap", "libcap2-bin", "git", "ca-certificates"],
    customize: [
      'chmod u-s "$1/usr/bin/newuidmap" "$1/usr/bin/newgidmap"',
      'chroot "$1" setcap cap_setuid=ep /usr/bin/newuidmap',
      'chroot "$1" setcap cap_setgid=ep /usr/bin/newgidmap',
      'echo "builder:x:1000:1000:BuildKit:/home/builder:/bin/sh" >> "$1/etc/passwd"',
      'echo "builder:x:1000:" >> "$1/etc/group"',
      'echo "builder:100000:65536" > "$1/etc/subuid"',
      'echo "builder:100000:65536" > "$1/etc/subgid"',
      'install -d -o 1000 -g 1000 "$1/home/builder" "$1/home/builder/.local/share/buildkit"',
    ],
    config: { Env: [PATH_ENV] },
  },
  {
    id: "memcached",
    repo: "library/memcached",
    tags: ["1", "1.6", "latest"],
    source: "Debian's memcached",
    packages: ["memcached"],
    config: { Cmd: ["memcached", "-u", "memcache", "-m", "64"], Env: [PATH_ENV], ExposedPorts: { "11211/tcp": {} } },
  },
];

/** The name people type (docker.io's short names, registry.k8s.io's; Berth's own by their repository in the local registry). */
export const imageRef = (def: ImageDef, tag = def.tags[0]) => `${def.repo.startsWith("library/") ? def.repo.slice("library/".length) : def.repo.startsWith("berth/") ? def.repo : `registry.k8s.io/${def.repo}`}:${tag}`;

interface Cached {
  layer: string;
  layerDigest: string;
  layerSize: number;
  diffId: string;
}

const cacheRoot = () => path.join(process.env.BERTH_CACHE || path.join(process.env.HOME || "/root", ".cache", "berth"), "images");

function run(cmd: string, args: string[], what: string) {
  const r = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.error || r.status !== 0) {
    const out = `${r.stdout ?? ""}${r.stderr ?? ""}`.trim().split("\n").slice(-15).join("\n");
    throw new Error(`${what} failed${r.error ? `: ${r.error.message}` : ` (exit ${r.status})`}\n${out}`);
  }
  return r.stdout;
}

function debianCodename(): string {
  const m = /^VERSION_CODENAME=(\S+)/m.exec(readFileSync("/etc/os-release", "utf8"));
  if (!m) throw new Error("cannot tell the Debian release from /etc/os-release (VERSION_CODENAME)");
  return m[1];
}

/** The version apt would install, so the cache key follows Debian's updates. */
function candidate(pkg: string): string {
  const m = /Candidate:\s*(\S+)/.exec(run("apt-cache", ["policy", pkg], `apt-cache policy ${pkg}`));
  if (!m || m[1] === "(none)") throw new Error(`Debian has no package ${pkg} here (apt-cache policy ${pkg}): run apt-get update`);
  return m[1];
}

/** A version string as part of a folder name. */
const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, "_");

function cacheKey(def: ImageDef): string {
  if (def.id === "pause") {
    return `pause-${createHash("sha256").update(readFileSync(path.join(repo, "tools/cluster/pause/pause.c"))).digest("hex").slice(0, 12)}`;
  }
  if (def.id === "busybox") return `busybox-${safe(candidate("busybox-static"))}`;
  if (def.id === "node") return `node-${process.version}-${debianCodename()}-${safe(candidate("libstdc++6"))}`;
  const files = def.files?.length ? `-${createHash("sha256").update(def.files.map((f) => readFileSync(path.join(repo, "tools/cluster/images", f.from))).join("\0") + JSON.stringify(def.extra ?? [])).digest("hex").slice(0, 8)}` : "";
  // an image made with hook lines is made again when they or its packages change
  const recipe = def.customize?.length ? `-c${createHash("sha256").update(JSON.stringify([def.packages, def.customize])).digest("hex").slice(0, 8)}` : "";
  return `${def.id}-${debianCodename()}-${safe(candidate(def.packages![0]))}${files}${recipe}`;
}

/** Counts and hashes what passes through. */
function hasher() {
  const h = createHash("sha256");
  let size = 0;
  const t = new Transform({
    transform(chunk: Buffer, _e, cb) {
      h.update(chunk);
      size += chunk.length;
      cb(null, chunk);
    },
  });
  return { t, digest: () => `sha256:${h.digest("hex")}`, size: () => size };
}

/** rootfs tar → gzip layer file, with the layer digest and the diff id (digest of the tar). */
async function layerFromTar(tar: string, out: string): Promise<Cached> {
  const raw = hasher();
  const gz = hasher();
  await pipeline(createReadStream(tar), raw.t, createGzip({ level: 6 }), gz.t, createWriteStream(out));
  return { layer: out, layerDigest: gz.digest(), layerSize: gz.size(), diffId: raw.digest() };
}

/** A tar of a few files from the host, made with GNU tar (root-owned, fixed mtime). */
function tarOf(dir: string, out: string) {
  run("tar", ["--sort=name", "--owner=0", "--group=0", "--numeric-owner", "--mtime=@0", "-C", dir, "-cf", out, "."], `tar of ${dir}`);
}

/**
 * apt sources of this machine for its Debian release, so mmdebstrap uses the same mirror apt
 * does (third-party repositories, which name other suites, are left out).
 */
function aptSources(): string[] {
  const d = "/etc/apt/sources.list.d";
  const files = existsSync(d) ? readdirSync(d).filter((f) => f.endsWith(".sources") || f.endsWith(".list")).map((f) => path.join(d, f)) : [];
  if (existsSync("/etc/apt/sources.list")) files.unshift("/etc/apt/sources.list");
  const codename = debianCodename();
  return files.filter((f) => new RegExp(`^\\s*(deb\\s.*\\s${codename}(\\s|$)|Suites:.*\\b${codename}\\b)`, "m").test(readFileSync(f, "utf8")));
}

function makeRootfs(def: ImageDef, work: string): string {
  const tar = path.join(work, "rootfs.tar");
  if (def.id === "pause") {
    const root = path.join(work, "root");
    mkdirSync(root, { recursive: true });
    run("gcc", ["-Os", "-static", "-Wall", "-o", path.join(root, "pause"), path.join(repo, "tools/cluster/pause/pause.c")], "compiling pause.c (gcc -static)");
    run("strip", [path.join(root, "pause")], "strip pause");
    tarOf(root, tar);
  } else if (def.id === "busybox") {
    const root = path.join(work, "root");
    const bin = path.join(root, "bin");
    mkdirSync(bin, { recursive: true });
    if (!existsSync("/bin/busybox")) throw new Error("/bin/busybox is missing: apt-get install busybox-static");
    run("cp", ["/bin/busybox", path.join(bin, "busybox")], "copy busybox");
    // Every applet as a link, as upstream's busybox image has them.
    for (const applet of run("/bin/busybox", ["--list"], "busybox --list").split("\n").filter((a) => a && a !== "busybox")) {
      run("ln", ["-s", "busybox", path.join(bin, applet)], `link ${applet}`);
    }
    mkdirSync(path.join(root, "tmp"), { mode: 0o1777 });
    tarOf(root, tar);
  } else {
    const args = [
      "--quiet",
      "--variant=essential",
      `--include=${def.packages!.join(",")}`,
      "--dpkgopt=path-exclude=/usr/share/doc/*",
      "--dpkgopt=path-exclude=/usr/share/man/*",
      "--dpkgopt=path-exclude=/usr/share/locale/*",
      // update-alternatives links man pages: their folders must exist even with the pages left out.
      '--setup-hook=mkdir -p "$1/usr/share/man/man1"',
      ...(def.extra ?? []),
      ...(def.customize ?? []).map((c) => `--customize-hook=${c}`),
      ...(def.files ?? []).map((f) => `--customize-hook=install -D -m ${f.to.endsWith(".sh") ? "755" : "644"} ${path.join(repo, "tools/cluster/images", f.from)} "$1${f.to}"`),
      debianCodename(),
      tar,
      ...aptSources(),
    ];
    run("mmdebstrap", args, `mmdebstrap (${def.packages!.join(", ")})`);
  }
  return tar;
}

/** Builds (once) the cached layer of one image; returns it. */
async function ensureCached(def: ImageDef, say: (m: string) => void): Promise<Cached> {
  const key = cacheKey(def);
  const dir = path.join(cacheRoot(), key);
  const meta = path.join(dir, "layer.json");
  if (existsSync(meta)) return JSON.parse(readFileSync(meta, "utf8")) as Cached;
  say(`building the ${imageRef(def)} image from ${def.source} (once, cached in ${dir})…`);
  const started = Date.now();
  const work = `${dir}.tmp-${process.pid}`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  // half-made builds of this image by processes that were killed (a stopped test run)
  for (const old of readdirSync(cacheRoot())) {
    const pid = old.startsWith(`${key}.tmp-`) ? Number(old.slice(key.length + 5)) : NaN;
    if (Number.isInteger(pid) && !processAlive(pid)) rmSync(path.join(cacheRoot(), old), { recursive: true, force: true });
  }
  try {
    const tar = makeRootfs(def, work);
    const cached = await layerFromTar(tar, path.join(work, "layer.tar.gz"));
    rmSync(tar);
    rmSync(path.join(work, "root"), { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
    renameSync(work, dir);
    const done: Cached = { ...cached, layer: path.join(dir, "layer.tar.gz") };
    writeFileSync(meta, JSON.stringify(done, null, 2));
    // earlier builds of the same image (older package versions or entrypoints) are not needed any more
    for (const old of readdirSync(cacheRoot())) {
      if (old !== key && old.startsWith(`${def.id}-`) && !old.includes(".tmp-")) rmSync(path.join(cacheRoot(), old), { recursive: true, force: true });
    }
    say(`  ${imageRef(def)}: ${(done.layerSize / 1e6).toFixed(0)} MB in ${Math.round((Date.now() - started) / 1000)} s`);
    return done;
  } catch (e) {
    rmSync(work, { recursive: true, force: true });
    throw e;
  }
}

/** True when this machine can build the Debian images (mmdebstrap and apt, as root). */
export function canBuildImages(): string | undefined {
  if (process.getuid?.() !== 0) return "building the Debian base images needs root";
  for (const tool of ["mmdebstrap", "apt-cache", "gcc", "tar"]) {
    if (spawnSync("sh", ["-c", `command -v ${tool}`]).status !== 0) return `${tool} is not installed (apt-get install ${tool === "apt-cache" ? "apt" : tool})`;
  }
  return undefined;
}

/** Builds what is missing of every image, or of those named (cached by version). */
export async function buildImages(say: (m: string) => void, ids?: string[]): Promise<Map<string, Cached>> {
  const out = new Map<string, Cached>();
  for (const def of IMAGES.filter((d) => !ids || ids.includes(d.id))) out.set(def.id, await ensureCached(def, say));
  return out;
}

/** Pushes the cached images to a registry (http://host:port); blobs it has are skipped. Returns each name as a node sees it, with its manifest digest. */
export async function pushImages(registryUrl: string, cached: Map<string, Cached>): Promise<{ ref: string; digest: string }[]> {
  const client = new RegistryClient(registryUrl);
  const pushed: { ref: string; digest: string }[] = [];
  for (const def of IMAGES) {
    const c = cached.get(def.id);
    if (!c) continue;
    if (!(await client.hasBlob(def.repo, c.layerDigest, true))) {
      await client.uploadBlob(def.repo, createReadStream(c.layer).pipe(new PassThrough()), () => c.layerDigest);
    }
    const config = Buffer.from(
      JSON.stringify({
        architecture: "amd64",
        os: "linux",
        created: new Date(statSync(c.layer).mtimeMs).toISOString(),
        config: { ...def.config, Labels: { "dev.berth.built-locally": "true", "org.opencontainers.image.description": `Built on this machine from ${def.source}; not the upstream image` } },
        rootfs: { type: "layers", diff_ids: [c.diffId] },
        history: [{ created_by: `berth: ${def.source}` }],
      }),
    );
    const configDigest = sha256(config);
    if (!(await client.hasBlob(def.repo, configDigest, true))) await client.uploadBlob(def.repo, config, () => configDigest);
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MEDIA.ociManifest,
        config: { mediaType: MEDIA.ociConfig, digest: configDigest, size: config.length },
        layers: [{ mediaType: MEDIA.ociLayerGzip, digest: c.layerDigest, size: c.layerSize }],
      }),
    );
    for (const tag of def.tags) {
      await client.putManifest(def.repo, tag, manifest, MEDIA.ociManifest);
      // Berth's own (the builder's base) are not mirrored names a node caches under.
      if (!def.repo.startsWith("berth/")) pushed.push({ ref: `${def.repo.startsWith("library/") ? "docker.io" : "registry.k8s.io"}/${def.repo}:${tag}`, digest: sha256(manifest) });
    }
  }
  return pushed;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const say = (m: string) => process.stderr.write(`[images] ${m}\n`);
  buildImages(say)
    .then(async (cached) => {
      if (process.argv[2]) await pushImages(process.argv[2], cached);
    })
    .catch((e) => {
      console.error(`[images] ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    });
}
