// The HTTP client of scripts/http-client.ts, pointed at the console the test setup serves.
import nodeHttp from "node:http";
import { inject } from "vitest";
import * as http from "../../scripts/http-client";

export type { Client } from "../../scripts/http-client";

export const signIn = (email: string, password: string, ip?: string) => http.signIn(inject("baseUrl"), email, password, ip);
export const client = (auth: { cookie?: string; token?: string } = {}) => http.client(inject("baseUrl"), auth);
export const loggedIn = (email: string, password: string) => http.loggedIn(inject("baseUrl"), email, password);

/** A raw GET of the console (fetch would decompress on its own): status, headers and the bytes as sent. */
export function rawGet(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: nodeHttp.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    nodeHttp
      .get(`${inject("baseUrl")}${path}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}
