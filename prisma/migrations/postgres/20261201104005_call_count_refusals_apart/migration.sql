-- AlterTable
ALTER TABLE "DingTalkCallCount" DROP CONSTRAINT "DingTalkCallCount_pkey",
ADD CONSTRAINT "DingTalkCallCount_pkey" PRIMARY KEY ("day", "appKey", "api", "area", "metered");

