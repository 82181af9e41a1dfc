"use client";

import { Loader2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { buttonClass } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { toastResult } from "@/components/ui/toast";
import type { DiffLine } from "@/lib/docs/diff";
import type { ActionResult } from "@/lib/server/action";
import { DiffView } from "./diff-view";

export interface DiffConfirmDialogProps<T> {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  body: string;
  lines: readonly DiffLine[];
  confirmLabel: string;
  /** The write, run on confirm; a refusal stays in the dialog. */
  run: () => Promise<ActionResult<T>>;
  onDone?: (result: ActionResult<T>) => void;
}

/** Shows what a write will change and runs it only when the person confirms (a save, a restore). */
export function DiffConfirmDialog<T>({ open, onOpenChange, title, body, lines, confirmLabel, run, onDone }: DiffConfirmDialogProps<T>) {
  const t = useTranslations("common");
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const confirm = () =>
    start(async () => {
      const result = await run();
      if (!result) return;
      if (result.ok) {
        toastResult(result);
        onOpenChange(false);
      } else setError(result.error.message);
      onDone?.(result);
    });
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (pending) return;
        setError(null);
        onOpenChange(next);
      }}
    >
      <DialogContent className="max-w-3xl" data-testid="diff-confirm-dialog">
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{body}</DialogDescription>
        </DialogHeader>
        <DiffView lines={lines} />
        {error ? (
          <p role="alert" className="text-sm text-red-600">
            {error}
          </p>
        ) : null}
        <DialogFooter>
          <button type="button" className={buttonClass("secondary")} disabled={pending} onClick={() => onOpenChange(false)}>
            {t("cancel")}
          </button>
          <button type="button" className={buttonClass("primary")} disabled={pending} aria-busy={pending} onClick={confirm}>
            {pending ? <Loader2 className="h-4 w-4 animate-spin" aria-hidden /> : null}
            {pending ? t("working") : confirmLabel}
          </button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
