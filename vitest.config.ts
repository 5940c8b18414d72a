import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "@": path.resolve(import.meta.dirname) };

export default defineConfig({
  resolve: { alias },
  test: {
    // System test files share one cluster and server: one file at a time.
    fileParallelism: false,
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
      },
      {
        // Integration and end-to-end tests share one real cluster, database and server
        // (tests/setup/global.ts) and run one file at a time.
        resolve: { alias },
        test: {
          name: "system",
          include: ["tests/integration/**/*.test.ts", "tests/e2e/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/setup/global.ts"],
          setupFiles: ["tests/setup/env.ts"],
          testTimeout: 120_000,
          hookTimeout: 600_000,
        },
      },
      {
        // The real node's effect on this machine, with a cluster of its own: run alone, before
        // the system project's cluster holds the machine's one real node (scripts/test.ts).
        resolve: { alias },
        test: { name: "host", include: ["tests/host/**/*.test.ts"], environment: "node", testTimeout: 900_000, hookTimeout: 300_000 },
      },
      {
        // After a full system run (scripts/test.ts): what its consoles logged.
        resolve: { alias },
        test: { name: "final", include: ["tests/final/**/*.test.ts"], environment: "node" },
      },
    ],
  },
});
