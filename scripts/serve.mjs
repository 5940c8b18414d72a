// @ts-check
// The console's HTTP server: Next.js's request handler behind a plain Node server,
// which records the real client address for login throttling (lib/auth/client-ip.mjs) and
// refuses a request body over its route's limit before anything reads it
// (lib/http/body-limits.mjs): 413 for a declared length over it, 411 for a body of unknown
// length where the whole of it would be read.
// Started by scripts/next.ts (npm start, the tests, the bench) after `next build`.
// Plain JavaScript so the server runs without a TypeScript loader.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import v8 from "node:v8";
import next from "next";
import pino from "pino";
import { CLIENT_IP_HEADER, clientAddress } from "../lib/auth/client-ip.mjs";
import { bodyLimit, MULTIPART_OVERHEAD, sizeText } from "../lib/http/body-limits.mjs";
import { DIRECT, DirectRequest, directAnswer, matchRoute, routeTable } from "../lib/http/direct.mjs";
import { acceptsGzip, gzipOf } from "../lib/http/gzip.mjs";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const port = Number(process.env.PORT ?? 3000);
const trustedProxies = Number(process.env.BERTH_TRUSTED_PROXIES ?? 0);

/** One JSON line per request (and per notable event), at LOG_LEVEL (info by default). */
const log = pino({ level: process.env.LOG_LEVEL ?? "info", base: { service: "berth" } });
/** A request id a proxy in front already gave, when it looks like one; else a new one. */
const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

// The container image (scripts/image.ts) runs the standalone output: its configuration came
// with the build, as Next's own standalone server.js passes it; next.config.ts is not there.
if (process.env.BERTH_STANDALONE === "1") {
  const files = JSON.parse(readFileSync(path.join(repo, process.env.BERTH_NEXT_DIST_DIR || ".next", "required-server-files.json"), "utf8"));
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(files.config);
}
const app = next({ dev: false, dir: repo, port });
await app.prepare();
const handle = app.getRequestHandler();

// GET requests to route handlers marked DIRECT (lib/http/direct.mjs: every route() handler,
// /healthz, /readyz, /metrics) are answered by calling the handler of Next's build directly:
// Next's request pipeline costs more than the handler itself. The module is the one Next
// loads (the same file through Node's require cache); until it has loaded (asked for by a
// route's first request), Next answers.
const serverDir = path.join(repo, process.env.BERTH_NEXT_DIST_DIR || ".next", "server");
const routes = routeTable(JSON.parse(readFileSync(path.join(serverDir, "app-paths-manifest.json"), "utf8")));
const requireBuilt = createRequire(import.meta.url);
/** @typedef {(req: Request, ctx: { params: Promise<Record<string, string>> }) => Response | Promise<Response>} Handler */
/** @type {Map<string, Handler | null | "loading">} */
const handlers = new Map();

/** The direct GET handler of a built route file; null while it loads or when Next must answer. */
function directHandler(/** @type {string} */ file) {
  const known = handlers.get(file);
  if (known !== undefined) return known === "loading" ? null : known;
  handlers.set(file, "loading");
  (async () => {
    const mod = requireBuilt(path.join(serverDir, file)).routeModule;
    await mod?.ensureUserland?.();
    const get = mod?.userland?.GET;
    handlers.set(file, typeof get === "function" && get[DIRECT] === true ? get : null);
  })().catch((/** @type {Error} */ e) => {
    log.warn({ file, err: { message: e.message } }, "route module not loaded for direct answers; Next answers it");
    handlers.set(file, null);
  });
  return null;
}

/**
 * Answers a GET by its route's handler, the Response streamed to the client (a closed
 * connection aborts the request's signal and cancels the body). False when Next must answer.
 * @param {http.IncomingMessage} req @param {http.ServerResponse} res
 */
