-- CreateTable
CREATE TABLE "DirectoryUser" (
    "userId" TEXT NOT NULL,
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
    "hiredAt" TIMESTAMP(3),
    "active" BOOLEAN NOT NULL,
    "admin" BOOLEAN NOT NULL,
    "boss" BOOLEAN NOT NULL,
    "isManager" BOOLEAN NOT NULL,
    "extra" TEXT,
    "searchText" TEXT NOT NULL,
    "syncedAt" TIMESTAMP(3) NOT NULL,
    "leftAt" TIMESTAMP(3),

    CONSTRAINT "DirectoryUser_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "DirectoryDepartment" (
    "deptId" INTEGER NOT NULL,
    "parentId" INTEGER,
    "name" TEXT NOT NULL,
    "pinyin" TEXT NOT NULL,
    "order" INTEGER,
    "path" TEXT NOT NULL,
    "depth" INTEGER NOT NULL,
    "managerUserIds" TEXT NOT NULL,
    "memberCount" INTEGER NOT NULL,
    "syncedAt" TIMESTAMP(3) NOT NULL,
    "removedAt" TIMESTAMP(3),

    CONSTRAINT "DirectoryDepartment_pkey" PRIMARY KEY ("deptId")
);

-- CreateTable
CREATE TABLE "DirectoryMembership" (
    "userId" TEXT NOT NULL,
    "deptId" INTEGER NOT NULL,
    "isLeader" BOOLEAN NOT NULL,

    CONSTRAINT "DirectoryMembership_pkey" PRIMARY KEY ("userId","deptId")
);

-- CreateTable
CREATE TABLE "DirectorySyncRun" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "startedBy" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),
    "heartbeatAt" TIMESTAMP(3) NOT NULL,
    "owner" TEXT NOT NULL,
    "departmentsTotal" INTEGER NOT NULL,
    "departmentsDone" INTEGER NOT NULL,
    "peopleSeen" INTEGER NOT NULL,
    "apiCalls" INTEGER NOT NULL,
    "error" TEXT,

    CONSTRAINT "DirectorySyncRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DirectorySyncTask" (
    "runId" TEXT NOT NULL,
    "deptId" INTEGER NOT NULL,
    "done" BOOLEAN NOT NULL,
    "cursor" INTEGER NOT NULL,

    CONSTRAINT "DirectorySyncTask_pkey" PRIMARY KEY ("runId","deptId")
);

-- CreateTable
CREATE TABLE "HeadcountSnapshot" (
    "day" TEXT NOT NULL,
    "deptId" INTEGER NOT NULL,
    "headcount" INTEGER NOT NULL,
    "active" INTEGER NOT NULL,

    CONSTRAINT "HeadcountSnapshot_pkey" PRIMARY KEY ("day","deptId")
);

-- CreateTable
CREATE TABLE "JobLease" (
    "name" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JobLease_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "BotSession" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "userId" TEXT,
    "userName" TEXT,
    "conversationId" TEXT NOT NULL,
    "conversationTitle" TEXT,
    "summary" TEXT,
    "messageCount" INTEGER NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "lastActivityAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BotSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BotTurn" (
    "id" SERIAL NOT NULL,
    "sessionId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "msgId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BotTurn_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BotInboxMessage" (
    "msgId" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "claimedBy" TEXT,
    "claimedAt" TIMESTAMP(3),
    "answeredAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL,
    "lastError" TEXT,

    CONSTRAINT "BotInboxMessage_pkey" PRIMARY KEY ("msgId")
);

-- CreateTable
CREATE TABLE "BotGroupPolicy" (
    "conversationId" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "mentionOnly" BOOLEAN NOT NULL,
    "updatedBy" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BotGroupPolicy_pkey" PRIMARY KEY ("conversationId")
);

-- CreateTable
CREATE TABLE "BridgeInstance" (
    "id" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "connected" BOOLEAN NOT NULL,
    "connections" INTEGER NOT NULL,
    "lastFrameAt" TIMESTAMP(3),
    "perMinute" INTEGER NOT NULL,
    "lagMs" INTEGER NOT NULL,

    CONSTRAINT "BridgeInstance_pkey" PRIMARY KEY ("id")
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

