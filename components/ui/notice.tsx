const TONES = {
  info: "border-brand-100 bg-brand-50 text-brand-700",
  warn: "border-amber-200 bg-amber-50 text-amber-900",
  error: "border-red-200 bg-red-50 text-red-800",
  ok: "border-emerald-200 bg-emerald-50 text-emerald-800",
} as const;

export function Notice({ tone = "info", title, children, role }: { tone?: keyof typeof TONES; title?: React.ReactNode; children?: React.ReactNode; role?: "alert" | "status" }) {
  return (
    <div role={role ?? (tone === "error" ? "alert" : "status")} className={`rounded-lg border px-4 py-3 text-sm ${TONES[tone]}`}>
      {title ? <p className="font-semibold">{title}</p> : null}
      {children ? <div className={title ? "mt-1" : ""}>{children}</div> : null}
    </div>
  );
}