function answerDirectly(req, res) {
  if (req.method !== "GET") return false;
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const match = matchRoute(routes, q < 0 ? url : url.slice(0, q));
  const handler = match && directHandler(match.file);
  if (!match || !handler) return false;
  // The request's signal (aborted when the client leaves before the answer ends) is made only
  // when a handler reads it (streams and logs do): most answers never need one.
  /** @type {AbortController | undefined} */
  let aborted;
  let left = false;
  /** @type {DirectRequest} */
  let request;
  try {
    const signal = () => {
      if (!aborted) {
        aborted = new AbortController();
        if (left) aborted.abort();
      }
      return aborted.signal;
    };
    request = new DirectRequest(new URL(url, `http://${req.headers.host ?? "localhost"}`), req.headers, signal, match);
  } catch {
    return false; // a host no URL can hold: Next answers it
  }
  res.once("close", () => {
    if (res.writableFinished) return;
    left = true; // the client left before the answer ended (aborting costs: only then)
    aborted?.abort();
  });
  const failed = (/** @type {Error} */ e) => {
    // what route() did not answer itself (it maps every error), or an answer Node could not send
    log.error({ reqId: req.headers["x-request-id"], err: { message: e.message, stack: e.stack } }, "request failed");
    if (res.headersSent) return void res.destroy();
    res.writeHead(500, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: { code: "internal", message: "Something went wrong on the server.", requestId: req.headers["x-request-id"] } }));
  };
  const deliver = (/** @type {Response} */ answer) =>
    writeSoon(() => {
      try {
        send(answer, req, res)?.catch(failed);
      } catch (e) {
        failed(/** @type {Error} */ (e)); // an answer Node could not write (a header it refuses)
      }
    });
  // Called at once; its answer is written with the others of this turn of the event loop (writeSoon).
  try {
    // Next's context: the parameters as a promise, made only for a handler that asks for it (route() reads them from the request)
    const ctx = {
      get params() {
        return Promise.resolve(match.params);
      },
    };
    const out = handler(/** @type {Request} */ (/** @type {unknown} */ (request)), ctx);
    if (out instanceof Promise) out.then(deliver, failed);
    else deliver(out);
  } catch (e) {
    failed(/** @type {Error} */ (e));
  }
  return true;
}

// Answers are written together, once per turn of the event loop (in its check phase, right
// after the poll phase has read and handled every request that had arrived), not each one as
// soon as its handler returns. Measured at 100 connections (autocannon on the other CPU), the
// server's CPU per request: /healthz 51.8 -> 34.2 µs, /api/me 94.9 -> 48.6 µs, a pods page
// 125.7 -> 69.2 µs; p99 lower too (a microtask in between instead changed nothing). Likely why:
// writing each answer at once interleaves the socket writes (and the loopback's delivery to
// the client, run on the writer's CPU) with reading and parsing the next request; together,
// each kind of work runs while its code is hot. The gain depends on how many requests a turn
// reads (with the cluster on the same two CPUs, in the bench, /healthz cost 53 µs). The wait
// is short: the rest of the turn that read the request.
/** @type {(() => void)[]} */
let writes = [];
function writeSoon(/** @type {() => void} */ write) {
  if (writes.push(write) === 1) setImmediate(writeAll);
}
function writeAll() {
  const now = writes;
  writes = [];
  for (const write of now) write();
}

/** Resolves when a stream can take more, or has closed. */
function drained(/** @type {import("node:stream").Writable} */ out) {
  return new Promise((resolve) => {
    const done = () => {
      out.off("drain", done).off("close", done);
      resolve(undefined);
    };
    out.on("drain", done).on("close", done);
  });
}

/** Answers worth compressing (as Next does, from 1 KB on). */
const COMPRESSIBLE = /^(application\/([\w.+-]*\+)?json|text\/[\w.+-]+)/;

/**
 * Writes a whole body with its length, gzipped from 1 KB on when the client accepts it and the
 * type is worth compressing (a kept body's gzip made once, lib/http/gzip.mjs).
 * @param {number} status @param {Record<string, string | string[]>} head
 * @param {Buffer | Uint8Array} body @param {http.IncomingMessage} req @param {http.ServerResponse} res
 * @param {boolean} [kept] the body is given again unchanged while it holds (DirectAnswer.kept)
 */
function sendWhole(status, head, body, req, res, kept = false) {
  const write = (/** @type {Buffer | Uint8Array} */ bytes) => {
    head["content-length"] = String(bytes.length);
    res.writeHead(status, head);
    res.end(bytes);
  };
  if (COMPRESSIBLE.test(String(head["content-type"] ?? "")) && !head["content-encoding"]) {
    head.vary = head.vary ? `${head.vary}, Accept-Encoding` : "Accept-Encoding";
    if (body.length >= 1024 && acceptsGzip(req.headers["accept-encoding"])) {
      head["content-encoding"] = "gzip";
      const zipped = gzipOf(body, kept);
      return zipped instanceof Promise ? zipped.then(write) : write(zipped);
    }
  }
  write(body);
}

/**
 * Writes a handler's answer to a Node response. A DirectAnswer (lib/http/direct.mjs) and a
 * Response of one chunk (every JSON answer) go in one write with their length; a longer body
 * (an event stream, a log) is streamed with backpressure as it comes.
 * @param {Response | import("../lib/http/direct.mjs").DirectAnswer} answer @param {http.IncomingMessage} req @param {http.ServerResponse} res
 */
