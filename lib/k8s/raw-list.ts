// A LIST read as plain JSON. The typed clients turn every field of every object into
// model instances, which for thousands of pods costs more time and memory than the
// summaries the cache keeps; informers only need the raw objects for a moment.
import https from "node:https";
import type { KubeConfig } from "@kubernetes/client-node";
import { AppError } from "../errors";
import { timedApiserverCall } from "../metrics";
import { clusterServer } from "./config";

export interface RawList<T> {
  items: T[];
  metadata?: { resourceVersion?: string; _continue?: string };
}

/** How long one LIST page may take, answer and body together (BERTH_KUBE_LIST_TIMEOUT_MS). */
const listTimeoutMs = () => Number(process.env.BERTH_KUBE_LIST_TIMEOUT_MS ?? 30_000);

/**
 * One page of a LIST. It always settles: a connection cut mid-body, a body that is not JSON,
 * or no complete answer within the timeout rejects with the reason (never a promise that
 * waits forever behind every request for the namespace).
 */
export async function listRaw<T>(kc: KubeConfig, path: string, limit: number, cont?: string): Promise<RawList<T>> {
  return timedApiserverCall(() => listPage<T>(kc, path, limit, cont), (e) => (e instanceof AppError ? e.code : "error"));
}

async function listPage<T>(kc: KubeConfig, path: string, limit: number, cont?: string): Promise<RawList<T>> {
  const server = clusterServer(kc);
  const url = new URL(server + path);
  url.searchParams.set("limit", String(limit));
  if (cont) url.searchParams.set("continue", cont);
  const opts: https.RequestOptions = { method: "GET", headers: { accept: "application/json" } };
  await kc.applyToHTTPSOptions(opts);
  const timeout = listTimeoutMs();
  const fail = (what: string) => new AppError("cluster_unreachable", `LIST ${path} at ${server}: ${what}`);
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      f();
    };
    const req = https.request(url, opts, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("aborted", () => settle(() => reject(fail("the connection was cut before the whole answer arrived"))));
      res.on("error", (e) => settle(() => reject(fail(`the answer broke off (${e.message})`))));
      res.on("end", () =>
        settle(() => {
          const text = Buffer.concat(chunks).toString("utf8");
          if (res.statusCode !== 200) {
            const err = new AppError(res.statusCode === 403 ? "cluster_forbidden" : "cluster_unreachable", `LIST ${path} at ${server}: HTTP ${res.statusCode}: ${text.slice(0, 300)}`);
            return reject(Object.assign(err, { statusCode: res.statusCode })); // the informer relists on 410
          }
          let body: { items: T[]; metadata?: { resourceVersion?: string; continue?: string } };
          try {
            body = JSON.parse(text);
          } catch {
            return reject(fail(`the answer is not complete JSON (${text.length} bytes)`));
          }
          resolve({ items: body.items ?? [], metadata: { resourceVersion: body.metadata?.resourceVersion, _continue: body.metadata?.continue } });
        }),
      );
    });
    const timer = setTimeout(() => {
      settle(() => reject(fail(`no complete answer within ${Math.round(timeout / 1000)} s`)));
      req.destroy();
    }, timeout);
    req.on("error", (e) => settle(() => reject(fail(e.message))));
    req.end();
  });
}
