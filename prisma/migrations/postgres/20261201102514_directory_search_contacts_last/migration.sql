-- Directory search text: mobile and email move last, behind the contacts marker U+001F
-- (lib/directory/pinyin.ts searchTextFor), so that the search of someone who may not read contacts
-- looks only before it (lib/directory/search/search.ts). The sync writes this shape from now on;
-- this rewrites the rows already there, "||name||pinyin||initials||mobile||job||title||email"
-- (no field holds "|", so "||" splits them exactly). No schema change.

UPDATE "DirectoryUser" SET "searchText" =
    '||' || split_part("searchText", '||', 2) || '||' || split_part("searchText", '||', 3) || '||' || split_part("searchText", '||', 4)
    || '||' || split_part("searchText", '||', 6) || '||' || split_part("searchText", '||', 7)
    || chr(31) || '||' || split_part("searchText", '||', 5) || '||' || split_part("searchText", '||', 8)
WHERE strpos("searchText", chr(31)) = 0 AND left("searchText", 2) = '||';
