// A LIST read as plain JSON. The typed clients turn every field of every object into
// model instances, which for thousands of pods costs more time and memory than the
// summaries the cache keeps; informers only need the raw objects for a moment.
import https from "node:https";
import type { KubeConfig } from "@kubernetes/client-node";
import { AppError } from "../errors";
import { timedApiserverCall } from "../metrics";
import { clusterServer } from "./config";
import { closedUnder, keptAgentFor } from "./connections";

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
export async function listRaw<T>(kc: KubeConfig, path: string, limit: number, cont?: string, early?: (cont: string) => void): Promise<RawList<T>> {
  return timedApiserverCall(() => listPage<T>(kc, path, limit, cont, early), (e) => (e instanceof AppError ? e.code : "error"));
}

/** The continue token of a LIST answer, read from its start: the apiserver writes `metadata` before `items`. */
export function leadingContinue(head: string): string | undefined | null {
  const items = head.indexOf('"items":');
  const m = /"continue":"([^"\\]+)"/.exec(items < 0 ? head : head.slice(0, items));
  if (m) return m[1];
  return items < 0 ? undefined : null; // undefined: not known yet; null: the metadata ended without one
}

/**
 * Every page of a LIST, the next one asked for as soon as this one's continue token has
 * arrived (it leads the answer): the apiserver prepares page n+1 while page n is read,
 * parsed and reduced, so a long LIST costs about its slowest side, not the sum of both.
 */
export async function* listPages<T>(kc: KubeConfig, path: string, limit: number): AsyncGenerator<RawList<T>> {
  interface Fetch {
    page: Promise<RawList<T>>;
    next?: Fetch;
  }
  const fetch = (cont?: string): Fetch => {
    const f = {} as Fetch;
    f.page = listRaw<T>(kc, path, limit, cont, (c) => (f.next = fetch(c)));
    f.page.catch(() => undefined); // a page asked for early and never read must not be an unhandled rejection
    return f;
  };
  let f: Fetch | undefined = fetch();
  while (f) {
    const page: RawList<T> = await f.page;
    yield page;
    const c = page.metadata?._continue;
    f = c ? (f.next ?? fetch(c)) : undefined;
  }
}

/** `again`: asked once more when a kept-open connection is closed under it before any answer (as readsAskedAgain, lib/k8s/connections.ts). */
async function listPage<T>(kc: KubeConfig, path: string, limit: number, cont?: string, early?: (cont: string) => void, again = true): Promise<RawList<T>> {
  const server = clusterServer(kc);
  const url = new URL(server + path);
  url.searchParams.set("limit", String(limit));
  if (cont) url.searchParams.set("continue", cont);
  const opts: https.RequestOptions = { method: "GET", headers: { accept: "application/json" } };
  await kc.applyToHTTPSOptions(opts);
  // kept-open connections (lib/k8s/connections.ts): a LIST of 5,000 pods is 10 pages, each a handshake of its own without (44 ms)
  opts.agent = keptAgentFor(kc, opts) ?? opts.agent;
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
    let answered = false;
    const req = https.request(url, opts, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      let head = res.statusCode === 200 && early ? "" : undefined; // the answer's start, until its continue token is known
      res.on("data", (c: Buffer) => {
        chunks.push(c);
        if (head === undefined) return;
        head += c.toString("latin1");
        const token = leadingContinue(head);
        if (token) early!(token);
        if (token !== undefined || head.length > 64 * 1024) head = undefined;
      });
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
    req.on("error", (e) => {
      if (again && !answered && req.reusedSocket && closedUnder(e)) settle(() => resolve(listPage(kc, path, limit, cont, early, false)));
      else settle(() => reject(fail(e.message)));
    });
    req.end();
  });
}
