// Which calls share kept-open connections (lib/k8s/connections.ts): the same TLS options, the
// same agent; any difference in who the connection is to or as whom, another one.
import https from "node:https";
import { describe, expect, it } from "vitest";
import { keptAgent } from "@/lib/k8s/connections";

const ca = Buffer.from("-----BEGIN CERTIFICATE-----\nA\n-----END CERTIFICATE-----\n");
const cert = Buffer.from("client certificate one");
const key = Buffer.from("client key one");

describe("keptAgent", () => {
  it("gives one keep-alive agent for the same TLS options, given as other objects", () => {
    const a = keptAgent({ ca, cert, key });
    expect(a).toBeInstanceOf(https.Agent);
    expect(keptAgent({ ca: Buffer.from(ca), cert: Buffer.from(cert), key: Buffer.from(key) })).toBe(a);
    expect(a.options).toMatchObject({ ca, cert, key, keepAlive: true, timeout: 30_000 });
  });

  it("never shares between another server CA, client certificate, key, server name or verification", () => {
    const a = keptAgent({ ca, cert, key });
    const others = [
      keptAgent({ ca: Buffer.from("another CA"), cert, key }),
      keptAgent({ ca, cert: Buffer.from("client certificate two"), key }),
      keptAgent({ ca, cert, key: Buffer.from("client key two") }),
      keptAgent({ ca, cert, key, servername: "other.example" }),
      keptAgent({ ca, cert, key, rejectUnauthorized: false }),
    ];
    expect(new Set([a, ...others]).size).toBe(others.length + 1);
  });
});
