// Build benchmarks, measured in the same run against the bench cluster's registry:
//   a. jar → image for a 50 MB artifact (the build as recorded: resolve base, make and push
//      the layer, config, manifest) vs hashing and pushing the same bytes with a raw HTTP
//      client                                                             (target ≤ 1.5×);
//      the upload to Berth before it is printed beside it
//   b. the same build again, the registry already holding the layer     (target ≤ 0.2× of a)
//   c. the server's RSS growth while building a 500 MB artifact          (target ≤ 64 MB)
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, openAsBlob, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import type { Client } from "../../scripts/http-client";

const MB = 1024 * 1024;

/** A jar-like file: zip magic, then incompressible bytes (jars are already compressed). */
async function artifact(size: number): Promise<string> {
  const file = path.join(os.tmpdir(), `berth-bench-${size / MB}mb-${Date.now()}.jar`);
  const out = createWriteStream(file);
  out.write(Buffer.from("PK\x03\x04", "latin1"));
  for (let left = size - 4; left > 0; left -= 4 * MB) {
    if (!out.write(randomBytes(Math.min(4 * MB, left)))) await new Promise<void>((r) => out.once("drain", () => r()));
  }
  await new Promise((r) => out.end(r));
  return file;
}

/** What a client without Berth pays: sha256 over the file, then POST + one streamed PATCH + PUT. */
async function rawPush(registry: string, repo: string, file: string): Promise<number> {
  const started = performance.now();
  const h = createHash("sha256");
  for await (const c of createReadStream(file)) h.update(c);
  const digest = `sha256:${h.digest("hex")}`;
  const post = await fetch(`http://${registry}/v2/${repo}/blobs/uploads/`, { method: "POST" });
  await post.body?.cancel();
  const loc = new URL(post.headers.get("location")!, `http://${registry}`);
  const patch = await fetch(loc, { method: "PATCH", body: Readable.toWeb(createReadStream(file)) as ReadableStream, duplex: "half" } as RequestInit);
  await patch.body?.cancel();
  const put = new URL(patch.headers.get("location")!, `http://${registry}`);
  put.searchParams.set("digest", digest);
  const done = await fetch(put, { method: "PUT" });
  await done.body?.cancel();
  if (done.status !== 201) throw new Error(`raw push: ${done.status}`);
  return performance.now() - started;
}

/** The build as Berth records it (startedAt → finishedAt), and the whole request including the upload. */
async function buildThroughBerth(me: Client, ns: string, file: string, image: string): Promise<{ build: number; total: number }> {
  const started = performance.now();
  const form = new FormData();
  for (const [k, v] of Object.entries({ source: "artifact", kind: "jar", image })) form.append(k, v);
  form.append("file", await openAsBlob(file), "app.jar"); // streamed from disk by fetch
  const r = await me.call("POST", `/api/namespaces/${ns}/builds`, form);
  if (r.status !== 201) throw new Error(`build: ${r.status} ${JSON.stringify(r.body)}`);
  for (;;) {
    const b = await me.call("GET", `/api/namespaces/${ns}/builds/${r.body.id}`);
    if (b.body.status === "Succeeded") return { build: Date.parse(b.body.finishedAt) - Date.parse(b.body.startedAt), total: performance.now() - started };
    if (b.body.status === "Failed" || b.body.status === "Cancelled") throw new Error(`build ${b.body.status}: ${b.body.error}`);
    await new Promise((res) => setTimeout(res, 20));
  }
}

export async function benchBuilds(me: Client, ns: string, registry: string, rss: () => number) {
  const fifty = await artifact(50 * MB);
  const big = await artifact(500 * MB);
  try {
    // Warm both paths once (connections, code paths), on other repositories.
    await rawPush(registry, "bench/warm", fifty);
    const raws: number[] = [];
    const firsts: number[] = [];
    const agains: number[] = [];
    const totals: number[] = [];
    for (let i = 0; i < 3; i++) {
      // A fresh artifact each round, so the first build really makes and pushes its layer.
      const file = await artifact(50 * MB);
      try {
        raws.push(await rawPush(registry, `bench/raw${i}`, file));
        const first = await buildThroughBerth(me, ns, file, `jar${i}:v1`);
        firsts.push(first.build);
        totals.push(first.total);
        agains.push((await buildThroughBerth(me, ns, file, `jar${i}:v1`)).build);
      } finally {
        rmSync(file, { force: true });
      }
    }
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const raw = med(raws);
    const first = med(firsts);
    const again = med(agains);

    global.gc?.();
    await new Promise((r) => setTimeout(r, 2000));
    const idle = rss();
    let peak = idle;
    const sampler = setInterval(() => (peak = Math.max(peak, rss())), 50);
    const bigMs = (await buildThroughBerth(me, ns, big, "big:v1").finally(() => clearInterval(sampler))).total;
    return { raw, first, again, total: med(totals), idle, peak, bigMs, rounds: { raws, firsts, agains } };
  } finally {
    rmSync(fifty, { force: true });
    rmSync(big, { force: true });
  }
}
