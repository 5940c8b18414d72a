// GET requests to API route handlers are answered by scripts/serve.mjs calling the built
// handler directly (lib/http/direct.mjs), not through Next's pipeline: the answers must be
// what Next gave — sessions and tokens, the person's language, compression, streamed event
// streams, and everything that is not such a GET still reaching Next.
import { gunzipSync } from "node:zlib";
import { describe, expect, inject, it } from "vitest";
import { loggedIn, rawGet } from "../support/http";
import { createUser } from "../support/users";

const base = inject("baseUrl");

describe("API reads answered without Next's pipeline", () => {
  it("know the person by session cookie and by token, with the same answer", async () => {
    const u = await createUser({ platformAdmin: false });
    const me = await loggedIn(u.email, u.password);
    const bySession = await me.call("GET", "/api/me");
    expect(bySession.status).toBe(200);
    expect(bySession.body).toMatchObject({ user: { email: u.email }, via: "session" });
    const token = (await me.call("POST", "/api/tokens", { name: "direct", scope: "read", expiresInDays: 1 })).body.token as string;
    const byToken = await rawGet("/api/me", { authorization: `Bearer ${token}` });
    expect(byToken.status).toBe(200);
    expect(JSON.parse(byToken.body.toString())).toMatchObject({ user: { email: u.email }, via: "token" });
    // one write with its length, not a chunked stream
    expect(Number(byToken.headers["content-length"])).toBe(byToken.body.length);
  });

  it("answer in the person's language (the language cookie), with the request's id", async () => {
    const r = await rawGet("/api/me", { cookie: "NEXT_LOCALE=zh-CN" });
    expect(r.status).toBe(401);
    const body = JSON.parse(r.body.toString());
    expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(body.error.requestId).toBe(r.headers["x-request-id"]);
  });

  it("gzip an answer of 1 KB or more when the client accepts it, and leave small ones plain", async () => {
    const u = await createUser({ platformAdmin: true });
    const me = await loggedIn(u.email, u.password);
    const token = (await me.call("POST", "/api/tokens", { name: "gzip", scope: "read", expiresInDays: 1 })).body.token as string;
    const auth = { authorization: `Bearer ${token}` };
    const plain = await rawGet("/api/openapi.json", auth);
    expect(plain.status).toBe(200);
    expect(plain.body.length).toBeGreaterThan(1024);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    const zipped = await rawGet("/api/openapi.json", { ...auth, "accept-encoding": "gzip, deflate, br" });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.headers.vary).toMatch(/Accept-Encoding/i);
    expect(zipped.body.length).toBeLessThan(plain.body.length / 2);
    expect(JSON.parse(gunzipSync(zipped.body).toString())).toEqual(JSON.parse(plain.body.toString()));
    const small = await rawGet("/healthz", { "accept-encoding": "gzip" });
    expect(small.headers["content-encoding"]).toBeUndefined();
    expect(JSON.parse(small.body.toString())).toEqual({ status: "ok" });
  });

  it("leave to Next what they do not answer: a trailing slash, next-auth's own routes, writes", async () => {
    const slash = await rawGet("/api/me/");
    expect(slash.status).toBe(308);
    expect(slash.headers.location).toBe("/api/me");
    const providers = await rawGet("/api/auth/providers");
    expect(providers.status).toBe(200);
    expect(JSON.parse(providers.body.toString())).toHaveProperty("credentials");
    const write = await fetch(`${base}/api/tokens`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(write.status).toBe(401);
  });
});
