// Build sources on disk: an uploaded zip or tar.gz unpacked safely (no path outside the
// folder, no links out, bounded size), and a folder listed as the build context.
import { createReadStream, createWriteStream } from "node:fs";
import { lstat, mkdir, readdir, symlink } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { extract as tarExtract } from "tar-stream";
import yauzl from "yauzl";
import type { ContextEntry } from "../domain/dockerfile";
import { msg } from "../domain/messages";
import { AppError } from "../errors";

export const isZip = (head: Buffer) => head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
export const isGzip = (head: Buffer) => head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;

const MAX_ENTRIES = 100_000;

function safeTarget(root: string, name: string, archive: string): string {
  const clean = name.replace(/\\/g, "/");
  const target = path.resolve(root, clean);
  if (path.isAbsolute(clean) || (target !== root && !target.startsWith(root + path.sep))) throw new AppError("bad_request", msg("archiveUnsafe", { name: archive, path: name }));
  return target;
}

/** Unpacks a zip or tar.gz into `into`; `name` is what the person uploaded (for messages). */
export async function unpack(file: string, head: Buffer, into: string, name: string, maxBytes: number): Promise<void> {
  await mkdir(into, { recursive: true });
  const root = path.resolve(into);
  let total = 0;
  let count = 0;
  const account = (n: number) => {
    total += n;
    if (++count > MAX_ENTRIES || total > maxBytes) throw new AppError("payload_too_large", msg("badArchive", { name, reason: `it unpacks to more than ${Math.round(maxBytes / 1024 / 1024)} MB or ${MAX_ENTRIES} files` }));
  };
  try {
    if (isZip(head)) await unzip(file, root, name, account);
    else if (isGzip(head)) await untar(file, root, name, account);
    else throw new AppError("bad_request", msg("notArchive", { name }));
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError("bad_request", msg("badArchive", { name, reason: (e as Error).message }));
  }
}

async function untar(file: string, root: string, name: string, account: (n: number) => void) {
  const ex = tarExtract();
  ex.on("entry", (header, stream, next) => {
    (async () => {
      const target = safeTarget(root, header.name, name);
      account(header.size ?? 0);
      if (header.type === "directory") {
        await mkdir(target, { recursive: true });
        stream.resume();
      } else if (header.type === "file" || header.type === "contiguous-file") {
        await mkdir(path.dirname(target), { recursive: true });
        await pipeline(stream, createWriteStream(target, { mode: (header.mode ?? 0o644) & 0o755 }));
      } else if (header.type === "symlink" && header.linkname) {
        safeTarget(root, path.join(path.dirname(header.name), header.linkname), name); // links stay inside
        await mkdir(path.dirname(target), { recursive: true });
        await symlink(header.linkname, target);
        stream.resume();
      } else stream.resume(); // devices, hard links, fifos: not part of a build context
    })().then(() => next(), (e) => ex.destroy(e as Error));
  });
  await pipeline(createReadStream(file), createGunzip(), ex);
}

function unzip(file: string, root: string, name: string, account: (n: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, strictFileNames: false }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error("cannot open"));
      zip.on("error", reject);
      zip.on("end", () => resolve());
      zip.on("entry", (entry: yauzl.Entry) => {
        (async () => {
          const target = safeTarget(root, entry.fileName, name);
          account(entry.uncompressedSize);
          if (entry.fileName.endsWith("/")) {
            await mkdir(target, { recursive: true });
            return;
          }
          await mkdir(path.dirname(target), { recursive: true });
          const stream = await new Promise<NodeJS.ReadableStream>((ok, ko) => zip.openReadStream(entry, (e, s) => (e || !s ? ko(e) : ok(s))));
          const mode = (entry.externalFileAttributes >>> 16) & 0o755;
          await pipeline(stream, createWriteStream(target, { mode: mode || 0o644 }));
        })().then(() => zip.readEntry(), (e) => {
          zip.close();
          reject(e);
        });
      });
      zip.readEntry();
    });
  });
}

/** Every file, folder and link under `dir`, relative, sorted (what COPY can take). */
export async function listContext(dir: string): Promise<ContextEntry[]> {
  const out: ContextEntry[] = [];
  const walk = async (rel: string) => {
    for (const e of await readdir(path.join(dir, rel), { withFileTypes: true })) {
      if (rel === "" && e.name === ".git") continue;
      const p = rel ? `${rel}/${e.name}` : e.name;
      const st = await lstat(path.join(dir, p));
      if (st.isSymbolicLink()) out.push({ path: p, type: "symlink", size: 0, mode: 0o777 });
      else if (st.isDirectory()) {
        out.push({ path: p, type: "directory", size: 0, mode: st.mode & 0o7777 });
        await walk(p);
      } else if (st.isFile()) out.push({ path: p, type: "file", size: st.size, mode: st.mode & 0o7777 });
    }
  };
  await walk("");
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}
