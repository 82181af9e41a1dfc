-- CreateTable
CREATE TABLE "AttendanceGroup" (
    "groupId" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "memberCount" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "fetchedAt" DATETIME NOT NULL
);

