-- Directory search index, beyond what the Prisma schema can say (lib/directory/search/index-objects.ts
-- names these objects). An FTS5 trigram index over "DirectoryUser"."searchText": any term of three
-- or more characters is a substring lookup. FTS5 rows need integer ids, and a table whose key is
-- text may renumber its rowids on VACUUM, so "DirectoryUserSearchRow" gives each userId a stable id.
-- Triggers keep both in step with "DirectoryUser", whoever writes it.

CREATE TABLE "DirectoryUserSearchRow" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL UNIQUE
);

CREATE VIRTUAL TABLE "DirectoryUserSearch" USING fts5("searchText", tokenize = 'trigram');

CREATE TRIGGER "DirectoryUserSearch_insert" AFTER INSERT ON "DirectoryUser" BEGIN
    INSERT INTO "DirectoryUserSearchRow" ("userId") VALUES (new."userId");
    INSERT INTO "DirectoryUserSearch" (rowid, "searchText")
        VALUES ((SELECT "id" FROM "DirectoryUserSearchRow" WHERE "userId" = new."userId"), new."searchText");
END;

CREATE TRIGGER "DirectoryUserSearch_update" AFTER UPDATE OF "userId", "searchText" ON "DirectoryUser" BEGIN
    UPDATE "DirectoryUserSearchRow" SET "userId" = new."userId" WHERE "userId" = old."userId";
    UPDATE "DirectoryUserSearch" SET "searchText" = new."searchText"
        WHERE rowid = (SELECT "id" FROM "DirectoryUserSearchRow" WHERE "userId" = new."userId");
END;

CREATE TRIGGER "DirectoryUserSearch_delete" AFTER DELETE ON "DirectoryUser" BEGIN
    DELETE FROM "DirectoryUserSearch" WHERE rowid = (SELECT "id" FROM "DirectoryUserSearchRow" WHERE "userId" = old."userId");
    DELETE FROM "DirectoryUserSearchRow" WHERE "userId" = old."userId";
END;

INSERT INTO "DirectoryUserSearchRow" ("userId") SELECT "userId" FROM "DirectoryUser";
INSERT INTO "DirectoryUserSearch" (rowid, "searchText")
    SELECT r."id", u."searchText" FROM "DirectoryUser" u JOIN "DirectoryUserSearchRow" r ON r."userId" = u."userId";
