import { SeededRandom, hashString } from "../util/random";
import type { AttendanceGroup } from "./groups";
import { isWorkday, shanghaiMidnight } from "./workdays";

export type CheckType = "OnDuty" | "OffDuty";
export type TimeResult = "Normal" | "Early" | "Late" | "SeriousLate" | "Absenteeism" | "NotSigned";
export type LocationResult = "Normal" | "Outside" | "NotSigned";

/** One line of `/attendance/list` (打卡结果): the outcome of one scheduled check. */
export interface PunchResult {
  id: number;
  userId: string;
  workDate: number;
  checkType: CheckType;
  timeResult: TimeResult;
  locationResult: LocationResult;
  baseCheckTime: number;
  userCheckTime: number;
  groupId: number;
  planId: number;
  recordId?: number;
  /** USER a punch; APPROVE covered by an approved leave; SYSTEM filled in when nobody punched. */
  sourceType: "USER" | "APPROVE" | "SYSTEM";
  procInstId?: string;
  approveId?: number;
}

/** One line of `/attendance/listRecord` (原始打卡): a punch as it was made. */
export interface RawPunch {
  id: number;
  userId: string;
  workDate: number;
  checkType: CheckType;
  timeResult?: TimeResult;
  locationResult: LocationResult;
  baseCheckTime: number;
  userCheckTime: number;
  groupId: number;
  planId: number;
  sourceType: "USER";
  locationMethod: "MAP" | "WIFI";
  userAddress: string;
  userLatitude: number;
  userLongitude: number;
  userAccuracy: number;
  deviceId: string;
  isLegal: "Y" | "N";
  outsideRemark?: string;
  invalidRecordType?: string;
  invalidRecordMsg?: string;
}

/** A leave covering (part of) one workday, as `/topapi/attendance/getleavestatus` lists it. */
export interface LeaveSpan {
  userId: string;
  startTime: number;
  endTime: number;
  /** Days × 100 for `percent_day`, hours × 100 for `percent_hour`. */
  durationPercent: number;
  durationUnit: "percent_day" | "percent_hour";
  leaveCode: string;
  /** True when no punch is expected all day. */
  fullDay: boolean;
}

export interface AttendanceDay {
  results: PunchResult[];
  punches: RawPunch[];
  leave: LeaveSpan | null;
}

const MINUTE = 60_000;
/** A leave type (假期类型) as `/topapi/attendance/vacation/type/list` lists it. */
export interface LeaveType {
  leaveCode: string;
  leaveName: string;
  /** The unit the type is requested and reported in. */
  leaveViewUnit: "day" | "halfDay" | "hour";
  bizType: "general_leave" | "lieu_leave";
  /** Hours in one day of this type × 100 (800 = 8 h). */
  hoursInPerDay: number;
}

// DingTalk names leave types by a code of this shape.
export const LEAVE_TYPES: readonly LeaveType[] = [
  { leaveCode: "f84a2829-d245-4312-9ff2-0653e5b3abb2", leaveName: "年假", leaveViewUnit: "day", bizType: "general_leave", hoursInPerDay: 800 },
  { leaveCode: "6a1d5c0e-8b9f-4d2a-a7c3-2e9b1f4d8c61", leaveName: "事假", leaveViewUnit: "hour", bizType: "general_leave", hoursInPerDay: 800 },
  { leaveCode: "b3e7f2a9-1c4d-4e8b-9a6f-7d2c5e0b3a14", leaveName: "病假", leaveViewUnit: "halfDay", bizType: "general_leave", hoursInPerDay: 800 },
];
const LEAVE_CODES = LEAVE_TYPES.map((t) => t.leaveCode);

/** How punctual a person is and how often they take leave: fixed per seed and userId. */
interface Profile {
  /** Multiplies the base rates of lateness, leaving early and missing a punch. */
  sloppiness: number;
  leaveRate: number;
}

function rng(seed: number, key: string): SeededRandom {
  return new SeededRandom(seed, hashString(key));
}

function profileOf(seed: number, userId: string): Profile {
  const r = rng(seed, `profile|${userId}`);
  // Most people are punctual; a few are late far more often than the rest.
  const sloppiness = r.chance(0.1) ? 2 + r.next() * 2 : 0.3 + r.next() * 1.2;
  return { sloppiness, leaveRate: r.next() * 0.05 };
}

/** A large, stable number for ids (DingTalk's record ids run to 11–12 digits). */
function idOf(seed: number, key: string): number {
  return (hashString(`${seed}|${key}`) % 900_000_000) * 1_000 + 100_000_000_000 + (hashString(`${key}|${seed}`) % 1_000);
}

/** The leave a person takes on a date, if any (cheaper than the whole day when only leave is asked for). */
export function leaveOn(seed: number, userId: string, date: string, group: AttendanceGroup): LeaveSpan | null {
  return isWorkday(date) ? leaveOf(seed, userId, date, group, profileOf(seed, userId)) : null;
}

function leaveOf(seed: number, userId: string, date: string, group: AttendanceGroup, profile: Profile): LeaveSpan | null {
  const r = rng(seed, `leave|${userId}|${date}`);
  if (!r.chance(profile.leaveRate)) return null;
  const midnight = shanghaiMidnight(date);
  const start = midnight + group.onDutyMinute * MINUTE;
  const end = midnight + group.offDutyMinute * MINUTE;
  const leaveCode = r.pick(LEAVE_CODES);
  const kind = r.next();
  if (kind < 0.6) return { userId, startTime: start, endTime: end, durationPercent: 100, durationUnit: "percent_day", leaveCode, fullDay: true };
  if (kind < 0.85) {
    return { userId, startTime: start, endTime: start + ((end - start) / 2), durationPercent: 50, durationUnit: "percent_day", leaveCode, fullDay: false };
  }
  const hours = r.int(1, 3);
  return { userId, startTime: start, endTime: start + hours * 60 * MINUTE, durationPercent: hours * 100, durationUnit: "percent_hour", leaveCode, fullDay: false };
}

