import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const config: NextConfig = {
  // Server-only packages with native-ish loading (WASM query compiler, pg, client-node):
  // keep them out of the bundle.
  serverExternalPackages: ["@prisma/client", "@prisma/adapter-pg", "pg", "@kubernetes/client-node", "bcryptjs"],
  poweredByHeader: false,
};

export default withNextIntl(config);
