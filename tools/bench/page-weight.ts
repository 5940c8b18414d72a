// JavaScript each page ships, gzip, with an empty cache, measured in Chromium: every script the
// page loads until it has loaded and then 2 s more (lazy chunks included; the network is never
// idle on pages that hold their live stream open), gzipped at level 6 here so the figure does
// not depend on how the server compresses.
import { gzipSync } from "node:zlib";
import type { Browser, Page } from "playwright-core";

export interface PageWeight {
  name: string;
  path: string;
  kb: number;
  scripts: number;
}

async function signIn(page: Page, base: string, email: string, password: string) {
  await page.goto(`${base}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
}

/** Each page in a fresh browser context, signed in first unless `public`, with the cache disabled for the measured load. */
export async function pageWeights(browser: Browser, base: string, who: { email: string; password: string }, pages: { name: string; path: string; public?: boolean }[]): Promise<PageWeight[]> {
  const out: PageWeight[] = [];
  for (const p of pages) {
    const context = await browser.newContext();
    const page = await context.newPage();
    if (!p.public) await signIn(page, base, who.email, who.password);
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    const bodies: Promise<number>[] = [];
    page.on("response", (r) => {
      if (r.request().resourceType() === "script") bodies.push(r.body().then((b) => gzipSync(b, { level: 6 }).length, () => 0));
    });
    try {
      await page.goto(`${base}${p.path}`, { waitUntil: "load" });
      await page.waitForTimeout(2000);
      const sizes = await Promise.all(bodies);
      out.push({ name: p.name, path: p.path, kb: sizes.reduce((a, b) => a + b, 0) / 1024, scripts: sizes.length });
    } catch (e) {
      console.log(`[bench] ${p.path}: ${(e as Error).message.split("\n")[0]}`);
      out.push({ name: p.name, path: p.path, kb: NaN, scripts: 0 });
    }
    await context.close();
  }
  return out;
}
