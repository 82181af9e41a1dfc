-- CreateTable
CREATE TABLE "AttendanceGroup" (
    "groupId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "memberCount" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "fetchedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AttendanceGroup_pkey" PRIMARY KEY ("groupId")
);

