-- CreateTable
CREATE TABLE "AttendanceDay" (
    "userId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "groupId" TEXT,
    "planned" INTEGER NOT NULL,
    "onDutyResult" TEXT,
    "onDutySource" TEXT,
    "onDutyPlannedAt" DATETIME,
    "onDutyAt" DATETIME,
    "offDutyResult" TEXT,
    "offDutySource" TEXT,
    "offDutyPlannedAt" DATETIME,
    "offDutyAt" DATETIME,
    "outside" INTEGER NOT NULL,
    "leave" TEXT NOT NULL,
    "fetchedAt" DATETIME NOT NULL,

    PRIMARY KEY ("userId", "day")
);

-- CreateTable
CREATE TABLE "AttendanceLeaveType" (
    "leaveCode" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "hoursPerDay" REAL NOT NULL,
    "fetchedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AttendanceStaleDay" (
    "userId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "markedAt" DATETIME NOT NULL,

    PRIMARY KEY ("userId", "day")
);

-- CreateTable
CREATE TABLE "AttendanceFetchJob" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "status" TEXT NOT NULL,
    "startedBy" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    "heartbeatAt" DATETIME NOT NULL,
    "owner" TEXT NOT NULL,
    "fromDay" TEXT NOT NULL,
    "toDay" TEXT NOT NULL,
    "windowsTotal" INTEGER NOT NULL,
    "windowsDone" INTEGER NOT NULL,
    "estimate" INTEGER NOT NULL,
    "apiCalls" INTEGER NOT NULL,
    "error" TEXT
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

    PRIMARY KEY ("jobId", "seq")
);

-- CreateIndex
CREATE INDEX "AttendanceDay_day_idx" ON "AttendanceDay"("day");

-- CreateIndex
CREATE INDEX "AttendanceFetchJob_status_startedAt_idx" ON "AttendanceFetchJob"("status", "startedAt");

-- CreateIndex
CREATE INDEX "AttendanceFetchWindow_jobId_done_idx" ON "AttendanceFetchWindow"("jobId", "done");

