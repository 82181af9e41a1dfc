import { audited, SYSTEM_ACTOR } from "@/lib/audit";
import { budgetConfig, type BudgetConfig } from "@/lib/budget/config";
import { planBackgroundJob } from "@/lib/budget/plan";
import type { Db } from "@/lib/db/client";
import type { DingTalkClient } from "@/lib/dingtalk";
import { withCallArea } from "@/lib/dingtalk/meter";
import { JobLease } from "@/lib/directory/sync/lease";
import { translatorFor } from "@/lib/i18n/translator";
import { ActionFailure } from "@/lib/server/action-errors";
import { shanghaiDay } from "@/lib/time";
import { errorText, jobOwner } from "./deps";

// 催办: the current approvers of a running approval get a work notification naming it and how
// long it has waited. By hand from the detail page, and daily for every instance past its
// template's time limit (slaHours). One reminder per instance and day (Asia/Shanghai), however
// it is asked for, kept by the database (ApprovalReminder's key), so two console instances or a
// person and the schedule never both send; this also keeps well inside DingTalk's limits on work
// notifications (the same content reaches a person once a day; a few hundred messages a day each).

export interface RemindDeps {
  db: Db;
  client: Pick<DingTalkClient, "notify">;
  now?: () => Date;
  /** Where the console is, for the link in the message; DingTalk's own page when absent. */
  consoleUrl?: string;
  corpId?: string;
}

const HOUR_MS = 3_600_000;
const nowOf = (deps: { now?: () => Date }) => deps.now?.() ?? new Date();

/** Prisma's unique-constraint violation. */
const isUniqueViolation = (error: unknown) => (error as { code?: unknown } | null)?.code === "P2002";

export interface OverdueInstance {
  processInstanceId: string;
  processCode: string;
  title: string;
  createTime: Date;
  slaHours: number;
}

/** Running instances older than their template's time limit, oldest first (ties by id, not by how the database happens to read them). */
export async function overdueInstances(db: Db, now: Date): Promise<OverdueInstance[]> {
  const templates = await db.approvalTemplate.findMany({ where: { slaHours: { not: null } } });
  const out: OverdueInstance[] = [];
  for (const t of templates) {
    const cutoff = new Date(now.getTime() - t.slaHours! * HOUR_MS);
    const rows = await db.approvalInstance.findMany({
      where: { processCode: t.processCode, status: "RUNNING", createTime: { lt: cutoff } },
      select: { processInstanceId: true, processCode: true, title: true, createTime: true },
    });
    for (const r of rows) out.push({ ...r, slaHours: t.slaHours! });
  }
  return out.sort((a, b) => a.createTime.getTime() - b.createTime.getTime() || a.processInstanceId.localeCompare(b.processInstanceId));
}

export interface Reminder {
  processInstanceId: string;
  title: string;
  userIds: string[];
  taskId: number;
}

/** The message: the approval, how long it has waited, and where to act on it. */
function reminderMessage(deps: RemindDeps, instance: { processInstanceId: string; title: string; createTime: Date }, now: Date) {
  const t = translatorFor("zh-CN");
  const hours = Math.max(1, Math.floor((now.getTime() - instance.createTime.getTime()) / HOUR_MS));
  const url = deps.consoleUrl
    ? `${deps.consoleUrl.replace(/\/$/, "")}/approvals/${encodeURIComponent(instance.processInstanceId)}`
    : `https://aflow.dingtalk.com/dingtalk/mobile/homepage.htm?corpid=${deps.corpId ?? ""}&procInstId=${instance.processInstanceId}`;
  return {
    msgtype: "action_card" as const,
    action_card: {
      title: t("approvals.remind.message.title", { title: instance.title }),
      markdown: t("approvals.remind.message.body", { title: instance.title, hours }),
      single_title: t("approvals.remind.message.open"),
      single_url: url,
    },
  };
}

/**
 * Reminds the current approvers of one running instance, once per day: the day's mark is taken
 * first (a second ask that day is refused, APPROVAL_REMINDED_TODAY) and given back when DingTalk
 * does not take the message.
 */
export async function remindApprovers(deps: RemindDeps, processInstanceId: string, sentBy: string): Promise<Reminder> {
  const now = nowOf(deps);
  const instance = await deps.db.approvalInstance.findUnique({ where: { processInstanceId } });
  if (!instance) throw new ActionFailure("APPROVAL_NOT_FOUND");
  if (instance.status !== "RUNNING") throw new ActionFailure("APPROVAL_NOT_RUNNING");
  const tasks = await deps.db.approvalTask.findMany({ where: { processInstanceId, status: "RUNNING" } });
  const userIds = [...new Set(tasks.map((t) => t.userId))];
  if (userIds.length === 0) throw new ActionFailure("APPROVAL_NO_CURRENT_APPROVERS");
  const day = shanghaiDay(now);
  try {
    await deps.db.approvalReminder.create({ data: { processInstanceId, day, sentAt: now, sentBy, userIds: JSON.stringify(userIds) } });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ActionFailure("APPROVAL_REMINDED_TODAY");
    throw error;
  }
  let taskId: number;
  try {
    ({ taskId } = await deps.client.notify.send({ userIds }, reminderMessage(deps, instance, now)));
  } catch (error) {
    await deps.db.approvalReminder.deleteMany({ where: { processInstanceId, day } });
    throw error;
  }
  await deps.db.approvalReminder.update({ where: { processInstanceId_day: { processInstanceId, day } }, data: { notifyTaskId: String(taskId) } });
  return { processInstanceId, title: instance.title, userIds, taskId };
}

