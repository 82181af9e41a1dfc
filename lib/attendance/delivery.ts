import { randomUUID } from "node:crypto";
import { z } from "zod";
import { audited, SYSTEM_ACTOR } from "@/lib/audit";
import { planBackgroundJob } from "@/lib/budget/plan";
import type { BudgetConfig } from "@/lib/budget/config";
import type { Db } from "@/lib/db/client";
import { isDingTalkError, type DingTalkClient } from "@/lib/dingtalk";
import { withCallArea } from "@/lib/dingtalk/meter";
import { translatorFor } from "@/lib/i18n/translator";
import { addDaysTo, dayStart, monthDays, shanghaiDay } from "@/lib/time";
import { ensureFetched, estimateBuild, leaveTypes, scopePeople, summarize } from "./report";
import type { AttendanceDeps } from "./fetch";

// Scheduled delivery: an HR person subscribes a scope; when a month (or a week) has ended, its
// report is built (fetching what is not cached, within the background budget) and sent to them
// as a work notification with links to the report and its XLSX file. Every attempt is audited;
// a failed one is tried again later, up to MAX_ATTEMPTS, and stays listed with its error.

export const DELIVERY_CALL_AREA = "attendance.delivery";
export const MAX_ATTEMPTS = 5;
/** The wait after the first failure; doubled after each further one. */
export const RETRY_AFTER_MS = 10 * 60_000;
export const PERIODS = ["monthly", "weekly"] as const;
export type Period = (typeof PERIODS)[number];

export interface SubscriptionScope {
  deptIds: number[];
  userIds: string[];
  groupId?: string;
}

export interface DeliveryDeps {
  db: Db;
  client: Pick<DingTalkClient, "attendance" | "notify">;
  /** The console's address, for the links in the notification. */
  baseUrl: string;
  now?: () => Date;
}

const nowOf = (deps: { now?: () => Date }) => (deps.now ? deps.now() : new Date());
const ids = z.array(z.union([z.number(), z.string()]));

export function subscriptionScope(s: { deptIds: string; userIds: string; groupId: string | null }): SubscriptionScope {
  return {
    deptIds: ids.parse(JSON.parse(s.deptIds)).map(Number),
    userIds: ids.parse(JSON.parse(s.userIds)).map(String),
    ...(s.groupId ? { groupId: s.groupId } : {}),
  };
}

export async function subscribe(db: Db, userId: string, scope: SubscriptionScope, period: Period, at = new Date()): Promise<string> {
  const id = randomUUID();
  await db.attendanceSubscription.create({
    data: { id, userId, deptIds: JSON.stringify(scope.deptIds), userIds: JSON.stringify(scope.userIds), groupId: scope.groupId ?? null, period, createdAt: at },
  });
  return id;
}

