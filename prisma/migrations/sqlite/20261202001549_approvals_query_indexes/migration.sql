-- AlterTable
ALTER TABLE "ApprovalInstance" ADD COLUMN "cycleSeconds" INTEGER;

-- Instances already indexed: their cycle time from the times they hold.
UPDATE "ApprovalInstance" SET "cycleSeconds" = CAST(ROUND((julianday("finishTime") - julianday("createTime")) * 86400) AS INTEGER) WHERE "status" = 'COMPLETED' AND "finishTime" IS NOT NULL;

-- CreateIndex
CREATE INDEX "ApprovalInstance_status_result_idx" ON "ApprovalInstance"("status", "result");

-- CreateIndex
CREATE INDEX "ApprovalInstance_syncedAt_idx" ON "ApprovalInstance"("syncedAt");

-- CreateIndex
CREATE INDEX "ApprovalInstance_processCode_cycleSeconds_idx" ON "ApprovalInstance"("processCode", "cycleSeconds");

-- CreateIndex
CREATE INDEX "ApprovalTask_status_userId_idx" ON "ApprovalTask"("status", "userId");

