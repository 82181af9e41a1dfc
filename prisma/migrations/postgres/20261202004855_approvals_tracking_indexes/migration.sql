-- CreateIndex
CREATE INDEX "ApprovalInstance_status_processCode_createTime_idx" ON "ApprovalInstance"("status", "processCode", "createTime");

-- CreateIndex
CREATE INDEX "ApprovalTask_userId_result_createTime_finishTime_idx" ON "ApprovalTask"("userId", "result", "createTime", "finishTime");

