-- CreateTable
CREATE TABLE "ApprovalTemplate" (
    "processCode" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "iconUrl" TEXT NOT NULL,
    "slaHours" INTEGER,
    "syncedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ApprovalTemplate_pkey" PRIMARY KEY ("processCode")
);

-- CreateTable
CREATE TABLE "ApprovalInstance" (
    "processInstanceId" TEXT NOT NULL,
    "processCode" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "businessId" TEXT NOT NULL,
    "originatorUserId" TEXT NOT NULL,
    "originatorDeptId" TEXT NOT NULL,
    "originatorDeptName" TEXT NOT NULL,
    "createTime" TIMESTAMP(3) NOT NULL,
    "finishTime" TIMESTAMP(3),
    "formValues" TEXT NOT NULL,
    "searchText" TEXT NOT NULL,
    "ccUserIds" TEXT NOT NULL,
    "syncedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ApprovalInstance_pkey" PRIMARY KEY ("processInstanceId")
);

-- CreateTable
CREATE TABLE "ApprovalTask" (
    "taskId" TEXT NOT NULL,
    "processInstanceId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "activityId" TEXT NOT NULL,
    "createTime" TIMESTAMP(3),
    "finishTime" TIMESTAMP(3),

    CONSTRAINT "ApprovalTask_pkey" PRIMARY KEY ("taskId")
);

-- CreateTable
CREATE TABLE "ApprovalOperation" (
    "processInstanceId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "userId" TEXT NOT NULL,
    "date" TIMESTAMP(3),
    "type" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "remark" TEXT,
    "showName" TEXT,
    "activityId" TEXT,

    CONSTRAINT "ApprovalOperation_pkey" PRIMARY KEY ("processInstanceId","seq")
);

-- CreateTable
CREATE TABLE "ApprovalBackfillRun" (
    "id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "startedBy" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),
    "heartbeatAt" TIMESTAMP(3) NOT NULL,
    "owner" TEXT NOT NULL,
    "rangeStart" TIMESTAMP(3) NOT NULL,
    "rangeEnd" TIMESTAMP(3) NOT NULL,
    "estimatedCalls" INTEGER NOT NULL,
    "windowsTotal" INTEGER NOT NULL,
    "windowsDone" INTEGER NOT NULL,
    "idsFound" INTEGER NOT NULL,
    "instancesFetched" INTEGER NOT NULL,
    "apiCalls" INTEGER NOT NULL,
    "error" TEXT,

    CONSTRAINT "ApprovalBackfillRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApprovalBackfillWindow" (
    "runId" TEXT NOT NULL,
    "processCode" TEXT NOT NULL,
    "startMs" BIGINT NOT NULL,
    "endMs" BIGINT NOT NULL,
    "nextToken" INTEGER NOT NULL,
    "listed" BOOLEAN NOT NULL,

    CONSTRAINT "ApprovalBackfillWindow_pkey" PRIMARY KEY ("runId","processCode","startMs")
);

-- CreateTable
CREATE TABLE "ApprovalBackfillItem" (
    "runId" TEXT NOT NULL,
    "processInstanceId" TEXT NOT NULL,
    "fetched" BOOLEAN NOT NULL,

    CONSTRAINT "ApprovalBackfillItem_pkey" PRIMARY KEY ("runId","processInstanceId")
);

-- CreateIndex
CREATE INDEX "ApprovalInstance_processCode_createTime_idx" ON "ApprovalInstance"("processCode", "createTime");

-- CreateIndex
CREATE INDEX "ApprovalInstance_status_createTime_idx" ON "ApprovalInstance"("status", "createTime");

-- CreateIndex
CREATE INDEX "ApprovalInstance_originatorUserId_createTime_idx" ON "ApprovalInstance"("originatorUserId", "createTime");

-- CreateIndex
CREATE INDEX "ApprovalInstance_originatorDeptId_createTime_idx" ON "ApprovalInstance"("originatorDeptId", "createTime");

-- CreateIndex
CREATE INDEX "ApprovalInstance_createTime_idx" ON "ApprovalInstance"("createTime");

-- CreateIndex
CREATE INDEX "ApprovalInstance_finishTime_idx" ON "ApprovalInstance"("finishTime");

-- CreateIndex
CREATE INDEX "ApprovalTask_processInstanceId_idx" ON "ApprovalTask"("processInstanceId");

-- CreateIndex
CREATE INDEX "ApprovalTask_userId_status_idx" ON "ApprovalTask"("userId", "status");

-- CreateIndex
CREATE INDEX "ApprovalTask_status_createTime_idx" ON "ApprovalTask"("status", "createTime");

-- CreateIndex
CREATE INDEX "ApprovalOperation_userId_date_idx" ON "ApprovalOperation"("userId", "date");

-- CreateIndex
CREATE INDEX "ApprovalBackfillRun_status_startedAt_idx" ON "ApprovalBackfillRun"("status", "startedAt");

-- CreateIndex
CREATE INDEX "ApprovalBackfillWindow_runId_listed_idx" ON "ApprovalBackfillWindow"("runId", "listed");

-- CreateIndex
CREATE INDEX "ApprovalBackfillItem_runId_fetched_idx" ON "ApprovalBackfillItem"("runId", "fetched");

