import { forbidden } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { requireArea } from "@/lib/authz/require-area";
import { can } from "@/lib/authz/permissions";
import { calendarPeople, mayUseCalendarOf } from "@/lib/calendar/events";
import { getDb } from "@/lib/db/client";
import { pageTitle } from "@/lib/i18n/metadata";
import { shanghaiDay } from "@/lib/time";
import { CalendarWorkspace } from "./calendar-workspace";
import { calendarState } from "./query";

export const dynamic = "force-dynamic";
export const generateMetadata = pageTitle("calendar.title");

export default async function CalendarPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireArea("calendar");
  const t = await getTranslations("calendar");
  const { person } = calendarState.parse(await searchParams);
  const ownerId = person || actor.userId;
  // Another person's calendar is for those who manage others' calendars: the others get the 403 page.
  if (!mayUseCalendarOf(actor, ownerId)) forbidden();
  const db = getDb();
  const { found, missing } = await calendarPeople(db, [...new Set([ownerId, actor.userId])]);
  const owner = found.find((p) => p.userId === ownerId);
  const me = found.find((p) => p.userId === actor.userId) ?? { userId: actor.userId, name: actor.name };
  return (
    <>
      <PageTitle sub={owner && owner.userId !== actor.userId ? t("othersCalendar", { name: owner.name }) : t("subtitle")}>{t("title")}</PageTitle>
      {owner ? (
        <CalendarWorkspace owner={{ userId: owner.userId, name: owner.name }} me={{ userId: me.userId, name: me.name }} mayPickOthers={can(actor.roles, "calendar.others")} today={shanghaiDay(new Date())} />
      ) : (
        <Notice tone="warn" title={t("noUnionId.title")}>
          {t("noUnionId.body", { name: missing.find((m) => m.userId === ownerId)?.name ?? ownerId })}
        </Notice>
      )}
    </>
  );
}
