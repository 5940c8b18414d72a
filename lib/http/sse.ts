// Server-sent event streams that cannot leak or grow without bound:
//   - every exit closes everything: the browser leaving (abort, also before the stream
//     started), the stream closing itself, a cancel; `open` may be async — whatever it set up
//     after the stream closed is torn down at once;
//   - backpressure: past a high-water mark events are dropped, not queued, and once the
//     browser has read the queue down the stream's `onDrained` catches it up (a snapshot);
//   - access is checked again every BERTH_STREAM_RECHECK_MS (30 s): when `recheck` names a
//     reason (removed from the team, session ended), the stream says it ("closed") and ends.
import { metrics } from "../metrics";

const enc = new TextEncoder();
const HIGH_WATER_BYTES = 256 * 1024;
const HEARTBEAT_MS = 15_000;
const recheckMs = () => Number(process.env.BERTH_STREAM_RECHECK_MS ?? 30_000);
const KEEP_ALIVE = enc.encode(": keep-alive\n\n");

/**
 * One event, encoded once for every stream it goes to: the same change object sent to 5,000
 * streams of a namespace is serialized once (remembered per object, forgotten with it).
 */
const encoded = new WeakMap<object, { event: string; bytes: Uint8Array }>();
function encodeEvent(event: string, data: unknown): Uint8Array {
  const key = typeof data === "object" && data !== null ? data : undefined;
  const hit = key && encoded.get(key);
  if (hit && hit.event === event) return hit.bytes;
  const bytes = enc.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  if (key) encoded.set(key, { event, bytes });
  return bytes;
}

/** What the shared ticks do for one open stream. */
interface Ticking {
  heartbeat(): void;
  recheck?: () => void;
  nextRecheck: number;
}

/**
 * One heartbeat tick and one recheck tick for all open streams of the process, never a timer
 * per stream: the ticks run only while a stream is open.
 */
const open = new Set<Ticking>();
let ticker: NodeJS.Timeout | undefined;
function track(t: Ticking) {
  open.add(t);
  ticker ??= setInterval(() => {
    const now = Date.now();
    for (const s of open) {
      s.heartbeat();
      if (s.recheck && now >= s.nextRecheck) {
        s.nextRecheck = now + recheckMs();
        s.recheck();
      }
    }
  }, Math.min(HEARTBEAT_MS, recheckMs()));
  ticker.unref?.();
}
function untrack(t: Ticking) {
  open.delete(t);
  if (open.size === 0 && ticker) {
    clearInterval(ticker);
    ticker = undefined;
  }
}

export interface SseSink {
  /** Sends an event; false when it was dropped (the browser is behind, or the stream closed). */
  send(event: string, data: unknown): boolean;
  /** Ends the stream, saying why first when there is a reason. */
  close(reason?: string): void;
  readonly closed: boolean;
}

export interface SseOptions {
  /** Sets the stream up; returns what stops it. */
  open: (sink: SseSink) => (() => void) | Promise<() => void>;
  /** Called when a stream that dropped events has been read down again. */
  onDrained?: (sink: SseSink) => void;
  /** null while access holds; otherwise why the stream must end. */
  recheck?: () => Promise<string | null>;
}

export function sseStream(signal: AbortSignal, o: SseOptions): ReadableStream<Uint8Array> {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let closed = false;
  let behind = false;
  let counted = false;
  const stops: (() => void)[] = [];
  let lastHeartbeat = 0;
  const ticking: Ticking = {
    heartbeat() {
      if (behind || closed || Date.now() - lastHeartbeat < HEARTBEAT_MS - 1000) return;
      lastHeartbeat = Date.now();
      enqueue(KEEP_ALIVE);
    },
    recheck: o.recheck && (() => void o.recheck!().then((reason) => reason && sink.close(reason), () => undefined)),
    nextRecheck: Date.now() + recheckMs(),
  };
  const enqueue = (bytes: Uint8Array) => {
    try {
      controller.enqueue(bytes);
    } catch {
      /* closed under us */
    }
  };
  const sink: SseSink = {
    get closed() {
      return closed;
    },
    send(event, data) {
      if (closed) return false;
      if ((controller.desiredSize ?? 1) <= 0) {
        behind = true;
        return false;
      }
      enqueue(encodeEvent(event, data));
      return true;
    },
    close(reason) {
      if (closed) return;
      if (reason) enqueue(encodeEvent("closed", { reason }));
      if (counted) metrics().streamsOpen.dec();
      closed = true;
      untrack(ticking);
      signal.removeEventListener("abort", onAbort);
      stops.splice(0).forEach((s) => s());
      try {
        controller.close();
      } catch {
        /* already closed */
      }
    },
  };
  const onAbort = () => sink.close();
  return new ReadableStream<Uint8Array>(
    {
      async start(c) {
        controller = c;
        if (signal.aborted) return sink.close();
        counted = true;
        metrics().streamsOpen.inc();
        signal.addEventListener("abort", onAbort);
        lastHeartbeat = Date.now();
        track(ticking);
        try {
          const stop = await o.open(sink);
          if (closed) stop(); // the browser left while it was being set up
          else stops.push(stop);
        } catch (e) {
          sink.send("problem", { message: (e as Error).message });
          sink.close();
        }
      },
      pull() {
        if (behind && !closed) {
          behind = false;
          o.onDrained?.(sink);
        }
      },
      cancel() {
        sink.close();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: HIGH_WATER_BYTES }),
  );
}