/** When the instance's approvers were last reminded, for the detail page. */
export function lastReminder(db: Db, processInstanceId: string) {
  return db.approvalReminder.findFirst({ where: { processInstanceId }, orderBy: { sentAt: "desc" } });
}

export interface DailyReminderOutcome {
  overdue: number;
  /** Already reminded today (by hand or by an earlier run). */
  alreadyReminded: number;
  reminded: string[];
  failed: { processInstanceId: string; error: string }[];
  /** Left for another day: the month's background share did not cover them. */
  deferred: number;
  decision: "run" | "shrink" | "skip" | "nothing";
}

export const APPROVALS_REMIND_LEASE = "approvals-remind";

/**
 * Reminds the approvers of every overdue instance not yet reminded today: one call each, planned
 * against the month's background share first (fewer when it is short), one console instance at a
 * time (a database lease). Each reminder is its own audit entry by the system.
 */
export async function runDailyReminders(
  deps: RemindDeps,
  options: { budget?: BudgetConfig; log?: (m: string) => void; instanceId?: string } = {},
): Promise<DailyReminderOutcome | null> {
  const now = nowOf(deps);
  const lease = new JobLease(deps.db, APPROVALS_REMIND_LEASE, jobOwner({ instanceId: options.instanceId }), { ttlMs: 10 * 60_000, now: () => nowOf(deps) });
  if (!(await lease.acquire())) return null;
  try {
    const day = shanghaiDay(now);
    const overdue = await overdueInstances(deps.db, now);
    const done = new Set(
      (await deps.db.approvalReminder.findMany({ where: { day }, select: { processInstanceId: true } })).map((r) => r.processInstanceId),
    );
    const due = overdue.filter((o) => !done.has(o.processInstanceId));
    const outcome: DailyReminderOutcome = { overdue: overdue.length, alreadyReminded: overdue.length - due.length, reminded: [], failed: [], deferred: 0, decision: "nothing" };
    if (due.length === 0) return outcome;
    const plan = await planBackgroundJob(deps.db, options.budget ?? budgetConfig(), { job: "approvals.remind", estimatedCalls: due.length, minimumCalls: 1, now }, options.log);
    outcome.decision = plan.decision;
    const allowed = due.slice(0, plan.allowedCalls);
    outcome.deferred = due.length - allowed.length;
    for (const o of allowed) {
      try {
        await withCallArea("approvals.remind", () =>
          audited(deps.db, { actor: SYSTEM_ACTOR }, "approvals.remind", { type: "approvalInstance", id: o.processInstanceId }, { daily: true, slaHours: o.slaHours }, () =>
            remindApprovers(deps, o.processInstanceId, SYSTEM_ACTOR.userId),
          ),
        );
        outcome.reminded.push(o.processInstanceId);
      } catch (error) {
        outcome.failed.push({ processInstanceId: o.processInstanceId, error: errorText(error) });
      }
    }
    return outcome;
  } finally {
    await lease.release();
  }
}

export interface ReminderSchedulerOptions {
  deps: () => RemindDeps;
  /** How often it looks; hourly by default. */
  tickMs?: number;
  /** Reminders go out from this hour of the day (Asia/Shanghai) on, not at night. */
  fromHour?: number;
  log?: (m: string) => void;
}

/**
 * Looks every hour; from `fromHour` on it reminds what is overdue and not yet reminded today, so an
 * instance that becomes overdue in the afternoon is reminded that day, and each at most once a day.
 */
export function startApprovalReminderScheduler(options: ReminderSchedulerOptions): { tick(): Promise<DailyReminderOutcome | null>; stop(): void } {
  const log = options.log ?? ((m: string) => console.warn(`[approvals] ${m}`));
  const fromHour = options.fromHour ?? 9;
  let busy = false;
  let lastProblem = "";
  const tick = async () => {
    if (busy) return null;
    busy = true;
    try {
      const deps = options.deps();
      const hour = Number(new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Shanghai", hour: "2-digit", hourCycle: "h23" }).format(nowOf(deps)));
      if (hour < fromHour) return null;
      const outcome = await runDailyReminders(deps, { log });
      if (outcome && outcome.failed.length > 0) log(`reminders: ${outcome.failed.length} of ${outcome.overdue} overdue approvals could not be reminded: ${outcome.failed[0].error}`);
      return outcome;
    } catch (error) {
      const problem = errorText(error);
      if (problem !== lastProblem) log(`daily reminders skipped: ${problem}`);
      lastProblem = problem;
      return null;
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), options.tickMs ?? HOUR_MS);
  timer.unref?.();
  return { tick, stop: () => clearInterval(timer) };
}
