// Headless Debian Chromium driven by playwright-core (no browser download).
import { chromium, type Browser, type Page } from "playwright-core";
import { inject } from "vitest";

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

export async function login(page: Page, email: string, password: string) {
  await page.goto(`${inject("baseUrl")}/login`);
  await page.getByLabel(/email|邮箱/i).fill(email);
  await page.getByLabel(/password|密码/i).fill(password);
  await page.getByRole("button", { name: /^(sign in|登录)$/i }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
}

/** Chromium with one page, signed in as the user, confirming every dialog (the tests click "OK"). */
export async function signedInPage(user: { email: string; password: string }): Promise<{ browser: Browser; page: Page }> {
  const browser = await launch();
  const page = await browser.newPage();
  page.on("dialog", (d) => d.accept());
  await login(page, user.email, user.password);
  return { browser, page };
}
