-- CreateTable
CREATE TABLE "DirectoryUser" (
    "userId" TEXT NOT NULL PRIMARY KEY,
    "unionId" TEXT,
    "name" TEXT NOT NULL,
    "pinyin" TEXT NOT NULL,
    "initials" TEXT NOT NULL,
    "mobile" TEXT,
    "email" TEXT,
    "title" TEXT,
    "jobNumber" TEXT,
    "avatar" TEXT,
    "managerUserId" TEXT,
    "hiredAt" DATETIME,
    "active" BOOLEAN NOT NULL,
    "admin" BOOLEAN NOT NULL,
    "boss" BOOLEAN NOT NULL,
    "isManager" BOOLEAN NOT NULL,
    "extra" TEXT,
    "searchText" TEXT NOT NULL,
    "syncedAt" DATETIME NOT NULL,
    "leftAt" DATETIME
);

-- CreateTable
CREATE TABLE "DirectoryDepartment" (
    "deptId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "parentId" INTEGER,
    "name" TEXT NOT NULL,
    "pinyin" TEXT NOT NULL,
    "order" INTEGER,
    "path" TEXT NOT NULL,
    "depth" INTEGER NOT NULL,
    "managerUserIds" TEXT NOT NULL,
    "memberCount" INTEGER NOT NULL,
    "syncedAt" DATETIME NOT NULL,
    "removedAt" DATETIME
);

-- CreateTable
CREATE TABLE "DirectoryMembership" (
    "userId" TEXT NOT NULL,
    "deptId" INTEGER NOT NULL,
    "isLeader" BOOLEAN NOT NULL,

    PRIMARY KEY ("userId", "deptId")
);

-- CreateTable
CREATE TABLE "DirectorySyncRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "startedBy" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    "heartbeatAt" DATETIME NOT NULL,
    "owner" TEXT NOT NULL,
    "departmentsTotal" INTEGER NOT NULL,
    "departmentsDone" INTEGER NOT NULL,
    "peopleSeen" INTEGER NOT NULL,
    "apiCalls" INTEGER NOT NULL,
    "error" TEXT
);

-- CreateTable
CREATE TABLE "DirectorySyncTask" (
    "runId" TEXT NOT NULL,
    "deptId" INTEGER NOT NULL,
    "done" BOOLEAN NOT NULL,
    "cursor" INTEGER NOT NULL,

    PRIMARY KEY ("runId", "deptId")
);

-- CreateTable
CREATE TABLE "HeadcountSnapshot" (
    "day" TEXT NOT NULL,
    "deptId" INTEGER NOT NULL,
    "headcount" INTEGER NOT NULL,
    "active" INTEGER NOT NULL,

    PRIMARY KEY ("day", "deptId")
);

-- CreateTable
CREATE TABLE "JobLease" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "owner" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "BotSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "userId" TEXT,
    "userName" TEXT,
    "conversationId" TEXT NOT NULL,
    "conversationTitle" TEXT,
    "summary" TEXT,
    "messageCount" INTEGER NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "lastActivityAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "BotTurn" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "sessionId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "msgId" TEXT,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "BotInboxMessage" (
    "msgId" TEXT NOT NULL PRIMARY KEY,
    "receivedAt" DATETIME NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "claimedBy" TEXT,
    "claimedAt" DATETIME,
    "answeredAt" DATETIME,
    "attempts" INTEGER NOT NULL,
    "lastError" TEXT
);

-- CreateTable
CREATE TABLE "BotGroupPolicy" (
    "conversationId" TEXT NOT NULL PRIMARY KEY,
    "mode" TEXT NOT NULL,
    "mentionOnly" BOOLEAN NOT NULL,
    "updatedBy" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "BridgeInstance" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "startedAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,
    "connected" BOOLEAN NOT NULL,
    "connections" INTEGER NOT NULL,
    "lastFrameAt" DATETIME,
    "perMinute" INTEGER NOT NULL,
    "lagMs" INTEGER NOT NULL
);

-- CreateIndex
CREATE INDEX "DirectoryUser_name_idx" ON "DirectoryUser"("name");

-- CreateIndex
CREATE INDEX "DirectoryUser_pinyin_idx" ON "DirectoryUser"("pinyin");

-- CreateIndex
CREATE INDEX "DirectoryUser_initials_idx" ON "DirectoryUser"("initials");

-- CreateIndex
CREATE INDEX "DirectoryUser_mobile_idx" ON "DirectoryUser"("mobile");

-- CreateIndex
CREATE INDEX "DirectoryUser_jobNumber_idx" ON "DirectoryUser"("jobNumber");

-- CreateIndex
CREATE INDEX "DirectoryUser_managerUserId_idx" ON "DirectoryUser"("managerUserId");

-- CreateIndex
CREATE INDEX "DirectoryUser_active_idx" ON "DirectoryUser"("active");

-- CreateIndex
CREATE INDEX "DirectoryUser_leftAt_idx" ON "DirectoryUser"("leftAt");

-- CreateIndex
CREATE INDEX "DirectoryDepartment_parentId_idx" ON "DirectoryDepartment"("parentId");

-- CreateIndex
CREATE INDEX "DirectoryDepartment_path_idx" ON "DirectoryDepartment"("path");

-- CreateIndex
CREATE INDEX "DirectoryDepartment_name_idx" ON "DirectoryDepartment"("name");

-- CreateIndex
CREATE INDEX "DirectoryMembership_deptId_idx" ON "DirectoryMembership"("deptId");

-- CreateIndex
CREATE INDEX "DirectorySyncRun_status_startedAt_idx" ON "DirectorySyncRun"("status", "startedAt");

-- CreateIndex
CREATE INDEX "DirectorySyncTask_runId_done_idx" ON "DirectorySyncTask"("runId", "done");

-- CreateIndex
CREATE INDEX "BotSession_lastActivityAt_idx" ON "BotSession"("lastActivityAt");

-- CreateIndex
CREATE INDEX "BotSession_userId_idx" ON "BotSession"("userId");

-- CreateIndex
CREATE INDEX "BotSession_conversationId_idx" ON "BotSession"("conversationId");

-- CreateIndex
CREATE INDEX "BotTurn_sessionId_id_idx" ON "BotTurn"("sessionId", "id");

-- CreateIndex
CREATE INDEX "BotInboxMessage_status_receivedAt_idx" ON "BotInboxMessage"("status", "receivedAt");

