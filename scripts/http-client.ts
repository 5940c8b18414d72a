// A person using Berth's API over HTTP, for tests and benchmarks: signs in through
// next-auth's real credentials flow and keeps the session cookie like a browser.
export interface Client {
  cookie: string;
  /** A FormData body is sent as multipart/form-data, anything else as JSON. */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

function cookiesFrom(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0]);
}

export async function signIn(base: string, email: string, password: string, ip = "203.0.113.7"): Promise<{ ok: boolean; error?: string; cookie: string }> {
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = cookiesFrom(csrfRes);
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; "), "x-forwarded-for": ip },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: base, json: "true" }),
  });
  const all = [...jar, ...cookiesFrom(res)];
  const session = all.find((c) => c.startsWith("next-auth.session-token="));
  const location = res.headers.get("location") ?? ((await res.json().catch(() => ({}))) as { url?: string }).url ?? "";
  const error = new URL(location, base).searchParams.get("error") ?? undefined;
  return { ok: !!session && !error, error, cookie: session ?? "" };
}

export function client(base: string, auth: { cookie?: string; token?: string } = {}): Client {
  return {
    cookie: auth.cookie ?? "",
    async call(method, path, body, headers = {}) {
      const h: Record<string, string> = { ...headers };
      if (auth.cookie) h.cookie = auth.cookie;
      if (auth.token) h.authorization = `Bearer ${auth.token}`;
      const form = body instanceof FormData;
      if (body !== undefined && !form) h["content-type"] = "application/json";
      // A browser sends Origin on every write from Berth's pages.
      if (method !== "GET" && auth.cookie && !("origin" in h)) h.origin = base;
      const res = await fetch(`${base}${path}`, { method, headers: h, body: body === undefined ? undefined : form ? (body as FormData) : JSON.stringify(body), redirect: "manual" });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        /* not JSON */
      }
      return { status: res.status, body: parsed };
    },
  };
}

export async function loggedIn(base: string, email: string, password: string): Promise<Client> {
  const s = await signIn(base, email, password);
  if (!s.ok) throw new Error(`sign-in failed for ${email}: ${s.error}`);
  return client(base, { cookie: s.cookie });
}