function send(answer, req, res) {
  const whole = directAnswer(answer);
  if (whole) {
    if (whole.body === null) {
      res.writeHead(whole.status, whole.headers);
      return void res.end();
    }
    return sendWhole(whole.status, { ...whole.headers }, typeof whole.body === "string" ? Buffer.from(whole.body) : whole.body, req, res, whole.kept);
  }
  return stream(/** @type {Response} */ (answer), req, res);
}

/**
 * Writes a Response: one of one chunk (every JSON answer) in one write with its length; a longer
 * body (an event stream, a log) streamed with backpressure as it comes.
 * @param {Response} answer @param {http.IncomingMessage} req @param {http.ServerResponse} res
 */
async function stream(answer, req, res) {
  /** @type {Record<string, string | string[]>} */
  const head = {};
  answer.headers.forEach((v, k) => {
    if (k !== "set-cookie") head[k] = v;
  });
  const cookies = answer.headers.getSetCookie();
  if (cookies.length) head["set-cookie"] = cookies;
  const type = answer.headers.get("content-type") ?? "";
  if (!answer.body) {
    res.writeHead(answer.status, head);
    return void res.end();
  }
  const reader = answer.body.getReader();
  res.once("close", () => void reader.cancel().catch(() => {}));
  try {
    if (!type.startsWith("text/event-stream")) {
      const first = await reader.read();
      const next = first.done ? first : await reader.read();
      if (next.done) return await sendWhole(answer.status, head, first.done ? Buffer.alloc(0) : first.value, req, res);
      res.writeHead(answer.status, head);
      for (const chunk of [first, next]) if (!chunk.done && !res.write(chunk.value)) await drained(res);
    } else {
      res.writeHead(answer.status, head);
      res.flushHeaders(); // an event stream's headers go at once, before its first event
    }
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      if (!res.write(chunk.value)) await drained(res);
    }
    res.end();
  } catch {
    res.destroy(); // the client left, or the body failed: the connection ends
  }
}

/**
 * Why a request's body is refused, as the JSON error every API answer uses, or null.
 * @param {http.IncomingMessage} req
 */
function bodyProblem(req) {
  const rule = bodyLimit(req.method, req.url, req.headers["content-type"]);
  if (!rule) return null;
  const zh = /NEXT_LOCALE=zh/.test(req.headers.cookie ?? "") || /^zh/i.test(req.headers["accept-language"] ?? "");
  const declared = req.headers["content-length"];
  if (declared === undefined) {
    if (rule.streamed || req.headers["transfer-encoding"] === undefined) return null; // an upload is limited while it streams; no body at all
    return { status: 411, code: "length_required", message: zh ? "请求体需要 Content-Length 请求头。" : "A request body needs a Content-Length header." };
  }
  if (Number(declared) <= rule.limit + (rule.streamed ? MULTIPART_OVERHEAD : 0)) return null;
  const limit = sizeText(rule.limit);
  if (rule.streamed) return { status: 413, code: "payload_too_large", message: zh ? `上传文件超过了 ${limit} 的上限（BERTH_MAX_UPLOAD）。` : `The upload is larger than the limit of ${limit} (BERTH_MAX_UPLOAD).` };
  return { status: 413, code: "payload_too_large", message: zh ? `请求体超过了此处 ${limit} 的上限。` : `The request body is larger than the limit of ${limit} here.` };
}

/** What a refused request may still send (discarded, never kept) before its connection is cut. */
const DRAIN_MAX = 256 * 1024 * 1024;

/**
 * Answers a refused request at once. Its body is never kept: Node discards what the client
 * still sends (so the client reads the answer instead of a broken pipe) up to DRAIN_MAX, then
 * the connection is cut.
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 * @param {{ status: number; code: string; message: string }} p
 */
function refuse(req, res, p) {
  res.writeHead(p.status, { "content-type": "application/json" });
  res.end(JSON.stringify({ error: { code: p.code, message: p.message } }));
  let discarded = 0;
  req.on("data", (/** @type {Buffer} */ c) => {
    discarded += c.length;
    if (discarded > DRAIN_MAX) req.socket.destroy();
  });
  req.resume();
}

/**
 * Every request gets an id (the x-request-id answer header, in API errors and in the log line)
 * and one log line when it ends: method, path without its query, status, time. Never headers
 * or bodies, so no cookie, token or password reaches the log.
 * @param {http.IncomingMessage} req @param {http.ServerResponse} res
 */
