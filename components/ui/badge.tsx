const TONES = {
  green: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  red: "bg-rose-50 text-rose-700 ring-rose-600/20",
  amber: "bg-amber-50 text-amber-800 ring-amber-600/20",
  slate: "bg-slate-100 text-slate-700 ring-slate-500/20",
  blue: "bg-brand-50 text-brand-700 ring-brand-600/20",
} as const;

export function Badge({ tone = "slate", children, title, testId }: { tone?: keyof typeof TONES; children: React.ReactNode; title?: string; testId?: string }) {
  return (
    <span title={title} data-testid={testId} className={`inline-flex items-center rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[tone]}`}>
      {children}
    </span>
  );
}
