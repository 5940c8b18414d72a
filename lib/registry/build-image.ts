// Building an image without a container runtime, over the distribution API (the flow of
// go-containerregistry's remote.Write and Jib): resolve the base (index → platform),
// make each new layer in one streaming pass, skip or mount the base's layers, rewrite the
// config, push the manifest, answer its digest.
import { Readable } from "node:stream";
import { MEDIA, RegistryClient, RegistryError, sha256, type Descriptor, type Manifest } from "./client";
import type { ImageConfigChanges } from "../domain/image-ref";
import { incompressible, layerStream, type LayerFile, type LayerResult } from "./layer";

export type { ImageConfigChanges };


export interface NewLayer {
  files: LayerFile[];
  /** The history entry, e.g. "COPY target/*.war /app.war" */
  createdBy: string;
  /** A key of the layer's inputs (paths, modes, content hashes): a rebuild of the same inputs reuses the known digest. */
  inputKey?: string;
}

export interface LayerCache {
  get(key: string): Promise<LayerResult | undefined>;
  put(key: string, layer: LayerResult): Promise<void>;
}

export interface ImageSource {
  client: RegistryClient;
  repo: string;
  reference: string;
}

export interface BuildImageInput {
  base: ImageSource | "scratch";
  target: { client: RegistryClient; repo: string; tag: string };
  layers: NewLayer[];
  config: ImageConfigChanges;
  platform?: { os: string; architecture: string };
  cache?: LayerCache;
}

export interface Progress {
  step(name: string): void;
  log(line: string): void;
}

interface ImageConfig {
  architecture?: string;
  os?: string;
  created?: string;
  config?: {
    Entrypoint?: string[] | null;
    Cmd?: string[] | null;
    Env?: string[];
    WorkingDir?: string;
    User?: string;
    ExposedPorts?: Record<string, object>;
    Labels?: Record<string, string>;
    [k: string]: unknown;
  };
  rootfs: { type: string; diff_ids: string[] };
  history?: { created?: string; created_by?: string; empty_layer?: boolean; comment?: string }[];
  [k: string]: unknown;
}

