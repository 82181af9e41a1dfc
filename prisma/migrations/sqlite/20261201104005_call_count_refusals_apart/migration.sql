-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_DingTalkCallCount" (
    "day" TEXT NOT NULL,
    "appKey" TEXT NOT NULL,
    "api" TEXT NOT NULL,
    "area" TEXT NOT NULL,
    "metered" BOOLEAN NOT NULL,
    "calls" INTEGER NOT NULL,

    PRIMARY KEY ("day", "appKey", "api", "area", "metered")
);
INSERT INTO "new_DingTalkCallCount" ("api", "appKey", "area", "calls", "day", "metered") SELECT "api", "appKey", "area", "calls", "day", "metered" FROM "DingTalkCallCount";
DROP TABLE "DingTalkCallCount";
ALTER TABLE "new_DingTalkCallCount" RENAME TO "DingTalkCallCount";
CREATE INDEX "DingTalkCallCount_day_metered_idx" ON "DingTalkCallCount"("day", "metered");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