/** The period that ended last before `now`: the month before (monthly) or Monday to Sunday of the week before (weekly). */
export function lastPeriod(period: Period, now: Date): { from: string; to: string } {
  if (period === "monthly") return monthDays(dayStart(monthDays(now).from).getTime() - 1);
  const today = shanghaiDay(now);
  const monday = addDaysTo(today, -((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7));
  return { from: addDaysTo(monday, -7), to: addDaysTo(monday, -1) };
}

/**
 * Creates the delivery of each subscription's last ended period, once: a subscription made
 * after that period ended waits for the next one.
 */
export async function scheduleDeliveries(db: Db, now: Date): Promise<number> {
  const subs = await db.attendanceSubscription.findMany({ where: { removedAt: null } });
  let created = 0;
  for (const s of subs) {
    const { from, to } = lastPeriod(s.period as Period, now);
    if (s.createdAt >= dayStart(addDaysTo(to, 1))) continue;
    const exists = await db.attendanceDelivery.findUnique({ where: { subscriptionId_fromDay: { subscriptionId: s.id, fromDay: from } }, select: { id: true } });
    if (exists) continue;
    await db.attendanceDelivery.create({
      data: { id: randomUUID(), subscriptionId: s.id, fromDay: from, toDay: to, status: "pending", attempts: 0, nextAttemptAt: now, createdAt: now },
    });
    created++;
  }
  return created;
}

/** The report's address and its file's, for a scope and range. */
export function reportLinks(baseUrl: string, scope: SubscriptionScope, from: string, to: string): { report: string; file: string } {
  const q = new URLSearchParams();
  if (scope.deptIds.length > 0) q.set("depts", scope.deptIds.join(","));
  if (scope.userIds.length > 0) q.set("users", scope.userIds.join(","));
  if (scope.groupId) q.set("group", scope.groupId);
  q.set("from", from);
  q.set("to", to);
  const base = baseUrl.replace(/\/+$/, "");
  return { report: `${base}/attendance?${q}`, file: `${base}/attendance/export/xlsx?${q}` };
}

/**
 * One attempt at a delivery: the report built (fetching what it lacks), the notification sent.
 * On failure the delivery is marked failed with its error and a time to try again (none after
 * the last attempt). Audited either way, as the system.
 */
export async function attemptDelivery(deps: DeliveryDeps, deliveryId: string, trigger: "schedule" | "retry" = "schedule", actor: { userId: string; name: string } = SYSTEM_ACTOR): Promise<"sent" | "failed"> {
  const { db } = deps;
  const delivery = await db.attendanceDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
  const sub = await db.attendanceSubscription.findUniqueOrThrow({ where: { id: delivery.subscriptionId } });
  const scope = subscriptionScope(sub);
  const attempt = delivery.attempts + 1;
  const fetchDeps: AttendanceDeps = { db, client: deps.client, now: deps.now };
  try {
    await audited(db, { actor }, "attendance.delivery", { type: "attendanceDelivery", id: deliveryId }, { subscriptionId: sub.id, to: sub.userId, from: delivery.fromDay, until: delivery.toDay, attempt, trigger }, async () => {
      const userIds = await scopePeople(db, scope);
      const fetched = await ensureFetched(fetchDeps, userIds, delivery.fromDay, delivery.toDay, { startedBy: `subscription:${sub.id}`, callArea: DELIVERY_CALL_AREA });
      if (fetched && fetched.status !== "done") throw new Error(`the attendance fetch stopped (${fetched.status}${fetched.error ? `: ${fetched.error}` : ""})`);
      const types = await leaveTypes(fetchDeps, false, DELIVERY_CALL_AREA);
      const report = await summarize(db, userIds, delivery.fromDay, delivery.toDay, types, scope.groupId);
      const t = translatorFor("zh-CN");
      const links = reportLinks(deps.baseUrl, scope, delivery.fromDay, delivery.toDay);
      const title = t("attendance.delivery.title", { from: delivery.fromDay, to: delivery.toDay });
      const { taskId } = await withCallArea(DELIVERY_CALL_AREA, () =>
        deps.client.notify.send(
          { userIds: [sub.userId] },
          {
            msgtype: "action_card",
            action_card: {
              title,
              markdown: `### ${title}\n\n${t("attendance.delivery.body", {
                people: report.people.length,
                late: report.total.lateCount + report.total.seriousLateCount,
                absent: report.total.absentDays,
                missed: report.total.missedOnDuty + report.total.missedOffDuty,
              })}`,
              btn_orientation: "1",
              btn_json_list: [
                { title: t("attendance.delivery.open"), action_url: links.report },
                { title: t("attendance.delivery.file"), action_url: links.file },
              ],
            },
          },
        ),
      );
      await db.attendanceDelivery.update({ where: { id: deliveryId }, data: { status: "sent", attempts: attempt, taskId: String(taskId), sentAt: nowOf(deps), lastError: null, nextAttemptAt: null } });
    });
    return "sent";
  } catch (error) {
    const retryAt = attempt < MAX_ATTEMPTS ? new Date(nowOf(deps).getTime() + RETRY_AFTER_MS * 2 ** (attempt - 1)) : null;
    await db.attendanceDelivery.update({
      where: { id: deliveryId },
      data: { status: "failed", attempts: attempt, lastError: errorText(error).slice(0, 1000), nextAttemptAt: retryAt },
    });
    return "failed";
  }
}

/** An error as the deliveries list shows it: DingTalk's code first, for looking it up. */
const errorText = (error: unknown): string =>
  isDingTalkError(error) ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error);

/** Deliveries to attempt now: pending or failed, with their time come. */
export function dueDeliveries(db: Db, now: Date) {
  return db.attendanceDelivery.findMany({ where: { status: { in: ["pending", "failed"] }, nextAttemptAt: { lte: now } }, orderBy: { createdAt: "asc" } });
}

/**
 * The schedule's part: new periods' deliveries created, due ones attempted, each after the
 * budget agreed to its estimated calls (the fetch it needs and the notification).
 */
export async function runDueDeliveries(deps: DeliveryDeps, budget: BudgetConfig, log: (m: string) => void): Promise<{ sent: number; failed: number; skipped: number }> {
  const now = nowOf(deps);
  await scheduleDeliveries(deps.db, now);
  const out = { sent: 0, failed: 0, skipped: 0 };
  for (const d of await dueDeliveries(deps.db, now)) {
    const sub = await deps.db.attendanceSubscription.findUniqueOrThrow({ where: { id: d.subscriptionId } });
    const userIds = await scopePeople(deps.db, subscriptionScope(sub));
    const { estimate } = await estimateBuild({ db: deps.db, client: deps.client, now: deps.now }, userIds, d.fromDay, d.toDay, { quota: null, used: 0 });
    const plan = await planBackgroundJob(deps.db, budget, { job: DELIVERY_CALL_AREA, estimatedCalls: estimate.calls + 1, now }, log);
    if (plan.decision === "skip") {
      // Asked again in an hour: the budget may have room by then (or next month).
      await deps.db.attendanceDelivery.update({ where: { id: d.id }, data: { nextAttemptAt: new Date(now.getTime() + 3_600_000), lastError: plan.reason } });
      out.skipped++;
      continue;
    }
    out[await attemptDelivery(deps, d.id)]++;
  }
  return out;
}

/** Subscriptions with their latest deliveries, for the page. */
export async function listSubscriptions(db: Db, userId?: string) {
  const subs = await db.attendanceSubscription.findMany({ where: { removedAt: null, ...(userId ? { userId } : {}) }, orderBy: { createdAt: "desc" } });
  const deliveries = await db.attendanceDelivery.findMany({ where: { subscriptionId: { in: subs.map((s) => s.id) } }, orderBy: { fromDay: "desc" } });
  return subs.map((s) => ({ ...s, scope: subscriptionScope(s), deliveries: deliveries.filter((d) => d.subscriptionId === s.id) }));
}