const EPOCH = "1970-01-01T00:00:00Z";
const MB = (n: number) => `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;

/** The base's manifest for the platform (an index or list picks one) and its config. */
export async function resolveBase(base: ImageSource, platform: { os: string; architecture: string }) {
  let m = await base.client.getManifest(base.repo, base.reference);
  if (m.manifest.manifests) {
    const pick = m.manifest.manifests.find((d) => d.platform?.os === platform.os && d.platform?.architecture === platform.architecture);
    if (!pick) {
      const have = m.manifest.manifests.map((d) => `${d.platform?.os}/${d.platform?.architecture}`).join(", ");
      throw new RegistryError("not_found", `base image ${base.client.host}/${base.repo}:${base.reference} has no ${platform.os}/${platform.architecture} variant (it has ${have})`);
    }
    m = await base.client.getManifest(base.repo, pick.digest);
  }
  if (!m.manifest.config || !m.manifest.layers) throw new RegistryError("protocol", `base image ${base.repo}:${base.reference} is not an image manifest (${m.mediaType})`);
  const config = await base.client.getBlobJson<ImageConfig>(base.repo, m.manifest.config.digest);
  return { manifest: m.manifest, mediaType: m.mediaType, digest: m.digest, config };
}

/** Makes sure the target repository has a blob: already there, mounted from the base repo, or copied (streamed). */
async function ensureBlob(base: ImageSource, target: BuildImageInput["target"], d: Descriptor) {
  if (await target.client.hasBlob(target.repo, d.digest, true)) return "present";
  const sameRegistry = base.client.baseUrl === target.client.baseUrl;
  if (sameRegistry && (await target.client.mountBlob(target.repo, d.digest, base.repo))) return "mounted";
  const res = await base.client.getBlob(base.repo, d.digest);
  await target.client.uploadBlob(target.repo, Readable.fromWeb(res.body! as import("node:stream/web").ReadableStream), () => d.digest);
  return "copied";
}

function applyConfig(base: ImageConfig | undefined, c: ImageConfigChanges, platform: { os: string; architecture: string }): ImageConfig {
  const out: ImageConfig = base ? structuredClone(base) : { architecture: platform.architecture, os: platform.os, config: {}, rootfs: { type: "layers", diff_ids: [] }, history: [] };
  out.created = EPOCH;
  const cfg = (out.config ??= {});
  if (c.entrypoint) {
    cfg.Entrypoint = c.entrypoint;
    if (!c.cmd) cfg.Cmd = null; // Docker: a new ENTRYPOINT clears the base's CMD
  }
  if (c.cmd) cfg.Cmd = c.cmd;
  if (c.env) {
    const env = new Map((cfg.Env ?? []).map((e) => [e.split("=")[0], e] as const));
    for (const [k, v] of Object.entries(c.env)) env.set(k, `${k}=${v}`);
    cfg.Env = [...env.values()];
  }
  if (c.workdir) cfg.WorkingDir = c.workdir;
  if (c.user) cfg.User = c.user;
  if (c.exposedPorts?.length) cfg.ExposedPorts = { ...cfg.ExposedPorts, ...Object.fromEntries(c.exposedPorts.map((p) => [p, {}])) };
  if (c.labels) cfg.Labels = { ...cfg.Labels, ...c.labels };
  out.rootfs = { type: "layers", diff_ids: [...(out.rootfs?.diff_ids ?? [])] };
  out.history = [...(out.history ?? [])];
  return out;
}

/** Builds and pushes the image; answers the manifest digest (deploy by digest). */
export async function buildImage(input: BuildImageInput, progress: Progress): Promise<{ digest: string; mediaType: string; layers: number }> {
  const platform = input.platform ?? { os: "linux", architecture: "amd64" };
  const { target } = input;

  let baseLayers: Descriptor[] = [];
  let baseConfig: ImageConfig | undefined;
  let docker = false;
  if (input.base !== "scratch") {
    progress.step("resolving base");
    const b = await resolveBase(input.base, platform);
    progress.log(`base ${input.base.client.host}/${input.base.repo}:${input.base.reference} → ${b.digest} (${b.manifest.layers!.length} layer(s))`);
    baseLayers = b.manifest.layers!;
    baseConfig = b.config;
    docker = b.mediaType === MEDIA.dockerManifest;
  }
  const layerType = docker ? MEDIA.dockerLayerGzip : MEDIA.ociLayerGzip;
  const config = applyConfig(baseConfig, input.config, platform);

  const newLayers: Descriptor[] = [];
  for (const [i, l] of input.layers.entries()) {
    const inputBytes = l.files.reduce((n, f) => n + (f.type === "file" ? (f.size ?? 0) : 0), 0);
    const label = `layer ${i + 1}: ${MB(inputBytes)}`;
    progress.step(label);
    // The same files make a different blob for OCI and Docker images (see below): both in the key.
    const cacheKey = l.inputKey && `${l.inputKey}:${docker ? "docker" : "oci"}`;
    const known = cacheKey ? await input.cache?.get(cacheKey) : undefined;
    let layer: LayerResult;
    if (known && (await target.client.hasBlob(target.repo, known.digest, true))) {
      progress.log(`${label} unchanged, already in the registry (${known.digest.slice(0, 19)})`);
      layer = known;
    } else {
      let lastReport = 0;
      // Compressed content (a jar, a war) is not gzipped again: an uncompressed tar layer on
      // OCI images, a stored (level 0) gzip on Docker ones, whose manifests only know gzip.
      const flat = await incompressible(l.files);
      const made = layerStream(l.files, {
        uncompressed: flat && !docker,
        gzipLevel: flat ? 0 : undefined,
        onInput: (n) => {
          if (n - lastReport >= 8 * 1024 * 1024 || n === inputBytes) {
            lastReport = n;
            progress.step(`pushing ${MB(n)} of ${MB(inputBytes)}`);
          }
        },
      });
      try {
        await Promise.all([target.client.uploadBlob(target.repo, made.stream, () => made.result().digest), made.done]);
      } catch (e) {
        made.stream.destroy();
        throw e;
      }
      layer = made.result();
      progress.log(`${label} pushed: ${layer.digest} (${MB(layer.size)} compressed)`);
      if (cacheKey) await input.cache?.put(cacheKey, layer);
    }
    newLayers.push({ mediaType: layer.diffId === layer.digest ? MEDIA.ociLayer : layerType, digest: layer.digest, size: layer.size });
    config.rootfs.diff_ids.push(layer.diffId);
    config.history!.push({ created: EPOCH, created_by: l.createdBy, comment: "berth" });
  }

  if (baseLayers.length && input.base !== "scratch") {
    progress.step("base layers");
    const counts: Record<string, number> = {};
    for (const d of baseLayers) {
      const how = await ensureBlob(input.base, target, d);
      counts[how] = (counts[how] ?? 0) + 1;
    }
    progress.log(`base layers: ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(", ")}`);
  }

  progress.step("config");
  const configBytes = Buffer.from(JSON.stringify(config));
  const configDigest = sha256(configBytes);
  if (!(await target.client.hasBlob(target.repo, configDigest, true))) await target.client.uploadBlob(target.repo, configBytes, () => configDigest);

  progress.step("manifest");
  const manifest: Manifest = {
    schemaVersion: 2,
    mediaType: docker ? MEDIA.dockerManifest : MEDIA.ociManifest,
    config: { mediaType: docker ? MEDIA.dockerConfig : MEDIA.ociConfig, digest: configDigest, size: configBytes.length },
    layers: [...baseLayers.map(({ mediaType, digest, size }) => ({ mediaType, digest, size })), ...newLayers],
  };
  const bytes = Buffer.from(JSON.stringify(manifest));
  const digest = await target.client.putManifest(target.repo, target.tag, bytes, manifest.mediaType!);
  progress.log(`pushed ${target.client.host}/${target.repo}:${target.tag}@${digest}`);
  return { digest, mediaType: manifest.mediaType!, layers: manifest.layers!.length };
}
