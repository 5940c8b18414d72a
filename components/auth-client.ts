"use client";
// Signing in and out in the browser through next-auth's own endpoints, as next-auth/react does
// it (the CSRF token from /api/auth/csrf, then a form POST to the callback, sign-in or sign-out
// endpoint asking for JSON), without shipping that library's client (its session provider,
// polling and tab broadcast, which Berth does not use) to every page.

async function post(path: string, fields: Record<string, string>): Promise<{ res: Response; url?: string }> {
  const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await fetch(path, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ ...fields, csrfToken, json: "true" }) });
  const body = (await res.json().catch(() => ({}))) as { url?: string };
  return { res, url: body.url };
}

/** Email and password; `error` is next-auth's code (CredentialsSignin, or Berth's rate_limited). */
export async function signInWithPassword(email: string, password: string): Promise<{ ok: boolean; error?: string }> {
  const { res, url } = await post("/api/auth/callback/credentials", { email, password, callbackUrl: window.location.href });
  const error = url ? (new URL(url, window.location.href).searchParams.get("error") ?? undefined) : "CredentialsSignin";
  return { ok: res.ok && !error, error };
}

/** Single sign-on: off to the identity provider. */
export async function signInWith(provider: string, callbackUrl: string) {
  const { url } = await post(`/api/auth/signin/${provider}`, { callbackUrl });
  window.location.href = url ?? callbackUrl;
}

export async function signOut(callbackUrl: string) {
  const { url } = await post("/api/auth/signout", { callbackUrl });
  window.location.href = url ?? callbackUrl;
}
