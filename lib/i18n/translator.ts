import { createTranslator } from "next-intl";
import { MESSAGES, type Translate } from "./catalog";
import type { Locale } from "./locale";

/** The console's words in `locale` outside a request (exports, the CLI, tests); in a request use getTranslations. */
export function translatorFor(locale: Locale): Translate {
  return createTranslator({ locale, messages: MESSAGES[locale] });
}
