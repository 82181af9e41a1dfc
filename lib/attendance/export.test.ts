import { strFromU8, unzipSync } from "fflate";
import { expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { dayStart } from "@/lib/time";
import { attendanceXlsx, type ExportPerson, type PersonPages } from "./export";
import { daysOf } from "./fetch";
import { emptyDay, type DayRow } from "./summary";

const FROM = "2026-10-01";
const TO = "2026-10-31";
const STARTS = daysOf(FROM, TO).map((day) => dayStart(day).getTime());
const LEAVE_TYPES = [{ leaveCode: "annual", name: "年假", unit: "day" as const, bizType: "", hoursPerDay: 8 }];

function personOf(i: number): ExportPerson {
  const userId = `u${String(i).padStart(5, "0")}`;
  const days: DayRow[] = daysOf(FROM, TO).map((day, d) => {
    const planned = (d + i) % 7 < 5;
    const on = STARTS[d] + 9 * 3_600_000;
    const late = planned && (d * 7 + i) % 11 === 0;
    return {
      ...emptyDay(userId, day), groupId: "1", planned: planned ? 2 : 0,
      onDutyResult: planned ? (late ? "Late" : "Normal") : null, onDutySource: planned ? "USER" : null,
      onDutyPlannedAt: planned ? new Date(on) : null, onDutyAt: planned ? new Date(on + (late ? 7 : -3) * 60_000) : null,
      offDutyResult: planned ? "Normal" : null, offDutySource: planned ? "USER" : null,
      leave: planned && (d + i) % 17 === 0 ? [{ code: "annual", percent: 100, unit: "percent_day" as const }] : [],
    };
  });
  return { userId, info: { name: `员工${i}`, jobNumber: `E${i}`, department: "研发部" }, days };
}

it("writes the workbook of many people from a paged source, each page asked for only once the rows before it are written", async () => {
  const people = 2_400;
  const pageSize = 200;
  let received = 0;
  // What the reader had received when each page was asked for, per sheet.
  const askedAt: number[][] = [];
  const pages: PersonPages = async function* () {
    const sheet: number[] = [];
    askedAt.push(sheet);
    for (let first = 0; first < people; first += pageSize) {
      sheet.push(received);
      yield Array.from({ length: pageSize }, (_, k) => personOf(first + k));
    }
  };
  const parts: Uint8Array[] = [];
  const scope = { userIds: [], from: FROM, to: TO, leaveTypes: LEAVE_TYPES };
  for await (const chunk of attendanceXlsx(undefined as unknown as Db, scope, pages)) {
    received += chunk.length;
    parts.push(chunk);
  }

  expect(askedAt).toHaveLength(2);
  for (const sheet of askedAt) {
    expect(sheet).toHaveLength(people / pageSize);
    // Bytes came out between every two pages: no page was read ahead of the writer.
    for (let k = 1; k < sheet.length; k++) expect(sheet[k]).toBeGreaterThan(sheet[k - 1]);
  }

  const bytes = new Uint8Array(received);
  parts.reduce((at, p) => (bytes.set(p, at), at + p.length), 0);
  const files = unzipSync(bytes);
  const rows = (n: number) => [...strFromU8(files[`xl/worksheets/sheet${n}.xml`]).matchAll(/<row r="(\d+)">(.*?)<\/row>/g)];
  const summary = rows(1);
  const daily = rows(2);
  // Header, one row per person, and the summary's totals row.
  expect(summary).toHaveLength(people + 2);
  expect(daily).toHaveLength(people + 1);
  expect(daily.map((r) => Number(r[1]))).toEqual(Array.from({ length: people + 1 }, (_, i) => i + 1));
  expect(daily.at(-1)![2]).toContain(`u${String(people - 1).padStart(5, "0")}`);
  // The totals row adds up every person's late count.
  const lateDays = daily.slice(1).reduce((n, r) => n + (r[2].match(/迟到/g) ?? []).length, 0);
  const totals = [...summary.at(-1)![2].matchAll(/<v>([^<]*)<\/v>/g)].map((m) => Number(m[1]));
  expect(lateDays).toBeGreaterThan(0);
  expect(totals).toContain(lateDays);
});
