import { z } from "zod";

// What the person picker asks the server, shared by the picker (building the URL) and the route
// (parsing it), so that both agree on names and limits.

export const PERSON_SEARCH_PATH = "/api/pickers/people";
export const PERSON_SEARCH_MAX_LENGTH = 100;
export const PERSON_SEARCH_MAX_LIMIT = 20;

export const personSearchParams = z.object({
  q: z.string().trim().min(1).max(PERSON_SEARCH_MAX_LENGTH),
  limit: z.coerce.number().int().min(1).max(PERSON_SEARCH_MAX_LIMIT).default(10),
});

export type PersonSearchParams = z.output<typeof personSearchParams>;

/** One person as the picker lists and keeps them: no contact details. */
export interface PickedPerson {
  userId: string;
  name: string;
  /** Department names and title, to tell two people of one name apart. */
  detail?: string;
}

/**
 * The URL to ask for people matching what was typed, or null when there is nothing to ask
 * (blank). Text past the limit is cut rather than refused: the person is still typing.
 */
export function personSearchUrl(typed: string, limit = 10): string | null {
  const q = typed.trim().slice(0, PERSON_SEARCH_MAX_LENGTH).trim();
  if (q === "") return null;
  return `${PERSON_SEARCH_PATH}?${new URLSearchParams({ q, limit: String(limit) }).toString()}`;
}

/** Adds a person once (a second pick of the same person changes nothing). */
export function addPerson(list: readonly PickedPerson[], person: PickedPerson, max = Number.POSITIVE_INFINITY): PickedPerson[] {
  if (list.some((p) => p.userId === person.userId)) return [...list];
  if (max === 1) return [person];
  return list.length >= max ? [...list] : [...list, person];
}
