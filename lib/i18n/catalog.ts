import type { createTranslator } from "next-intl";
import en from "@/messages/en.json";
import zhCN from "@/messages/zh-CN.json";
import type { Locale } from "./locale";

// zh-CN is the reference: its shape types every key (see i18n/app-config.d.ts); en must match it.
export type Messages = typeof zhCN;

export const MESSAGES: Record<Locale, Messages> = { "zh-CN": zhCN, en };

/** A translator over every namespace, the type of `await getTranslations()`. Pass it down only where a hook cannot run. */
export type Translate = ReturnType<typeof createTranslator<Messages, never>>;
