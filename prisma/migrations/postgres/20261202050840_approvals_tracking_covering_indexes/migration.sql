-- DropIndex
DROP INDEX "ApprovalInstance_processCode_createTime_idx";

-- DropIndex
DROP INDEX "ApprovalInstance_originatorDeptId_createTime_idx";

-- DropIndex
DROP INDEX "ApprovalInstance_createTime_idx";

-- DropIndex
DROP INDEX "ApprovalInstance_status_result_idx";

-- DropIndex
DROP INDEX "ApprovalInstance_status_processCode_createTime_idx";

-- DropIndex
DROP INDEX "ApprovalTask_processInstanceId_idx";

-- AlterTable
ALTER TABLE "ApprovalTask" ADD COLUMN     "actSeconds" INTEGER;

-- CreateIndex
CREATE INDEX "ApprovalInstance_template_tracking_idx" ON "ApprovalInstance"("processCode", "createTime", "status", "result", "finishTime", "cycleSeconds", "originatorDeptId", "processInstanceId");

-- CreateIndex
CREATE INDEX "ApprovalInstance_department_tracking_idx" ON "ApprovalInstance"("originatorDeptId", "createTime", "status", "result", "processCode", "finishTime", "cycleSeconds", "processInstanceId");

-- CreateIndex
CREATE INDEX "ApprovalInstance_time_tracking_idx" ON "ApprovalInstance"("createTime", "status", "result", "processCode", "finishTime", "cycleSeconds", "originatorDeptId", "processInstanceId");

-- CreateIndex
CREATE INDEX "ApprovalInstance_status_result_processCode_cycleSeconds_idx" ON "ApprovalInstance"("status", "result", "processCode", "cycleSeconds");

-- CreateIndex
CREATE INDEX "ApprovalInstance_status_tracking_idx" ON "ApprovalInstance"("status", "processCode", "createTime", "result", "finishTime", "cycleSeconds", "originatorDeptId", "processInstanceId");

-- CreateIndex
CREATE INDEX "ApprovalTask_instance_tracking_idx" ON "ApprovalTask"("processInstanceId", "status", "userId", "createTime", "actSeconds");

-- CreateIndex
CREATE INDEX "ApprovalTask_userId_actSeconds_idx" ON "ApprovalTask"("userId", "actSeconds");


-- Time to act of the tasks already indexed.
UPDATE "ApprovalTask" SET "actSeconds" = GREATEST(0, ROUND(EXTRACT(EPOCH FROM ("finishTime" - "createTime"))))::INTEGER
WHERE "result" IN ('AGREE', 'REFUSE') AND "createTime" IS NOT NULL AND "finishTime" IS NOT NULL;
