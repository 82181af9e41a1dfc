import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import type { Actor } from "@/lib/auth/current";
import { can } from "@/lib/authz/permissions";
import { lastReminder } from "@/lib/approvals/remind";
import { getDb } from "@/lib/db/client";
import { shanghaiDay } from "@/lib/time";
import { ActionButtons } from "./action-buttons";

/**
 * The actions the signed-in person may take on this approval, as the index has it: agree,
 * refuse and transfer with a pending task of their own; comment unless it was revoked; remind
 * the current approvers once a day; revoke their own running approval (admins any). The actions
 * check all of it again, and DingTalk has the last word.
 */
export async function InstanceActions({ actor, instance, tasks }: {
  actor: Actor;
  instance: { processInstanceId: string; status: string; originatorUserId: string };
  tasks: readonly { userId: string; status: string }[];
}) {
  if (!can(actor.roles, "approvals.act")) return null;
  const t = await getTranslations("approvals.act");
  const running = instance.status === "RUNNING";
  const pending = tasks.filter((x) => x.status === "RUNNING");
  const reminded = running ? await lastReminder(getDb(), instance.processInstanceId) : null;
  return (
    <Card title={t("heading")}>
      <ActionButtons
        processInstanceId={instance.processInstanceId}
        canComment={instance.status !== "TERMINATED" && instance.status !== "CANCELED"}
        canDecide={running && pending.some((x) => x.userId === actor.userId)}
        canTerminate={running && (instance.originatorUserId === actor.userId || can(actor.roles, "approvals.terminate.any"))}
        canRemind={running && pending.length > 0}
        remindedToday={reminded?.day === shanghaiDay(new Date())}
      />
    </Card>
  );
}
