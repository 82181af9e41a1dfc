-- Approvals free-text search, beyond what the Prisma schema can say (lib/approvals/index-objects.ts
-- names these objects): an FTS5 trigram index over "ApprovalInstance"."searchText" (title and form
-- values), so that a term of three or more characters is a substring lookup instead of a scan.
-- "ApprovalInstanceSearchRow" gives each instance a stable integer id for FTS5; triggers keep both
-- in step with "ApprovalInstance", whoever writes it (the backfill, events, the actions).

CREATE TABLE "ApprovalInstanceSearchRow" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "processInstanceId" TEXT NOT NULL UNIQUE
);

CREATE VIRTUAL TABLE "ApprovalInstanceSearch" USING fts5("searchText", tokenize = 'trigram');

CREATE TRIGGER "ApprovalInstanceSearch_insert" AFTER INSERT ON "ApprovalInstance" BEGIN
    INSERT INTO "ApprovalInstanceSearchRow" ("processInstanceId") VALUES (new."processInstanceId");
    INSERT INTO "ApprovalInstanceSearch" (rowid, "searchText")
        VALUES ((SELECT "id" FROM "ApprovalInstanceSearchRow" WHERE "processInstanceId" = new."processInstanceId"), new."searchText");
END;

CREATE TRIGGER "ApprovalInstanceSearch_update" AFTER UPDATE OF "processInstanceId", "searchText" ON "ApprovalInstance" BEGIN
    UPDATE "ApprovalInstanceSearchRow" SET "processInstanceId" = new."processInstanceId" WHERE "processInstanceId" = old."processInstanceId";
    UPDATE "ApprovalInstanceSearch" SET "searchText" = new."searchText"
        WHERE rowid = (SELECT "id" FROM "ApprovalInstanceSearchRow" WHERE "processInstanceId" = new."processInstanceId");
END;

CREATE TRIGGER "ApprovalInstanceSearch_delete" AFTER DELETE ON "ApprovalInstance" BEGIN
    DELETE FROM "ApprovalInstanceSearch" WHERE rowid = (SELECT "id" FROM "ApprovalInstanceSearchRow" WHERE "processInstanceId" = old."processInstanceId");
    DELETE FROM "ApprovalInstanceSearchRow" WHERE "processInstanceId" = old."processInstanceId";
END;

INSERT INTO "ApprovalInstanceSearchRow" ("processInstanceId") SELECT "processInstanceId" FROM "ApprovalInstance";
INSERT INTO "ApprovalInstanceSearch" (rowid, "searchText")
    SELECT r."id", i."searchText" FROM "ApprovalInstance" i JOIN "ApprovalInstanceSearchRow" r ON r."processInstanceId" = i."processInstanceId";
