import { searchTextFor, type PinyinForms } from "./pinyin";

/** The fields of a person that search looks in. */
export interface SearchableUser {
  name: string;
  pinyin: Pick<PinyinForms, "full" | "initials">;
  mobile?: string | null;
  jobNumber?: string | null;
  title?: string | null;
  email?: string | null;
}

/**
 * `DirectoryUser.searchText`, in the one format the search index reads (see `searchTextFor`):
 * name, pinyin, initials, mobile, job number, title, email, each lower-cased and marked "||".
 */
export function userSearchText(user: SearchableUser): string {
  return searchTextFor({ ...user, pinyin: user.pinyin.full, initials: user.pinyin.initials });
}
