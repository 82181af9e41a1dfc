-- AlterTable
ALTER TABLE "ApprovalBackfillItem" ADD COLUMN     "processCode" TEXT NOT NULL DEFAULT '';

