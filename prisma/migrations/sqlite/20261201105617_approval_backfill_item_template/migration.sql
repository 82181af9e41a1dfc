-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ApprovalBackfillItem" (
    "runId" TEXT NOT NULL,
    "processInstanceId" TEXT NOT NULL,
    "processCode" TEXT NOT NULL DEFAULT '',
    "fetched" BOOLEAN NOT NULL,

    PRIMARY KEY ("runId", "processInstanceId")
);
INSERT INTO "new_ApprovalBackfillItem" ("fetched", "processInstanceId", "runId") SELECT "fetched", "processInstanceId", "runId" FROM "ApprovalBackfillItem";
DROP TABLE "ApprovalBackfillItem";
ALTER TABLE "new_ApprovalBackfillItem" RENAME TO "ApprovalBackfillItem";
CREATE INDEX "ApprovalBackfillItem_runId_fetched_idx" ON "ApprovalBackfillItem"("runId", "fetched");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

