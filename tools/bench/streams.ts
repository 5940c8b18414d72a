// Many open streams on one namespace (the live view of 5,000 open tabs): the console's memory
// per open stream, and how long one change (a scale) takes to reach every one of them.
import http from "node:http";

export interface StreamFigures {
  opened: number;
  /** Console RSS growth per open stream, in KB. */
  perStreamKb: number;
  p99ms: number;
  maxMs: number;
  /** Streams that did not see the change within the wait. */
  missed: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.99))];

/**
 * Opens `n` streams of `path` (in batches, each waiting for its snapshot), measures the
 * console's RSS growth, then makes `change()` and times until each stream has an event that
 * `reached` recognises.
 */
export async function benchStreams(opts: { base: string; path: string; token: string; n: number; rss: () => number; change: () => Promise<void>; reached: (event: string) => boolean }): Promise<StreamFigures> {
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const url = new URL(opts.path, opts.base);
  const before = opts.rss();
  let t0 = 0; // when the change was made (0: not yet)
  const times: number[] = [];
  const requests: http.ClientRequest[] = [];
  const open = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const req = http.get(url, { agent, headers: { authorization: `Bearer ${opts.token}`, accept: "text/event-stream" } }, (res) => {
        if (res.statusCode !== 200) return reject(new Error(`stream answered ${res.statusCode}`));
        let buffer = "";
        let done = false;
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          if (t0 === 0) return resolve(); // its snapshot arrived: open
          if (done) return;
          buffer += chunk;
          const events = buffer.split("\n\n");
          buffer = events.pop() ?? "";
          if (events.some(opts.reached)) {
            done = true;
            times.push(performance.now() - t0);
          }
        });
        res.on("error", () => undefined);
      });
      req.on("error", reject);
      requests.push(req);
    });
  try {
    for (let i = 0; i < opts.n; i += 250) await Promise.all(Array.from({ length: Math.min(250, opts.n - i) }, open));
    await sleep(5000); // settled: what the open streams hold, not what opening them cost
    const after = opts.rss();
    t0 = performance.now();
    await opts.change();
    const until = Date.now() + 15_000;
    while (times.length < opts.n && Date.now() < until) await sleep(50);
    return { opened: opts.n, perStreamKb: ((after - before) * 1024) / opts.n, p99ms: times.length ? p99(times) : NaN, maxMs: times.length ? Math.max(...times) : NaN, missed: opts.n - times.length };
  } finally {
    for (const r of requests) r.destroy();
    agent.destroy();
  }
}
