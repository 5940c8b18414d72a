// Request bodies are limited by the console's own Node server before anything reads them
// (next-auth's sign-in included): a 200 MB body gets 413 at once and the server's memory stays
// flat; a body of unknown length where the whole of it would be read gets 411.
import http from "node:http";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extraConsole, stopExtraConsoles } from "../support/console";
import { TEST_MAX_UPLOAD } from "../setup/global";

let url: string;
let pid: number;
beforeAll(async () => {
  const c = await extraConsole({ BERTH_MAX_UPLOAD: String(TEST_MAX_UPLOAD) });
  url = c.url;
  pid = c.child.pid!;
});
afterAll(stopExtraConsoles);

const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024;

/** Sends `size` bytes (declared, or chunked when size is "chunked") and resolves with the answer as soon as it comes. */
function send(path: string, size: number | "chunked", headers: Record<string, string> = {}, total = 2 * 1024 * 1024): Promise<{ status: number; body: { error?: { message: string; code: string } } }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}${path}`, { method: "POST", headers: { "content-type": "application/json", ...(size === "chunked" ? {} : { "content-length": String(size) }), ...headers } });
    req.on("response", (res) => {
      let text = "";
      res.on("data", (d: Buffer) => (text += d.toString()));
      res.on("end", () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : {} }));
    });
    req.on("error", (e) => (answered ? undefined : reject(e)));
    let answered = false;
    req.on("response", () => (answered = true));
    if (headers.expect) return; // wait for 100 Continue (or the refusal)
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const end = size === "chunked" ? total : size;
    let sent = 0;
    const pump = () => {
      while (!answered && sent < end) {
        const part = chunk.subarray(0, Math.min(chunk.length, end - sent));
        sent += part.length;
        if (!req.write(part)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
      else req.destroy(); // the answer came first: stop sending
    };
    pump();
  });
}

describe("request body limits", () => {
  it("answers 413 to a 200 MB body on the sign-in callback and on an API route, reading none of it", async () => {
    const before = rssMb();
    const huge = 200 * 1024 * 1024;
    const signin = await send("/api/auth/callback/credentials", huge, { "content-type": "application/x-www-form-urlencoded" });
    expect(signin.status).toBe(413);
    expect(signin.body.error!.message).toBe("The request body is larger than the limit of 1 MB here.");
    const api = await send("/api/namespaces/some-ns/apps", huge);
    expect(api.status).toBe(413);
    const upload = await send("/api/namespaces/some-ns/builds", huge, { "content-type": "multipart/form-data; boundary=x" });
    expect(upload.status).toBe(413);
    expect(upload.body.error!.message).toMatch(/^The upload is larger than the limit of \d+ MB \(BERTH_MAX_UPLOAD\)\.$/);
    expect(rssMb() - before).toBeLessThan(40);
    expect((await fetch(`${url}/healthz`)).status).toBe(200); // still serving
  });

  it("lets each kind of route have its own limit", async () => {
    const twoMb = 2 * 1024 * 1024 - 1000;
    expect((await send("/api/tokens", twoMb)).status).toBe(413);
    expect((await send("/api/namespaces/some-ns/configmaps", twoMb)).status).toBe(401); // 2 MB allowed there: the next check is the session
    expect((await send("/api/tokens", 1000)).status).toBe(401);
  });

  it("refuses a body of unknown length with 411, and a too-large one announced with Expect: 100-continue before it is sent", async () => {
    const chunked = await send("/api/tokens", "chunked");
    expect(chunked.status).toBe(411);
    expect(chunked.body.error!.message).toBe("A request body needs a Content-Length header.");
    const asked = await send("/api/tokens", 50 * 1024 * 1024, { expect: "100-continue" });
    expect(asked.status).toBe(413);
  });

  it("answers in the person's language", async () => {
    const r = await send("/api/tokens", 5 * 1024 * 1024, { "accept-language": "zh-CN,zh;q=0.9" });
    expect(r.body.error!.message).toBe("请求体超过了此处 1 MB 的上限。");
  });
});
