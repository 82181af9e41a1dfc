import { startApprovalReminderScheduler } from "@/lib/approvals/remind";
import { getDb } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { startAttendanceScheduler } from "@/lib/attendance/scheduler";
import { startDirectoryScheduler } from "@/lib/directory/sync/scheduler";
import { EnvError, env } from "@/lib/env";
import { getDingTalk } from "@/lib/server/dingtalk";

/**
 * Server start: refuse a bad configuration, naming each variable; bring the schema up to date;
 * keep the directory synced (a first full sync right away on a fresh database); resume attendance
 * fetches and make scheduled report deliveries.
 */
export async function startServer(): Promise<void> {
  try {
    await migrateDatabase(env().DATABASE_URL);
  } catch (error) {
    console.error(error instanceof EnvError ? error.message : error);
    process.exit(1);
  }
  const scheduler = startDirectoryScheduler();
  void scheduler.tick().catch((error: unknown) => console.warn("[directory] first sync could not start:", error instanceof Error ? error.message : error));
  // Overdue approvals: their approvers reminded once a day.
  startApprovalReminderScheduler({ deps: () => ({ db: getDb(), client: getDingTalk(), consoleUrl: env().NEXTAUTH_URL, corpId: env().DINGTALK_CORP_ID }) });
  // Fetches a restart interrupted resume at once; deliveries are made as periods end.
  void startAttendanceScheduler().tick();
}
