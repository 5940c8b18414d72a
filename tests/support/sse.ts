// Reading Berth's server-sent-event streams in tests, as a browser tab would.
import { inject } from "vitest";

export interface StreamEvent {
  event: string;
  data: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Reads server-sent events until `until` says enough, the stream ends or the time is up (`opts`: another console, other headers). */
export async function readEvents(path: string, cookie: string, until: (events: StreamEvent[]) => boolean, timeoutMs = 20_000, opts: { base?: string; headers?: Record<string, string> } = {}) {
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), timeoutMs);
  const res = await fetch(`${opts.base ?? inject("baseUrl")}${path}`, { headers: { ...(cookie ? { cookie } : {}), ...opts.headers }, signal: ac.signal });
  const events: StreamEvent[] = [];
  if (res.status !== 200 || !res.body) {
    clearTimeout(timer);
    return { status: res.status, events, body: await res.json() };
  }
  const reader = res.body.getReader();
  const dec = new TextDecoder();
  let buf = "";
  try {
    while (!until(events)) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += dec.decode(value, { stream: true });
      let i;
      while ((i = buf.indexOf("\n\n")) >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const ev = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (ev && data) events.push({ event: ev, data: JSON.parse(data) });
      }
    }
  } catch (e) {
    if ((e as Error).name !== "AbortError") throw e;
  } finally {
    clearTimeout(timer);
    ac.abort();
  }
  return { status: res.status, events, body: undefined };
}

