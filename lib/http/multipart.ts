// A multipart/form-data upload streamed to disk (busboy): never held in memory, hashed
// (sha256) on the way, refused with 413 as soon as it passes the limit — before the body
// is read at all when Content-Length already says so.
import busboy from "busboy";
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { msg } from "../domain/messages";
import { AppError } from "../errors";
import { MULTIPART_OVERHEAD, uploadLimit } from "./body-limits.mjs";

export interface UploadedFile {
  path: string;
  /** The name the browser sent (only for display). */
  name: string;
  size: number;
  sha256: string;
  /** The first bytes, for checking what the file really is. */
  head: Buffer;
}

export interface Upload {
  fields: Record<string, string>;
  file?: UploadedFile;
  /** The temporary directory holding the file: remove it when done. */
  dir: string;
  cleanup: () => Promise<void>;
}

export const maxUploadBytes = uploadLimit;
export const formatBytes = (n: number) => (n >= 1024 * 1024 * 1024 ? `${(n / 1024 / 1024 / 1024).toFixed(1)} GB` : `${Math.round(n / 1024 / 1024)} MB`);

export async function receiveUpload(req: Request, fileField = "file", limit = maxUploadBytes()): Promise<Upload> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data")) throw new AppError("bad_request", msg("multipartOnly"));
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (declared > limit + MULTIPART_OVERHEAD) throw new AppError("payload_too_large", msg("uploadTooLarge", { limit: formatBytes(limit) }));
  if (!req.body) throw new AppError("bad_request", msg("uploadMissing"));

  const dir = await mkdtemp(path.join(process.env.BERTH_BUILD_DIR || os.tmpdir(), "berth-upload-"));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  const fields: Record<string, string> = {};
  let file: UploadedFile | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      const bb = busboy({ headers: { "content-type": type }, limits: { files: 1, fields: 50, fieldSize: 64 * 1024, fileSize: limit } });
      const writes: Promise<void>[] = [];
      bb.on("field", (name, value) => (fields[name] = value));
      bb.on("file", (name, stream, info) => {
        if (name !== fileField) {
          stream.resume();
          return;
        }
        const hash = createHash("sha256");
        let size = 0;
        let head = Buffer.alloc(0);
        const target = path.join(dir, "upload");
        const tap = new Transform({
          transform(chunk: Buffer, _e, cb) {
            hash.update(chunk);
            size += chunk.length;
            if (head.length < 16) head = Buffer.concat([head, chunk.subarray(0, 16 - head.length)]);
            cb(null, chunk);
          },
        });
        stream.on("limit", () => reject(new AppError("payload_too_large", msg("uploadTooLarge", { limit: formatBytes(limit) }))));
        writes.push(
          pipeline(stream, tap, createWriteStream(target)).then(() => {
            file = { path: target, name: path.basename(info.filename || "upload"), size, sha256: hash.digest("hex"), head };
          }),
        );
      });
      bb.on("error", (e) => reject(/Unexpected end of form|Unexpected end/i.test((e as Error).message) ? new AppError("bad_request", msg("uploadTruncated")) : new AppError("bad_request", (e as Error).message)));
      bb.on("close", () => Promise.all(writes).then(() => resolve(), reject));
      const body = Readable.fromWeb(req.body as import("node:stream/web").ReadableStream<Uint8Array>);
      body.on("error", () => reject(new AppError("bad_request", msg("uploadTruncated"))));
      body.pipe(bb);
    });
  } catch (e) {
    await cleanup();
    throw e;
  }
  return { fields, file, dir, cleanup };
}