function onDutyResult(r: SeededRandom, s: number): { result: TimeResult; offsetMin: number } {
  const x = r.next();
  if (x < 0.015 * s) return { result: "NotSigned", offsetMin: 0 };
  if (x < 0.019 * s) return { result: "Absenteeism", offsetMin: r.int(121, 240) };
  if (x < 0.027 * s) return { result: "SeriousLate", offsetMin: r.int(31, 120) };
  if (x < 0.077 * s) return { result: "Late", offsetMin: r.int(1, 30) };
  return { result: "Normal", offsetMin: -r.int(0, 45) };
}

function offDutyResult(r: SeededRandom, s: number): { result: TimeResult; offsetMin: number } {
  const x = r.next();
  if (x < 0.02 * s) return { result: "NotSigned", offsetMin: 0 };
  if (x < 0.055 * s) return { result: "Early", offsetMin: -r.int(1, 90) };
  return { result: "Normal", offsetMin: r.int(0, 120) };
}

/**
 * One person's attendance on one date, computed from the seed alone so that any of a large
 * org's days can be asked for without storing them. Non-workdays have nothing; `now` cuts off
 * what has not happened yet.
 */
export function attendanceDay(seed: number, userId: string, date: string, group: AttendanceGroup, now: number): AttendanceDay {
  const empty: AttendanceDay = { results: [], punches: [], leave: null };
  if (!isWorkday(date)) return empty;
  const midnight = shanghaiMidnight(date);
  if (midnight > now) return empty;
  const profile = profileOf(seed, userId);
  const leave = leaveOf(seed, userId, date, group, profile);
  const r = rng(seed, `day|${userId}|${date}`);
  const results: PunchResult[] = [];
  const punches: RawPunch[] = [];
  const planBase = idOf(seed, `plan|${userId}|${date}`);
  const approveId = leave ? idOf(seed, `approve|${userId}|${date}`) : undefined;

  for (const checkType of ["OnDuty", "OffDuty"] as const) {
    const base = midnight + (checkType === "OnDuty" ? group.onDutyMinute : group.offDutyMinute) * MINUTE;
    const key = `${userId}|${date}|${checkType}`;
    const common = { userId, workDate: midnight, checkType, baseCheckTime: base, groupId: group.groupId, planId: planBase + (checkType === "OnDuty" ? 0 : 1) };
    const covered = leave !== null && (leave.fullDay || checkType === "OnDuty");
    const roll = checkType === "OnDuty" ? onDutyResult(r, profile.sloppiness) : offDutyResult(r, profile.sloppiness);
    const outside = r.chance(group.outsideRate);
    const seconds = r.int(0, 59);
    if (covered) {
      if (base > now) continue;
      results.push({
        ...common, id: idOf(seed, `result|${key}`), timeResult: "Normal", locationResult: "Normal", userCheckTime: base,
        sourceType: "APPROVE", procInstId: `${hashString(`proc|${seed}|${key}`).toString(16)}-${approveId}`, approveId,
      });
      continue;
    }
    if (roll.result === "NotSigned") {
      // Known only once the day is over.
      if (midnight + 86_400_000 > now) continue;
      results.push({ ...common, id: idOf(seed, `result|${key}`), timeResult: "NotSigned", locationResult: "NotSigned", userCheckTime: base, sourceType: "SYSTEM" });
      continue;
    }
    const userCheckTime = base + roll.offsetMin * MINUTE + seconds * 1000;
    if (userCheckTime > now) continue;
    const recordId = idOf(seed, `record|${key}`);
    const locationResult: LocationResult = outside ? "Outside" : "Normal";
    results.push({ ...common, id: idOf(seed, `result|${key}`), timeResult: roll.result, locationResult, userCheckTime, recordId, sourceType: "USER" });
    const place = outside
      ? { userAddress: `${group.address.slice(0, 3)}客户现场`, userLatitude: group.latitude + 0.05, userLongitude: group.longitude + 0.05, outsideRemark: "拜访客户" }
      : { userAddress: group.address, userLatitude: group.latitude, userLongitude: group.longitude };
    const punch: RawPunch = {
      ...common, id: recordId, timeResult: roll.result, locationResult, userCheckTime, sourceType: "USER",
      locationMethod: outside ? "MAP" : r.chance(0.5) ? "WIFI" : "MAP", ...place, userAccuracy: r.int(10, 80),
      deviceId: hashString(`device|${seed}|${userId}`).toString(16), isLegal: outside ? "N" : "Y",
    };
    punches.push(punch);
    // Some people punch twice; the second punch is kept but does not count.
    if (checkType === "OnDuty" && r.chance(0.06)) {
      const again = userCheckTime + r.int(1, 5) * MINUTE;
      if (again <= now) {
        punches.push({
          ...punch, id: idOf(seed, `record2|${key}`), timeResult: undefined, userCheckTime: again,
          invalidRecordType: "Other", invalidRecordMsg: "重复打卡",
        });
      }
    }
  }
  return { results, punches, leave };
}
