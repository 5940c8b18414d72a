// Prisma CLI configuration. The native schema engine cannot be downloaded here,
// so migrations run through Prisma's WASM engine over a pg driver adapter
// (see ../shared/docs/prisma-offline.md; prisma 6.19.x).
import "dotenv/config";
import { defineConfig } from "prisma/config";
import { cliAdapter } from "./lib/db/cli-adapter";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  experimental: { adapter: true },
  engine: "js",
  adapter: cliAdapter,
});
