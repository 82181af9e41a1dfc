-- DropIndex
DROP INDEX "ApprovalTask_status_userId_idx";

-- CreateIndex
CREATE INDEX "ApprovalTask_status_userId_createTime_idx" ON "ApprovalTask"("status", "userId", "createTime");

