import { z } from "zod";

// A submitted form as the object a zod schema reads, shared by server actions and by browser
// code that checks a form with the same schema before sending it.

/** A form's fields as an object: one value as itself, a repeated name as a list. React's own `$ACTION…` fields are left out. */
export function formObject(form: FormData): Record<string, FormDataEntryValue | FormDataEntryValue[]> {
  const out: Record<string, FormDataEntryValue | FormDataEntryValue[]> = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const values = form.getAll(key);
    out[key] = values.length === 1 ? values[0] : values;
  }
  return out;
}

/** Form fields whose shape a FormData cannot carry by itself. */
export const formField = {
  /** A checkbox: present ("on") is true, absent is false; a boolean passes as itself. */
  checkbox: () => z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean()),
  /** A field that may repeat: absent is an empty list, one value a list of one. */
  list: <T extends z.ZodType>(item: T) => z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(item)),
};
