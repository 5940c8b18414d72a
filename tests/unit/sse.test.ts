import { describe, expect, it, vi } from "vitest";
import { sseStream, type SseSink } from "@/lib/http/sse";

/** Reads until the stream ends or `enough` says so. */
const drain = async (stream: ReadableStream<Uint8Array>, enough: (text: string) => boolean = () => false) => {
  const reader = stream.getReader();
  const dec = new TextDecoder();
  let text = "";
  while (!enough(text)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += dec.decode(value);
  }
  reader.releaseLock();
  return text;
};

describe("server-sent event streams", () => {
  it("drop events past the high-water mark instead of queueing them, and catch up once read", async () => {
    let sink!: SseSink;
    let drained = 0;
    const stream = sseStream(new AbortController().signal, {
      open: (s) => {
        sink = s;
        return () => undefined;
      },
      onDrained: (s) => {
        drained++;
        s.send("snapshot", { fresh: true });
      },
    });
    await new Promise((r) => setTimeout(r, 0));
    const kb = "x".repeat(1024);
    const sent = Array.from({ length: 2000 }, (_, i) => sink.send("line", { i, kb })).filter(Boolean).length;
    expect(sent).toBeLessThan(300); // about 256 KB queued, the rest dropped
    const text = await drain(stream, (t) => t.includes("snapshot"));
    expect(text.split("event: line").length - 1).toBe(sent);
    expect(drained).toBe(1);
    expect(text).toContain('event: snapshot\ndata: {"fresh":true}');
    sink.close();
  });

  it("closes everything when the browser left before or while it was set up", async () => {
    const early = new AbortController();
    early.abort();
    let opened = false;
    const s1 = sseStream(early.signal, { open: () => ((opened = true), () => undefined) });
    expect(await drain(s1)).toBe("");
    expect(opened).toBe(false);

    const late = new AbortController();
    let stopped = false;
    const s2 = sseStream(late.signal, {
      open: async () => {
        late.abort(); // the browser goes away during an await of the setup
        await new Promise((r) => setTimeout(r, 10));
        return () => (stopped = true);
      },
    });
    expect(await drain(s2)).toBe("");
    await new Promise((r) => setTimeout(r, 30)); // the setup finishes after the browser left …
    expect(stopped).toBe(true); // … and what it set up is stopped at once
  });

  it("says why when it ends on purpose", async () => {
    let sink!: SseSink;
    const stream = sseStream(new AbortController().signal, { open: (s) => ((sink = s), () => undefined) });
    await new Promise((r) => setTimeout(r, 0));
    sink.close("Your session has ended: sign in again.");
    expect(await drain(stream)).toBe('event: closed\ndata: {"reason":"Your session has ended: sign in again."}\n\n');
    expect(sink.send("app", {})).toBe(false);
  });

  it("encodes an event once for all the streams it goes to, and runs one timer for all streams", async () => {
    vi.useFakeTimers();
    try {
      const sinks: SseSink[] = [];
      const streams = Array.from({ length: 3 }, () => sseStream(new AbortController().signal, { open: (s) => (sinks.push(s), () => undefined), recheck: async () => null }));
      await vi.advanceTimersByTimeAsync(0);
      expect(sinks).toHaveLength(3);
      expect(vi.getTimerCount()).toBe(1); // one shared tick, not a heartbeat and a recheck timer per stream
      const change = { kind: "app", name: "web", replicas: 3 };
      const stringify = vi.spyOn(JSON, "stringify");
      for (const s of sinks) s.send("app", change);
      expect(stringify).toHaveBeenCalledTimes(1);
      stringify.mockRestore();
      await vi.advanceTimersByTimeAsync(15_000);
      const texts = await Promise.all(streams.map((st) => drain(st, (t) => t.includes("keep-alive"))));
      for (const t of texts) expect(t).toBe('event: app\ndata: {"kind":"app","name":"web","replicas":3}\n\n: keep-alive\n\n');
      sinks.forEach((s) => s.close());
      expect(vi.getTimerCount()).toBe(0); // the tick stops with the last stream
    } finally {
      vi.useRealTimers();
    }
  });
});
