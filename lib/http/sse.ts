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
  const timers: NodeJS.Timeout[] = [];
  const enqueue = (text: string) => {
    try {
      controller.enqueue(enc.encode(text));
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
      enqueue(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      return true;
    },
    close(reason) {
      if (closed) return;
      if (reason) enqueue(`event: closed\ndata: ${JSON.stringify({ reason })}\n\n`);
      if (counted) metrics().streamsOpen.dec();
      closed = true;
      timers.forEach(clearInterval);
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
        timers.push(setInterval(() => !behind && !closed && enqueue(": keep-alive\n\n"), HEARTBEAT_MS));
        if (o.recheck) {
          const recheck = o.recheck;
          timers.push(
            setInterval(() => {
              void recheck().then((reason) => reason && sink.close(reason), () => undefined);
            }, recheckMs()),
          );
        }
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
