-- CreateTable
CREATE TABLE "AttendanceSubscription" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "deptIds" TEXT NOT NULL,
    "userIds" TEXT NOT NULL,
    "groupId" TEXT,
    "period" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "removedAt" TIMESTAMP(3),

    CONSTRAINT "AttendanceSubscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AttendanceDelivery" (
    "id" TEXT NOT NULL,
    "subscriptionId" TEXT NOT NULL,
    "fromDay" TEXT NOT NULL,
    "toDay" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "nextAttemptAt" TIMESTAMP(3),
    "lastError" TEXT,
    "taskId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "AttendanceDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AttendanceSubscription_removedAt_idx" ON "AttendanceSubscription"("removedAt");

-- CreateIndex
CREATE INDEX "AttendanceDelivery_status_nextAttemptAt_idx" ON "AttendanceDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "AttendanceDelivery_subscriptionId_fromDay_key" ON "AttendanceDelivery"("subscriptionId", "fromDay");

