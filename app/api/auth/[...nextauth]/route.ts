import NextAuth from "next-auth";
import { z } from "zod";
import { authOptions } from "@/lib/auth/options";
import { documented } from "@/lib/http/openapi";

// next-auth's own endpoints (sign-in form posts, the OIDC callback, the session, sign-out): for browsers, not for scripts.
const handler = documented(
  {
    summary: { en: "Sign-in and sign-out for browsers (next-auth: csrf, providers, signin, callback, session, signout)", zh: "浏览器登录与退出（next-auth：csrf、providers、signin、callback、session、signout）" },
    auth: "public",
    produces: { type: "text/html", description: "A page or a redirect, for a browser; JSON for csrf, providers and session." },
    response: z.unknown(),
    errorsAlsoAs: ["text/plain", "text/html"],
  },
  NextAuth(authOptions),
);
export { handler as GET, handler as POST };
