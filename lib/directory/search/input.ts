import { z } from "zod";
import { SEARCH_FIELD_SEPARATOR, searchable } from "../pinyin";

export const DIRECTORY_SORT_FIELDS = ["name", "pinyin", "jobNumber", "hiredAt", "title"] as const;
export type DirectorySortField = (typeof DIRECTORY_SORT_FIELDS)[number];

export const MAX_PAGE_SIZE = 500;

export const directorySearchInput = z.object({
  /** Name, pinyin, initials, job number, title; with `matchContacts`, mobile (or part) and email. */
  q: z.string().max(100).default(""),
  /**
   * Whether `q` may match mobiles and emails: only for someone allowed to read them
   * (`people.contact.read`); otherwise search would unmask them. Off unless asked for.
   */
  matchContacts: z.boolean().default(false),
  deptId: z.number().int().positive().optional(),
  /** With `deptId`: also the people of every department below it. */
  includeSubDepts: z.boolean().default(true),
  active: z.boolean().optional(),
  admin: z.boolean().optional(),
  manager: z.boolean().optional(),
  /** false (default): people still in the org; true: only those who left; null: both. */
  left: z.boolean().nullable().default(false),
  sort: z.enum(DIRECTORY_SORT_FIELDS).default("name"),
  dir: z.enum(["asc", "desc"]).default("asc"),
  /** 1-based. */
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
});

export type DirectorySearchInput = z.input<typeof directorySearchInput>;
export type DirectorySearchQuery = z.output<typeof directorySearchInput>;

export class DirectorySearchInputError extends Error {
  readonly code = "DIRECTORY_SEARCH_INPUT";
  constructor(message: string) {
    super(message);
    this.name = "DirectorySearchInputError";
  }
}

export function parseSearchInput(input: DirectorySearchInput): DirectorySearchQuery {
  const parsed = directorySearchInput.safeParse(input);
  if (!parsed.success) throw new DirectorySearchInputError(`invalid directory search: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/**
 * What `searchText` must contain for a person to match `q`, or null when `q` has nothing to
 * search for. Three characters or more: anywhere. One or two: at the start of a field, written
 * with the field marker in front ("|zs", "||z") so that the trigram index still answers.
 */
export function searchNeedle(q: string): string | null {
  const term = searchable(q);
  if (term === "") return null;
  const length = [...term].length;
  return length >= 3 ? term : SEARCH_FIELD_SEPARATOR.repeat(3 - length) + term;
}
