// The database objects the directory search migration (20261121171000_directory_search_index)
// adds by hand, beyond the Prisma schema. Listed here so that the check comparing a migrated
// database with the schema (lib/db/migrations-in-sync.db.test.ts) leaves out exactly these.

/** SQLite tables: the id map, the FTS5 table and the shadow tables FTS5 creates for it. */
export const SQLITE_SEARCH_TABLES: readonly string[] = [
  "DirectoryUserSearchRow",
  "DirectoryUserSearch",
  "DirectoryUserSearch_config",
  "DirectoryUserSearch_content",
  "DirectoryUserSearch_data",
  "DirectoryUserSearch_docsize",
  "DirectoryUserSearch_idx",
];

/** PostgreSQL indexes on the schema's own tables. */
export const POSTGRES_SEARCH_INDEXES: readonly string[] = [
  "DirectoryUser_searchText_trgm_idx",
  "DirectoryUser_name_c_idx",
  "DirectoryUser_pinyin_c_idx",
  "DirectoryDepartment_path_c_idx",
];
