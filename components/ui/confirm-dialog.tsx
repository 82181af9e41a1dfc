"use client";

import { Loader2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { AlertDialog } from "radix-ui";
import { useState, useTransition, type ReactNode } from "react";
import type { ActionResult } from "@/lib/server/action";
import { buttonClass } from "./button";
import { dialogPanelClass, overlayClass } from "./dialog";
import { toastResult } from "./toast";

export type FormAction<T> = (previous: ActionResult<T> | null, form: FormData) => Promise<ActionResult<T>>;

export interface ConfirmDialogProps<T> {
  /** The button that opens the dialog. */
  trigger: ReactNode;
  title: string;
  /** What will be lost if the person goes ahead. */
  description: ReactNode;
  confirmLabel: string;
  /** The server action run on confirm, with `fields` as its form. */
  action: FormAction<T>;
  fields: Record<string, string>;
  onDone?: (result: ActionResult<T>) => void;
}

/**
 * Asks before a destructive action and runs it (an alertdialog: focus starts on Cancel, Escape
 * cancels). While the action runs both buttons are disabled and the confirm button says so; a
 * refusal stays in the dialog, a success closes it and shows the action's message as a toast.
 */
export function ConfirmDialog<T>({ trigger, title, description, confirmLabel, action, fields, onDone }: ConfirmDialogProps<T>) {
  const t = useTranslations("common");
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  const confirm = () => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    start(async () => {
      const result = await action(null, form);
      // An action that redirects on success answers nothing: the page is already on its way.
      if (!result) return;
      if (result.ok) {
        toastResult(result);
        setOpen(false);
      } else setError(result.error.message);
      onDone?.(result);
    });
  };

  return (
    <AlertDialog.Root
      open={open}
      onOpenChange={(next) => {
        if (pending) return;
        setOpen(next);
        setError(null);
      }}
    >
      <AlertDialog.Trigger asChild>{trigger}</AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className={overlayClass} />
        <AlertDialog.Content className={dialogPanelClass} data-testid="confirm-dialog">
          <div className="flex flex-col gap-1.5">
            <AlertDialog.Title className="text-base font-semibold text-slate-900">{title}</AlertDialog.Title>
            <AlertDialog.Description className="text-sm text-slate-600">{description}</AlertDialog.Description>
          </div>
          {error ? (
            <p role="alert" className="text-sm text-red-600">
              {error}
            </p>
          ) : null}
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <AlertDialog.Cancel className={buttonClass("secondary")} disabled={pending}>
              {t("cancel")}
            </AlertDialog.Cancel>
            {/* Not AlertDialog.Action: that would close the dialog before the action has answered. */}
            <button type="button" className={buttonClass("destructive")} disabled={pending} aria-busy={pending} onClick={confirm}>
              {pending ? <Loader2 className="h-4 w-4 animate-spin" aria-hidden /> : null}
              {pending ? t("working") : confirmLabel}
            </button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
