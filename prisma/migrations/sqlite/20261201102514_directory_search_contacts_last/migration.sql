-- Directory search text: mobile and email move last, behind the contacts marker U+001F
-- (lib/directory/pinyin.ts searchTextFor), so that the search of someone who may not read contacts
-- looks only before it (lib/directory/search/search.ts). The sync writes this shape from now on;
-- this rewrites the rows already there, "||name||pinyin||initials||mobile||job||title||email"
-- (no field holds "|", so "||" splits them exactly; fields numbered 1 to 7). No schema change.
-- The search index follows through its triggers.

CREATE TEMP TABLE "SearchTextField" ("userId" TEXT NOT NULL, "idx" INTEGER NOT NULL, "field" TEXT NOT NULL, PRIMARY KEY ("userId", "idx"));

WITH RECURSIVE parts ("userId", "rest", "idx", "field") AS (
    SELECT "userId", substr("searchText", 3) || '||', 0, '' FROM "DirectoryUser"
        WHERE instr("searchText", char(31)) = 0 AND substr("searchText", 1, 2) = '||'
    UNION ALL
    SELECT "userId", substr("rest", instr("rest", '||') + 2), "idx" + 1, substr("rest", 1, instr("rest", '||') - 1)
        FROM parts WHERE "rest" <> ''
)
INSERT INTO "SearchTextField" ("userId", "idx", "field") SELECT "userId", "idx", "field" FROM parts WHERE "idx" > 0;

UPDATE "DirectoryUser" SET "searchText" = (
    SELECT '||' || coalesce(max(CASE f."idx" WHEN 1 THEN f."field" END), '')
        || '||' || coalesce(max(CASE f."idx" WHEN 2 THEN f."field" END), '')
        || '||' || coalesce(max(CASE f."idx" WHEN 3 THEN f."field" END), '')
        || '||' || coalesce(max(CASE f."idx" WHEN 5 THEN f."field" END), '')
        || '||' || coalesce(max(CASE f."idx" WHEN 6 THEN f."field" END), '')
        || char(31)
        || '||' || coalesce(max(CASE f."idx" WHEN 4 THEN f."field" END), '')
        || '||' || coalesce(max(CASE f."idx" WHEN 7 THEN f."field" END), '')
    FROM "SearchTextField" f WHERE f."userId" = "DirectoryUser"."userId")
WHERE "userId" IN (SELECT "userId" FROM "SearchTextField");

DROP TABLE "SearchTextField";
