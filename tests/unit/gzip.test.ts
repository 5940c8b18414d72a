// The gzip of an answer (lib/http/gzip.mjs): a kept body's is made once and then given as bytes
// (no promise), any other body's is made per answer; both decompress to the body.
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { gzipOf } from "@/lib/http/gzip.mjs";

const page = () => new TextEncoder().encode(JSON.stringify({ items: Array.from({ length: 50 }, (_, i) => ({ name: `web-${i}`, phase: "Running" })) }));

describe("gzipOf", () => {
  it("makes a kept body's gzip once: later answers get the same bytes at once", async () => {
    const body = page();
    const first = gzipOf(body, true);
    expect(first).toBeInstanceOf(Promise);
    expect(gzipOf(body, true)).toBe(first); // asked while it is made: the same one, not a second
    const zipped = await first;
    expect(gunzipSync(zipped).equals(Buffer.from(body))).toBe(true);
    expect(zipped.length).toBeLessThan(body.length / 4);
    expect(gzipOf(body, true)).toBe(zipped);
  });

  it("compresses any other body per answer", async () => {
    const body = page();
    const a = gzipOf(body);
    const b = gzipOf(body);
    expect(a).toBeInstanceOf(Promise);
    expect(b).not.toBe(a);
    expect(gunzipSync(await a).equals(Buffer.from(body))).toBe(true);
    expect(gzipOf(body)).toBeInstanceOf(Promise); // nothing kept for it
  });

  it("keeps nothing for equal bytes in another array: kept means the same object", async () => {
    const zipped = await gzipOf(page(), true);
    const other = gzipOf(page(), true);
    expect(other).toBeInstanceOf(Promise);
    expect((await other).equals(zipped)).toBe(true);
  });
});
