import type { createTranslator } from "next-intl";
import en from "@/messages/en.json";
import enApprovals from "@/messages/en/approvals.json";
import enAttendance from "@/messages/en/attendance.json";
import enCalendar from "@/messages/en/calendar.json";
import enDocs from "@/messages/en/docs.json";
import zhCN from "@/messages/zh-CN.json";
import zhApprovals from "@/messages/zh-CN/approvals.json";
import zhAttendance from "@/messages/zh-CN/attendance.json";
import zhCalendar from "@/messages/zh-CN/calendar.json";
import zhDocs from "@/messages/zh-CN/docs.json";
import type { Locale } from "./locale";

// The shared words live in messages/<locale>.json; a large area keeps its own namespace in
// messages/<locale>/<area>.json (the file's name is the namespace), so that areas grow apart.
const zh = { ...zhCN, approvals: zhApprovals, attendance: zhAttendance, calendar: zhCalendar, docs: zhDocs };

// zh-CN is the reference: its shape types every key (see i18n/app-config.d.ts); en must match it.
export type Messages = typeof zh;

export const MESSAGES: Record<Locale, Messages> = {
  "zh-CN": zh,
  en: { ...en, approvals: enApprovals, attendance: enAttendance, calendar: enCalendar, docs: enDocs },
};

/** A translator over every namespace, the type of `await getTranslations()`. Pass it down only where a hook cannot run. */
export type Translate = ReturnType<typeof createTranslator<Messages, never>>;
