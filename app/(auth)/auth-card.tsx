import { LanguageSwitch } from "@/components/shell/pickers";

/** The signed-out pages' frame (sign-in, setting a password): the logo, a title, the language switch. */
export function AuthCard({ title, subtitle, children }: { title: string; subtitle: string; children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen items-center justify-center bg-slate-900 px-4">
      <main className="w-full max-w-sm rounded-xl bg-white p-8 shadow-xl">
        <div className="mb-6 flex items-start justify-between">
          <div>
            {/* eslint-disable-next-line @next/next/no-img-element -- a static SVG from public/ */}
            <img src="/logo.svg" alt="Berth" width={40} height={40} className="mb-3 h-10 w-10" />
            <h1 className="text-lg font-semibold">{title}</h1>
            <p className="mt-1 text-xs text-slate-600">{subtitle}</p>
          </div>
          <LanguageSwitch />
        </div>
        {children}
      </main>
    </div>
  );
}
