// The gzip of an answer (lib/http/gzip.mjs): a kept body's is made once and then given as bytes
// (no promise), any other body's is made per answer; both decompress to the body. Whether a
// client takes gzip, by its Accept-Encoding and the q-values in it.
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { acceptsGzip, gzipOf } from "@/lib/http/gzip.mjs";

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

describe("acceptsGzip", () => {
  it("reads the q-values: what browsers, fetch() and curl --compressed send takes it; q=0 or no header does not", () => {
    const takes = ["gzip", "gzip, deflate", "gzip, deflate, br, zstd", "br;q=1.0, gzip;q=0.8, *;q=0.1", "*", "GZIP", "identity;q=0.5, gzip"];
    const refuses = [undefined, "", "identity", "deflate", "br", "gzip;q=0", "gzip;q=0, deflate", "*;q=0", "identity, gzip;q=0.5", "x-gzip-ish"];
    for (const h of takes) expect(acceptsGzip(h), h).toBe(true);
    for (const h of refuses) expect(acceptsGzip(h), String(h)).toBe(false);
    // asked again, the remembered decision is the same
    for (const h of [...takes, ...refuses]) expect(acceptsGzip(h), String(h)).toBe(takes.includes(h as string));
  });
});
