-- AlterTable
ALTER TABLE "AuditEntry" ADD COLUMN     "calls" INTEGER;

-- CreateTable
CREATE TABLE "DingTalkCallCount" (
    "day" TEXT NOT NULL,
    "appKey" TEXT NOT NULL,
    "api" TEXT NOT NULL,
    "area" TEXT NOT NULL,
    "metered" BOOLEAN NOT NULL,
    "calls" INTEGER NOT NULL,

    CONSTRAINT "DingTalkCallCount_pkey" PRIMARY KEY ("day","appKey","api","area")
);

-- CreateTable
CREATE TABLE "DingTalkQuotaBlock" (
    "month" TEXT NOT NULL,
    "blockedAt" TIMESTAMP(3) NOT NULL,
    "until" TIMESTAMP(3) NOT NULL,
    "api" TEXT NOT NULL,
    "message" TEXT NOT NULL,

    CONSTRAINT "DingTalkQuotaBlock_pkey" PRIMARY KEY ("month")
);

-- CreateTable
CREATE TABLE "BackgroundJobDecision" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "job" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "estimatedCalls" INTEGER NOT NULL,
    "remainingCalls" INTEGER,
    "reason" TEXT NOT NULL,

    CONSTRAINT "BackgroundJobDecision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DingTalkCallCount_day_metered_idx" ON "DingTalkCallCount"("day", "metered");

-- CreateIndex
CREATE INDEX "BackgroundJobDecision_at_idx" ON "BackgroundJobDecision"("at");

-- CreateIndex
CREATE INDEX "BackgroundJobDecision_job_at_idx" ON "BackgroundJobDecision"("job", "at");

