// The database objects the approvals search migration (20261202004000_approvals_search_index) adds
// by hand, beyond the Prisma schema. Listed here so that the check comparing a migrated database
// with the schema (lib/db/migrations-in-sync.db.test.ts) leaves out exactly these.

/** SQLite tables: the id map, the FTS5 table and the shadow tables FTS5 creates for it. */
export const APPROVALS_SQLITE_SEARCH_TABLES: readonly string[] = [
  "ApprovalInstanceSearchRow",
  "ApprovalInstanceSearch",
  "ApprovalInstanceSearch_config",
  "ApprovalInstanceSearch_content",
  "ApprovalInstanceSearch_data",
  "ApprovalInstanceSearch_docsize",
  "ApprovalInstanceSearch_idx",
];

/** PostgreSQL indexes on the schema's own tables. */
export const APPROVALS_POSTGRES_SEARCH_INDEXES: readonly string[] = ["ApprovalInstance_searchText_trgm_idx"];
