"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";

const ITEMS = [
  { href: "/", key: "overview", icon: "M3 12l9-9 9 9M5 10v10h14V10" },
  { href: "/apps", key: "apps", icon: "M4 6h16M4 12h16M4 18h10" },
  { href: "/workloads", key: "workloads", icon: "M4 4h7v7H4zM13 4h7v7h-7zM4 13h7v7H4zM13 13h7v7h-7z" },
  { href: "/config", key: "config", icon: "M12 15a3 3 0 100-6 3 3 0 000 6zM4 7h4M16 7h4M4 17h4M16 17h4" },
  { href: "/builds", key: "builds", icon: "M14 7l-4 10M7 8l-4 4 4 4M17 8l4 4-4 4" },
  { href: "/marketplace", key: "marketplace", icon: "M3 7h18l-2 12H5L3 7zm5 0V5a4 4 0 018 0v2" },
  { href: "/team", key: "team", icon: "M17 20v-2a4 4 0 00-4-4H7a4 4 0 00-4 4v2M10 10a4 4 0 100-8 4 4 0 000 8zm11 10v-2a4 4 0 00-3-3.9" },
  { href: "/settings", key: "settings", icon: "M12 15a3 3 0 100-6 3 3 0 000 6zM19.4 15a7.9 7.9 0 000-6l2-1.5-2-3.5-2.4 1a8 8 0 00-5-3L11.6 0h-4l-.4 2.5" },
] as const;

export function Sidebar() {
  const t = useTranslations("nav");
  const path = usePathname();
  return (
    <nav aria-label="main" className="flex w-56 shrink-0 flex-col border-r border-slate-200 bg-slate-900 text-slate-300">
      <div className="flex h-14 items-center gap-2 px-5 text-lg font-semibold text-white">
        {/* eslint-disable-next-line @next/next/no-img-element -- a static SVG from public/ */}
        <img src="/logo.svg" alt="" width={24} height={24} className="h-6 w-6" />
        Berth
      </div>
      <ul className="mt-2 space-y-0.5 px-2">
        {ITEMS.map((item) => {
          const active = item.href === "/" ? path === "/" : path.startsWith(item.href);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={`flex items-center gap-3 rounded-md px-3 py-2 text-sm ${active ? "bg-slate-800 text-white" : "hover:bg-slate-800/60 hover:text-white"}`}
              >
                <svg viewBox="0 0 24 24" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden>
                  <path d={item.icon} />
                </svg>
                {t(item.key)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
