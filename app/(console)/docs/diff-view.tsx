"use client";

import { useTranslations } from "next-intl";
import { diffCounts, type DiffLine } from "@/lib/docs/diff";

const LINE_CLASS: Record<DiffLine["kind"], string> = {
  added: "bg-emerald-50 text-emerald-900",
  removed: "bg-red-50 text-red-900 line-through decoration-red-300",
  same: "text-slate-500",
};
const MARK: Record<DiffLine["kind"], string> = { added: "+", removed: "−", same: " " };

/** Line by line what a save or a restore changes: added lines green, removed ones red. */
export function DiffView({ lines }: { lines: readonly DiffLine[] }) {
  const t = useTranslations("docs");
  const counts = diffCounts(lines);
  if (counts.added === 0 && counts.removed === 0) return <p className="text-sm text-slate-500">{t("confirm.noChanges")}</p>;
  return (
    <div className="flex flex-col gap-2">
      <p className="text-xs text-slate-500">{t("confirm.summary", counts)}</p>
      <ol className="max-h-80 overflow-auto rounded-md border border-slate-200 font-mono text-xs" data-testid="diff">
        {lines.map((l, k) => (
          <li key={k} data-kind={l.kind} className={`whitespace-pre-wrap px-2 py-0.5 ${LINE_CLASS[l.kind]}`}>
            <span aria-hidden className="mr-2 select-none">
              {MARK[l.kind]}
            </span>
            {l.kind === "same" ? null : <span className="sr-only">{t(`diff.${l.kind}`)} </span>}
            {l.text}
          </li>
        ))}
      </ol>
    </div>
  );
}
