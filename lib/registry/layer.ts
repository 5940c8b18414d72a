// One image layer made in a single streaming pass, the way ko and Jib make theirs:
//   tar (tar-stream) → sha256 of the tar = diff_id → gzip → sha256 + byte count = the
//   layer's digest and size. Entries are sorted and written with mtime 0 and uid/gid 0,
//   so the same files always give the same bytes (reproducible images).
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { PassThrough, Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { open } from "node:fs/promises";
import { constants, createGzip, deflateRawSync } from "node:zlib";
import { pack as tarPack } from "tar-stream";

export interface LayerFile {
  /** Absolute path inside the image, e.g. /app/app.jar */
  path: string;
  type: "file" | "directory" | "symlink";
  mode?: number;
  size?: number;
  /** Where a file's bytes come from: a file on disk, or a stream factory. */
  from?: string | (() => Readable);
  linkname?: string;
}

export interface LayerResult {
  diffId: string;
  digest: string;
  size: number;
}

class Tap extends Transform {
  readonly hash = createHash("sha256");
  bytes = 0;
  constructor(private readonly onBytes?: (n: number) => void) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: () => void) {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    this.onBytes?.(this.bytes);
    this.push(chunk);
    cb();
  }
}

const clean = (p: string) => p.replace(/^\/+/, "").replace(/\/+$/, "");

/** The entries with every parent directory added once, in tar order (sorted by path). */
export function withParents(files: LayerFile[]): LayerFile[] {
  const byPath = new Map<string, LayerFile>();
  for (const f of files) {
    const p = clean(f.path);
    if (!p) continue;
    const parts = p.split("/");
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join("/");
      if (!byPath.has(dir)) byPath.set(dir, { path: dir, type: "directory", mode: 0o755 });
    }
    byPath.set(p, { ...f, path: p });
  }
  return [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

const SAMPLE = 256 * 1024;

/**
 * Whether a layer's content is compressed already, decided from the content itself so the
 * same files always get the same answer (reproducible): a sample of its largest file that
 * deflate cannot shrink (jars, wars, zips, images). Such a layer is not worth gzipping.
 */
export async function incompressible(files: LayerFile[]): Promise<boolean> {
  const largest = files.filter((f) => f.type === "file" && typeof f.from === "string").sort((a, b) => (b.size ?? 0) - (a.size ?? 0))[0];
  if (!largest || (largest.size ?? 0) < SAMPLE) return false;
  const fh = await open(largest.from as string, "r");
  try {
    const buf = Buffer.alloc(SAMPLE);
    const { bytesRead } = await fh.read(buf, 0, SAMPLE, 0);
    const packed = deflateRawSync(buf.subarray(0, bytesRead), { level: constants.Z_BEST_SPEED });
    return packed.length > bytesRead * 0.95;
  } finally {
    await fh.close();
  }
}

/**
 * The layer as a stream of gzip bytes; `result()` is valid once the stream has ended.
 * `onInput` reports uncompressed bytes written so far (progress).
 */
export function layerStream(files: LayerFile[], opts: { gzipLevel?: number; uncompressed?: boolean; onInput?: (bytes: number) => void } = {}): { stream: Readable; result: () => LayerResult; done: Promise<void> } {
  const pack = tarPack();
  const tarTap = new Tap(opts.onInput);
  const out = new PassThrough({ highWaterMark: 256 * 1024 });
  // An uncompressed layer (OCI allows it) is the tar itself: one hash is both digest and diff_id.
  const gzTap = opts.uncompressed ? tarTap : new Tap();
  const done = opts.uncompressed ? pipeline(pack, tarTap, out) : pipeline(pack, tarTap, createGzip({ level: opts.gzipLevel ?? constants.Z_BEST_SPEED, chunkSize: 256 * 1024 }), gzTap, out);

  (async () => {
    for (const f of withParents(files)) {
      const header = { name: f.type === "directory" ? `${f.path}/` : f.path, mode: f.mode ?? (f.type === "directory" ? 0o755 : 0o644), mtime: new Date(0), uid: 0, gid: 0, uname: "", gname: "" };
      if (f.type === "directory") pack.entry({ ...header, type: "directory" });
      else if (f.type === "symlink") pack.entry({ ...header, type: "symlink", linkname: f.linkname ?? "" });
      else {
        const entry = pack.entry({ ...header, type: "file", size: f.size ?? 0 });
        const src = typeof f.from === "string" ? createReadStream(f.from) : f.from!();
        await pipeline(src, entry);
      }
    }
    pack.finalize();
  })().catch((e) => pack.destroy(e as Error));

  return {
    stream: out,
    done,
    result: () => ({ diffId: `sha256:${tarTap.hash.copy().digest("hex")}`, digest: `sha256:${gzTap.hash.copy().digest("hex")}`, size: gzTap.bytes }),
  };
}
