-- CreateTable
CREATE TABLE "ApprovalReminder" (
    "processInstanceId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "sentAt" DATETIME NOT NULL,
    "sentBy" TEXT NOT NULL,
    "userIds" TEXT NOT NULL,
    "notifyTaskId" TEXT,

    PRIMARY KEY ("processInstanceId", "day")
);

-- CreateIndex
CREATE INDEX "ApprovalReminder_day_idx" ON "ApprovalReminder"("day");

