// A session cookie read through the memory of who is asking: the same answers as decoding it.
import { encode } from "next-auth/jwt";
import { beforeAll, describe, expect, it } from "vitest";
import { sessionClaims } from "@/lib/auth/session";

const secret = "unit-test-secret-".repeat(4);
const cookie = (value: string) => new Headers({ cookie: `next-auth.session-token=${value}` });

beforeAll(() => {
  process.env.NEXTAUTH_SECRET = secret;
});

describe("session cookies", () => {
  it("reads each cookie's own user and session version, again and again", async () => {
    const a = await encode({ token: { uid: "user-a", sv: 3 }, secret });
    const b = await encode({ token: { uid: "user-b" }, secret });
    for (let i = 0; i < 3; i++) {
      expect(await sessionClaims(cookie(a))).toEqual({ userId: "user-a", version: 3 });
      expect(await sessionClaims(cookie(b))).toEqual({ userId: "user-b", version: 0 });
    }
  });

  it("refuses a tampered cookie, one made with another secret, and none", async () => {
    const good = await encode({ token: { uid: "user-c", sv: 1 }, secret });
    expect(await sessionClaims(cookie(good.slice(0, -4) + (good.endsWith("AAAA") ? "BBBB" : "AAAA")))).toBeNull();
    expect(await sessionClaims(cookie(await encode({ token: { uid: "user-c" }, secret: "another secret entirely" })))).toBeNull();
    expect(await sessionClaims(new Headers())).toBeNull();
  });
});
