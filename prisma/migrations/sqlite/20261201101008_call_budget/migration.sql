-- AlterTable
ALTER TABLE "AuditEntry" ADD COLUMN "calls" INTEGER;

-- CreateTable
CREATE TABLE "DingTalkCallCount" (
    "day" TEXT NOT NULL,
    "appKey" TEXT NOT NULL,
    "api" TEXT NOT NULL,
    "area" TEXT NOT NULL,
    "metered" BOOLEAN NOT NULL,
    "calls" INTEGER NOT NULL,

    PRIMARY KEY ("day", "appKey", "api", "area")
);

-- CreateTable
CREATE TABLE "DingTalkQuotaBlock" (
    "month" TEXT NOT NULL PRIMARY KEY,
    "blockedAt" DATETIME NOT NULL,
    "until" DATETIME NOT NULL,
    "api" TEXT NOT NULL,
    "message" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "BackgroundJobDecision" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL,
    "job" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "estimatedCalls" INTEGER NOT NULL,
    "remainingCalls" INTEGER,
    "reason" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "DingTalkCallCount_day_metered_idx" ON "DingTalkCallCount"("day", "metered");

-- CreateIndex
CREATE INDEX "BackgroundJobDecision_at_idx" ON "BackgroundJobDecision"("at");

-- CreateIndex
CREATE INDEX "BackgroundJobDecision_job_at_idx" ON "BackgroundJobDecision"("job", "at");

