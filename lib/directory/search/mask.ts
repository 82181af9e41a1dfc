import { maskEmail, maskMobile } from "@/lib/privacy";

/** Rows with mobiles and emails masked, for people without `people.contact.read` (viewers). */
export function maskContacts<T extends { mobile?: string | null; email?: string | null }>(rows: readonly T[]): T[] {
  return rows.map((row) => ({
    ...row,
    mobile: row.mobile ? maskMobile(row.mobile) : row.mobile,
    email: row.email ? maskEmail(row.email) : row.email,
  }));
}
