-- CreateTable
CREATE TABLE "ApprovalCc" (
    "processInstanceId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    PRIMARY KEY ("processInstanceId", "userId")
);

-- CreateIndex
CREATE INDEX "ApprovalCc_userId_idx" ON "ApprovalCc"("userId");


-- Instances already indexed: their cc list, a row per person.
INSERT OR IGNORE INTO "ApprovalCc" ("processInstanceId", "userId")
    SELECT i."processInstanceId", j."value" FROM "ApprovalInstance" i, json_each(i."ccUserIds") j
    WHERE json_valid(i."ccUserIds") AND j."type" = 'text';
