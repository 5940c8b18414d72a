// A LIST read as plain JSON. The typed clients turn every field of every object into
// model instances, which for thousands of pods costs more time and memory than the
// summaries the cache keeps; informers only need the raw objects for a moment.
import https from "node:https";
import type { KubeConfig } from "@kubernetes/client-node";
import { AppError } from "../errors";
import { clusterServer } from "./config";

export interface RawList<T> {
  items: T[];
  metadata?: { resourceVersion?: string; _continue?: string };
}

export async function listRaw<T>(kc: KubeConfig, path: string, limit: number, cont?: string): Promise<RawList<T>> {
  const server = clusterServer(kc);
  const url = new URL(server + path);
  url.searchParams.set("limit", String(limit));
  if (cont) url.searchParams.set("continue", cont);
  const opts: https.RequestOptions = { method: "GET", headers: { accept: "application/json" } };
  await kc.applyToHTTPSOptions(opts);
  return new Promise((resolve, reject) => {
    const req = https.request(url, opts, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        if (res.statusCode !== 200) {
          const err = new AppError(res.statusCode === 403 ? "cluster_forbidden" : "cluster_unreachable", `LIST ${path} at ${server}: HTTP ${res.statusCode}: ${text.slice(0, 300)}`);
          return reject(Object.assign(err, { statusCode: res.statusCode })); // the informer relists on 410
        }
        const body = JSON.parse(text) as { items: T[]; metadata?: { resourceVersion?: string; continue?: string } };
        resolve({ items: body.items, metadata: { resourceVersion: body.metadata?.resourceVersion, _continue: body.metadata?.continue } });
      });
    });
    req.on("error", reject);
    req.end();
  });
}
