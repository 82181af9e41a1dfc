import { z } from "zod";

// zod pieces for DingTalk's replies, which leave fields out or send null where a value is empty.

/** A string that may be missing: "" when it is. */
export const wireText = z.string().nullish().transform((v) => v ?? "");

/** A string that may be missing: undefined when it is missing or empty. */
export const wireOptionalText = z
  .string()
  .nullish()
  .transform((v) => (v ? v : undefined));

/** A boolean that may be missing: false when it is. */
export const wireFlag = z.boolean().nullish().transform((v) => v ?? false);

/** A number that may come as a string or be missing. */
export const wireOptionalNumber = z.coerce
  .number()
  .nullish()
  .transform((v) => (v === null || v === undefined || Number.isNaN(v) ? undefined : v));
