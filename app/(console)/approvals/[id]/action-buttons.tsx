"use client";

import { Loader2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition, type ReactNode } from "react";
import { CONTROL_CLASS, Field } from "@/components/forms/field";
import { PersonPicker } from "@/components/pickers/person-picker";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { toastResult } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/server/action";
import { agreeAction, commentAction, refuseAction, remindAction, terminateAction, transferAction } from "./actions";

// The buttons of one approval and their dialogs. Each dialog is a form: its fields go to the
// action with the instance's id; a refusal stays in the dialog (on its field when it names one),
// a success closes it, says so in a toast and refreshes the page from the index.

type FormAction = (previous: unknown, form: FormData) => Promise<ActionResult<unknown>>;

export interface ActionButtonsProps {
  processInstanceId: string;
  canComment: boolean;
  /** The person has a pending task here: agree, refuse, transfer. */
  canDecide: boolean;
  canTerminate: boolean;
  canRemind: boolean;
  remindedToday: boolean;
}

function ActDialog({
  trigger, title, description, submitLabel, destructive = false, action, processInstanceId, testId, children,
}: {
  trigger: ReactNode;
  title: string;
  description?: string;
  submitLabel: string;
  destructive?: boolean;
  action: FormAction;
  processInstanceId: string;
  testId: string;
  children: (errors: Record<string, string[]>) => ReactNode;
}) {
  const common = useTranslations("common");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [pending, start] = useTransition();
  const errors = result && !result.ok ? (result.error.fieldErrors ?? {}) : {};

  const submit = (form: FormData) => {
    form.set("processInstanceId", processInstanceId);
    start(async () => {
      const r = await action(null, form);
      setResult(r);
      if (r.ok) {
        toastResult(r);
        setOpen(false);
        router.refresh();
      }
    });
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (pending) return;
        setOpen(next);
        setResult(null);
      }}
    >
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent data-testid={testId} role={destructive ? "alertdialog" : "dialog"}>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          {description ? <DialogDescription>{description}</DialogDescription> : <DialogDescription className="sr-only">{title}</DialogDescription>}
        </DialogHeader>
        <form action={submit} className="flex flex-col gap-3" noValidate>
          {children(errors)}
          {result && !result.ok && !result.error.fieldErrors ? (
            <p role="alert" className="text-sm text-red-600">
              {result.error.message}
            </p>
          ) : null}
          <DialogFooter>
            <Button type="button" variant="secondary" disabled={pending} onClick={() => setOpen(false)}>
              {common("cancel")}
            </Button>
            <Button type="submit" variant={destructive ? "destructive" : "primary"} disabled={pending} aria-busy={pending}>
              {pending ? <Loader2 className="h-4 w-4 animate-spin" aria-hidden /> : null}
              {pending ? common("working") : submitLabel}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

function TextArea({ name, label, errors, required = false }: { name: string; label: string; errors?: string[]; required?: boolean }) {
  return (
    <Field label={label} errors={errors}>
      {(control) => <textarea name={name} rows={3} required={required} maxLength={1000} className={CONTROL_CLASS} {...control} />}
    </Field>
  );
}

export function ActionButtons(p: ActionButtonsProps) {
  const t = useTranslations("approvals");
  const router = useRouter();
  const [reminding, startRemind] = useTransition();
  const id = p.processInstanceId;
  const remind = () =>
    startRemind(async () => {
      const form = new FormData();
      form.set("processInstanceId", id);
      if (toastResult(await remindAction(null, form))?.ok) router.refresh();
    });

  return (
    <div className="flex flex-wrap gap-2" data-testid="instance-actions">
      {p.canDecide ? (
        <>
          <ActDialog
            trigger={<Button type="button">{t("act.agree")}</Button>}
            title={t("act.agreeTitle")}
            submitLabel={t("act.agree")}
            action={agreeAction}
            processInstanceId={id}
            testId="agree-dialog"
          >
            {(errors) => <TextArea name="remark" label={t("act.remark")} errors={errors.remark} />}
          </ActDialog>
          <ActDialog
            trigger={<Button type="button" variant="danger">{t("act.refuse")}</Button>}
            title={t("act.refuseConfirm")}
            description={t("act.refuseConsequence")}
            submitLabel={t("act.refuse")}
            destructive
            action={refuseAction}
            processInstanceId={id}
            testId="refuse-dialog"
          >
            {(errors) => <TextArea name="remark" label={t("act.remark")} errors={errors.remark} />}
          </ActDialog>
          <ActDialog
            trigger={<Button type="button" variant="secondary">{t("act.transfer")}</Button>}
            title={t("act.transferTitle")}
            submitLabel={t("act.transfer")}
            action={transferAction}
            processInstanceId={id}
            testId="transfer-dialog"
          >
            {(errors) => (
              <>
                <Field label={t("act.transferTo")} errors={errors.toUserId} errorTestId="transfer-to-error">
                  {(control) => <PersonPicker name="toUserId" {...control} />}
                </Field>
                <TextArea name="remark" label={t("act.remark")} errors={errors.remark} />
              </>
            )}
          </ActDialog>
        </>
      ) : null}
      {p.canComment ? (
        <ActDialog
          trigger={<Button type="button" variant="secondary">{t("act.comment")}</Button>}
          title={t("act.comment")}
          submitLabel={t("act.commentSubmit")}
          action={commentAction}
          processInstanceId={id}
          testId="comment-dialog"
        >
          {(errors) => <TextArea name="text" label={t("act.commentText")} errors={errors.text} required />}
        </ActDialog>
      ) : null}
      {p.canRemind ? (
        <Button type="button" variant="secondary" onClick={remind} disabled={reminding || p.remindedToday} aria-busy={reminding} title={p.remindedToday ? t("remind.remindedToday") : undefined}>
          {reminding ? <Loader2 className="h-4 w-4 animate-spin" aria-hidden /> : null}
          {p.remindedToday ? t("remind.remindedToday") : t("remind.button")}
        </Button>
      ) : null}
      {p.canTerminate ? (
        <ActDialog
          trigger={<Button type="button" variant="danger">{t("act.terminate")}</Button>}
          title={t("act.terminateConfirm")}
          description={t("act.terminateConsequence")}
          submitLabel={t("act.terminate")}
          destructive
          action={terminateAction}
          processInstanceId={id}
          testId="terminate-dialog"
        >
          {(errors) => <TextArea name="remark" label={t("act.reason")} errors={errors.remark} />}
        </ActDialog>
      ) : null}
    </div>
  );
}
