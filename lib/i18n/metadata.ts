import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import type { Translate } from "./catalog";

export type MessageKey = Parameters<Translate>[0];

/** A page's `generateMetadata` that titles it in the person's language: `export const generateMetadata = pageTitle("audit.title")`. */
export function pageTitle(key: MessageKey): () => Promise<Metadata> {
  return async () => ({ title: (await getTranslations())(key) });
}
