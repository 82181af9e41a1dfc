import { pinyin as toSyllables } from "pinyin-pro";

// Pinyin of people's names for search: "张三" → "zhangsan" and "zs". Surnames that read
// differently from the everyday character (单 is shan, not dan) are read as surnames.

/** Characters whose reading as the first character of a name differs from the common one. */
export const POLYPHONIC_SURNAMES: Readonly<Record<string, string>> = {
  单: "shan",
  曾: "zeng",
  解: "xie",
  仇: "qiu",
  区: "ou",
  查: "zha",
  朴: "piao",
  覃: "qin",
  翟: "zhai",
  尉: "yu",
  缪: "miao",
  盖: "ge",
  乐: "yue",
  任: "ren",
  华: "hua",
};

/** A text's pinyin: whole ("zhangsan", "ü" written "v"), initials ("zs") and syllables. */
export interface PinyinForms {
  full: string;
  initials: string;
  /** One entry per Chinese character or non-Chinese word: ["zhang", "san"]. */
  syllables: string[];
}

const WORD = /[\p{L}\p{N}]+/gu;

function readings(text: string, asName: boolean): PinyinForms {
  const normal = text.normalize("NFKC").trim();
  if (normal === "") return { full: "", initials: "", syllables: [] };
  const parts = toSyllables(normal, { toneType: "none", type: "all", surname: asName ? "head" : "off", nonZh: "consecutive", v: true });
  const syllables: string[] = [];
  parts.forEach((part, index) => {
    if (part.isZh) {
      const surname = asName && index === 0 ? POLYPHONIC_SURNAMES[part.origin] : undefined;
      syllables.push((surname ?? part.pinyin).toLowerCase());
      return;
    }
    syllables.push(...(part.origin.toLowerCase().match(WORD) ?? []));
  });
  return { full: syllables.join(""), initials: syllables.map((s) => s.charAt(0)).join(""), syllables };
}

/** A person's name, its first character read as a surname (单 shan, 曾 zeng, 区 ou, …). */
export function personPinyin(name: string): PinyinForms {
  return readings(name, true);
}

/** Any other text (a department name): characters read in their everyday way. */
export function pinyinOf(text: string): PinyinForms {
  return readings(text, false);
}

/** Separates the fields of `searchText`; a search term never contains it (see search/query.ts). */
export const SEARCH_FIELD_SEPARATOR = "|";

/** How a value enters the search text: NFKC, lower case, no spaces, no control characters, no separator. */
export function searchable(value: string | null | undefined): string {
  if (!value) return "";
  return value.normalize("NFKC").toLowerCase().replace(/[\s\p{Cc}]+/gu, "").split(SEARCH_FIELD_SEPARATOR).join("");
}

export interface SearchTextFields {
  name: string;
  pinyin: string;
  initials: string;
  mobile?: string | null;
  jobNumber?: string | null;
  title?: string | null;
  email?: string | null;
}

/**
 * Starts the contact part of `searchText` (mobile, email). A control character, so that no field
 * holds it (`searchable` drops them): search for someone who may not read contacts looks only
 * before it.
 */
export const SEARCH_CONTACTS_MARKER = "\u001f";

/**
 * `DirectoryUser.searchText`: every searchable field, each preceded by two separators
 * ("||张三||zhangsan||zs||e1001||工程师␟||138…||zs@…"), the contacts last after
 * `SEARCH_CONTACTS_MARKER`. The separators mark where a field starts, so that a one- or
 * two-character term can be looked up as "starts a field" through the same trigram index.
 */
export function searchTextFor(user: SearchTextFields): string {
  const sep = SEARCH_FIELD_SEPARATOR.repeat(2);
  const part = (fields: (string | null | undefined)[]) => fields.map((field) => sep + searchable(field)).join("");
  return part([user.name, user.pinyin, user.initials, user.jobNumber, user.title]) + SEARCH_CONTACTS_MARKER + part([user.mobile, user.email]);
}
