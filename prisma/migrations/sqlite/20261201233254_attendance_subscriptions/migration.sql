-- CreateTable
CREATE TABLE "AttendanceSubscription" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "deptIds" TEXT NOT NULL,
    "userIds" TEXT NOT NULL,
    "groupId" TEXT,
    "period" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "removedAt" DATETIME
);

-- CreateTable
CREATE TABLE "AttendanceDelivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "subscriptionId" TEXT NOT NULL,
    "fromDay" TEXT NOT NULL,
    "toDay" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "nextAttemptAt" DATETIME,
    "lastError" TEXT,
    "taskId" TEXT,
    "createdAt" DATETIME NOT NULL,
    "sentAt" DATETIME
);

-- CreateIndex
CREATE INDEX "AttendanceSubscription_removedAt_idx" ON "AttendanceSubscription"("removedAt");

-- CreateIndex
CREATE INDEX "AttendanceDelivery_status_nextAttemptAt_idx" ON "AttendanceDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "AttendanceDelivery_subscriptionId_fromDay_key" ON "AttendanceDelivery"("subscriptionId", "fromDay");

