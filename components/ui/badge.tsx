const TONES = {
  green: "bg-emerald-50 text-emerald-800",
  slate: "bg-slate-100 text-slate-700",
  red: "bg-red-50 text-red-800",
  amber: "bg-amber-50 text-amber-900",
  blue: "bg-blue-50 text-blue-800",
} as const;

export function Badge({ tone = "slate", children }: { tone?: keyof typeof TONES; children: React.ReactNode }) {
  return <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${TONES[tone]}`}>{children}</span>;
}
