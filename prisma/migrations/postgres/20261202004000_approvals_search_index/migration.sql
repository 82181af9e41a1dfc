-- Approvals free-text search, beyond what the Prisma schema can say (lib/approvals/index-objects.ts
-- names it): a trigram GIN index answers `"searchText" LIKE '%term%'` over titles and form values.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX "ApprovalInstance_searchText_trgm_idx" ON "ApprovalInstance" USING GIN ("searchText" gin_trgm_ops);
