-- CreateTable
CREATE TABLE "AttendanceDay" (
    "userId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "groupId" TEXT,
    "planned" INTEGER NOT NULL,
    "onDutyResult" TEXT,
    "onDutySource" TEXT,
    "onDutyPlannedAt" TIMESTAMP(3),
    "onDutyAt" TIMESTAMP(3),
    "offDutyResult" TEXT,
    "offDutySource" TEXT,
    "offDutyPlannedAt" TIMESTAMP(3),
    "offDutyAt" TIMESTAMP(3),
    "outside" INTEGER NOT NULL,
    "leave" TEXT NOT NULL,
    "fetchedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AttendanceDay_pkey" PRIMARY KEY ("userId","day")
);

-- CreateTable
CREATE TABLE "AttendanceLeaveType" (
    "leaveCode" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "hoursPerDay" DOUBLE PRECISION NOT NULL,
    "fetchedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AttendanceLeaveType_pkey" PRIMARY KEY ("leaveCode")
);

-- CreateTable
CREATE TABLE "AttendanceStaleDay" (
    "userId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "markedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AttendanceStaleDay_pkey" PRIMARY KEY ("userId","day")
);

-- CreateTable
CREATE TABLE "AttendanceFetchJob" (
    "id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "startedBy" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),
    "heartbeatAt" TIMESTAMP(3) NOT NULL,
    "owner" TEXT NOT NULL,
    "fromDay" TEXT NOT NULL,
    "toDay" TEXT NOT NULL,
    "windowsTotal" INTEGER NOT NULL,
    "windowsDone" INTEGER NOT NULL,
    "estimate" INTEGER NOT NULL,
    "apiCalls" INTEGER NOT NULL,
    "error" TEXT,

    CONSTRAINT "AttendanceFetchJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AttendanceFetchWindow" (
    "jobId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "userIds" TEXT NOT NULL,
    "fromDay" TEXT NOT NULL,
    "toDay" TEXT NOT NULL,
    "done" BOOLEAN NOT NULL,

    CONSTRAINT "AttendanceFetchWindow_pkey" PRIMARY KEY ("jobId","seq")
);

-- CreateIndex
CREATE INDEX "AttendanceDay_day_idx" ON "AttendanceDay"("day");

-- CreateIndex
CREATE INDEX "AttendanceFetchJob_status_startedAt_idx" ON "AttendanceFetchJob"("status", "startedAt");

-- CreateIndex
CREATE INDEX "AttendanceFetchWindow_jobId_done_idx" ON "AttendanceFetchWindow"("jobId", "done");

