-- Directory search index, beyond what the Prisma schema can say (lib/directory/search/index-objects.ts
-- names these objects). A trigram GIN index answers `"searchText" LIKE '%term%'`; the "C"-collated
-- btree indexes serve sorting and prefix ranges in code-point order, the order SQLite uses, so
-- that both databases page through the same people in the same order.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX "DirectoryUser_searchText_trgm_idx" ON "DirectoryUser" USING GIN ("searchText" gin_trgm_ops);

CREATE INDEX "DirectoryUser_name_c_idx" ON "DirectoryUser" ("name" COLLATE "C", "userId" COLLATE "C");

CREATE INDEX "DirectoryUser_pinyin_c_idx" ON "DirectoryUser" ("pinyin" COLLATE "C", "userId" COLLATE "C");

CREATE INDEX "DirectoryDepartment_path_c_idx" ON "DirectoryDepartment" ("path" COLLATE "C");
