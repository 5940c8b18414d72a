import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale } from "next-intl/server";
import { headers } from "next/headers";
import { Catalog } from "@/components/localize";
import { RequestIdProvider } from "@/components/shell/request-id";
import { catalogEntries } from "@/lib/domain/messages";
import "./globals.css";

export const metadata: Metadata = {
  title: "Berth",
  description: "Build, deploy and scale apps on Kubernetes",
  icons: { icon: [{ url: "/favicon.svg", type: "image/svg+xml" }] },
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const [locale, h] = await Promise.all([getLocale(), headers()]);
  return (
    <html lang={locale}>
      <body className="bg-slate-50 text-slate-900 antialiased">
        <Catalog zh={locale === "zh-CN" ? catalogEntries().map(({ en, zh }) => ({ en, zh })) : null} />
        <NextIntlClientProvider>
          <RequestIdProvider id={h.get("x-request-id")}>{children}</RequestIdProvider>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
