-- CreateTable
CREATE TABLE "ApprovalCc" (
    "processInstanceId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    CONSTRAINT "ApprovalCc_pkey" PRIMARY KEY ("processInstanceId","userId")
);

-- CreateIndex
CREATE INDEX "ApprovalCc_userId_idx" ON "ApprovalCc"("userId");


-- Instances already indexed: their cc list, a row per person.
INSERT INTO "ApprovalCc" ("processInstanceId", "userId")
    SELECT DISTINCT i."processInstanceId", j.value FROM "ApprovalInstance" i CROSS JOIN LATERAL jsonb_array_elements_text(i."ccUserIds"::jsonb) AS j(value)
    WHERE jsonb_typeof(i."ccUserIds"::jsonb) = 'array'
ON CONFLICT DO NOTHING;
