// @ts-check
// The console's HTTP server: Next.js's request handler behind a plain Node server,
// which records the real client address for login throttling (lib/auth/client-ip.mjs).
// Started by scripts/next.ts (npm start, the tests, the bench) after `next build`.
// Plain JavaScript so the server runs without a TypeScript loader.
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import { CLIENT_IP_HEADER, clientAddress } from "../lib/auth/client-ip.mjs";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const port = Number(process.env.PORT ?? 3000);
const trustedProxies = Number(process.env.BERTH_TRUSTED_PROXIES ?? 0);

const app = next({ dev: false, dir: repo, port });
await app.prepare();
const handle = app.getRequestHandler();

const server = http.createServer((req, res) => {
  req.headers[CLIENT_IP_HEADER] = clientAddress(req.headers["x-forwarded-for"], req.socket.remoteAddress, trustedProxies);
  void handle(req, res);
});
server.listen(port, () => console.log(`▲ Berth console ready on http://localhost:${port}`));
for (const signal of /** @type {const} */ (["SIGTERM", "SIGINT"])) {
  process.once(signal, () => {
    server.close();
    server.closeAllConnections();
    process.exit(0);
  });
}
