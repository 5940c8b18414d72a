// The layer stream is pure computation over bytes: tar → sha256 → gzip → sha256.
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { incompressible, layerStream, withParents } from "@/lib/registry/layer";

const files = (content: string) => [{ path: "/app/app.jar", type: "file" as const, size: content.length, from: () => Readable.from([Buffer.from(content)]) }];
const sha = (b: Buffer) => `sha256:${createHash("sha256").update(b).digest("hex")}`;

describe("a layer in one streaming pass", () => {
  it("answers the digest and size of the gzip bytes and the diff_id of the tar inside", async () => {
    const l = layerStream(files("hello"));
    const gz = await buffer(l.stream);
    await l.done;
    const r = l.result();
    expect(r.digest).toBe(sha(gz));
    expect(r.size).toBe(gz.length);
    expect(r.diffId).toBe(sha(gunzipSync(gz)));
  });

  it("is byte-identical for the same files (mtime 0, sorted, uid 0)", async () => {
    const a = layerStream(files("same bytes"));
    const b = layerStream(files("same bytes"));
    expect((await buffer(a.stream)).equals(await buffer(b.stream))).toBe(true);
    const c = layerStream(files("other bytes"));
    await buffer(c.stream);
    expect(c.result().digest).not.toBe(a.result().digest);
  });

  it("uncompressed, the tar itself is the layer: digest and diff_id are one hash", async () => {
    const l = layerStream(files("plain"), { uncompressed: true });
    const tar = await buffer(l.stream);
    expect(tar.subarray(0, 7).toString()).toBe("app/\0\0\0"); // a tar header, not gzip's 1f 8b
    expect(l.result()).toEqual({ diffId: sha(tar), digest: sha(tar), size: tar.length });
  });

  it("knows compressed content from a sample of it, not from its name", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "berth-layer-"));
    const random = path.join(dir, "app.txt");
    const text = path.join(dir, "app.jar");
    writeFileSync(random, randomBytes(512 * 1024));
    writeFileSync(text, "hello world\n".repeat(50_000));
    expect(await incompressible([{ path: "/a", type: "file", size: 512 * 1024, from: random }])).toBe(true);
    expect(await incompressible([{ path: "/a", type: "file", size: 600_000, from: text }])).toBe(false);
  });

  it("adds each parent directory once, in tar order", () => {
    expect(withParents([{ path: "/b/x", type: "file" }, { path: "/a/y/z", type: "file" }]).map((f) => f.path)).toEqual(["a", "a/y", "a/y/z", "b", "b/x"]);
  });
});