function track(req, res) {
  const incoming = req.headers["x-request-id"];
  const id = typeof incoming === "string" && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  req.headers["x-request-id"] = id;
  res.setHeader("x-request-id", id);
  const started = process.hrtime.bigint();
  res.once("close", () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    log.info({ reqId: id, method: req.method, path: (req.url ?? "/").split("?")[0], status: res.statusCode, ms: Math.round(ms * 10) / 10, ip: req.headers[CLIENT_IP_HEADER] }, "request");
  });
}

/** The methods the console answers; anything else (TRACE, CONNECT …) gets a 405 here. */
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

// After a busy spell the heap is compacted once, when a whole IDLE_GC_MS went by without a
// request: V8's own memory reducer often keeps what the spell grew. A spell is busy when it
// served BUSY requests or the process grew by GREW bytes since the last compaction (a
// namespace's first LIST of 5,000 pods parses 21 MB of JSON). The collection moves every live
// object together (--compact-on-every-full-gc, set for that one collection): a plain full
// collection compacts only the most fragmented pages. Measured in the bench: 577 MB resident at
// the end of its load; after 30 s idle with a plain full collection, 419 MB (the old
// generation 160 MB for 65 MB live); with this one, 319 MB (old generation 66 MB; the rest is
// malloc's, see SERVER_ENV in scripts/next.ts: with it, 261 MB). A pause of a full
// collection (tens of ms) then costs nobody a wait. Needs --expose-gc (scripts/next.ts passes
// it); without it nothing is done.
const IDLE_GC_MS = 5_000;
const BUSY = 1_000;
const GREW = 32 * 1024 * 1024;
let served = 0;
const collect = /** @type {{ gc?: () => void }} */ (globalThis).gc;
if (collect) {
  let seen = 0;
  let compacted = 0;
  let rssAfter = process.memoryUsage.rss();
  setInterval(() => {
    const idle = served === seen;
    seen = served;
    if (!idle || served === compacted) return;
    if (served - compacted < BUSY && process.memoryUsage.rss() - rssAfter < GREW) return;
    v8.setFlagsFromString("--compact-on-every-full-gc");
    try {
      collect();
    } finally {
      v8.setFlagsFromString("--no-compact-on-every-full-gc");
    }
    compacted = served;
    rssAfter = process.memoryUsage.rss();
  }, IDLE_GC_MS).unref();
}

/** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
function serve(req, res) {
  served++;
  req.headers[CLIENT_IP_HEADER] = clientAddress(req.headers["x-forwarded-for"], req.socket.remoteAddress, trustedProxies);
  if (!res.hasHeader("x-request-id")) track(req, res);
  if (!METHODS.includes(req.method ?? "")) {
    res.setHeader("allow", METHODS.join(", "));
    return refuse(req, res, { status: 405, code: "method_not_allowed", message: `${req.method} is not a method Berth answers; use one of ${METHODS.join(", ")}.` });
  }
  const problem = bodyProblem(req);
  if (problem) return refuse(req, res, problem);
  if (!answerDirectly(req, res)) void handle(req, res);
}

const server = http.createServer(serve);
// A client that asks before sending ("Expect: 100-continue") is refused before it sends anything.
server.on("checkContinue", (req, res) => {
  track(req, res);
  const problem = bodyProblem(req);
  if (problem) return refuse(req, res, problem);
  res.writeContinue();
  serve(req, res);
});
// A request Node cannot parse (headers or URL over the 16 KB limit, a broken request line) gets
// the API's JSON error shape, not Node's bare status line.
server.on("clientError", (err, socket) => {
  if (!socket.writable || /** @type {{ code?: string }} */ (err).code === "ECONNRESET") return void socket.destroy();
  const tooLarge = /** @type {{ code?: string }} */ (err).code === "HPE_HEADER_OVERFLOW";
  const body = JSON.stringify({ error: tooLarge ? { code: "bad_request", message: "The request's URL or headers are larger than 16 KB." } : { code: "bad_request", message: "The request could not be read as HTTP." } });
  socket.end(`HTTP/1.1 ${tooLarge ? "431 Request Header Fields Too Large" : "400 Bad Request"}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
});
server.listen(port, () => log.info({ port }, `Berth console ready on http://localhost:${port}`));
for (const signal of /** @type {const} */ (["SIGTERM", "SIGINT"])) {
  process.once(signal, () => {
    server.close();
    server.closeAllConnections();
    process.exit(0);
  });
}
