"use client";

import { Button } from "@/components/ui/button";
import { ConfirmDialog, type FormAction } from "@/components/ui/confirm-dialog";

/**
 * A destructive action on one row (remove a role, end sessions, reset a bot conversation):
 * a button that asks in a confirm dialog, naming what will be lost, before it runs.
 */
export function RowActionButton<T>({
  action,
  fields,
  label,
  confirm,
  consequence,
}: {
  action: FormAction<T>;
  fields: Record<string, string>;
  label: string;
  /** The dialog's question. */
  confirm: string;
  /** What will be lost. */
  consequence?: string;
}) {
  return (
    <div className="flex items-center justify-end">
      <ConfirmDialog
        trigger={
          <Button type="button" variant="danger" size="sm">
            {label}
          </Button>
        }
        title={confirm}
        description={consequence ?? confirm}
        confirmLabel={label}
        action={action}
        fields={fields}
      />
    </div>
  );
}
