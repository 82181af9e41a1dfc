import type { Org } from "../org/model";
import { SeededRandom, hashString } from "../util/random";

/** An attendance group (考勤组) with one shift: everyone in it punches in and out at these times. */
export interface AttendanceGroup {
  readonly groupId: number;
  readonly name: string;
  /** FIXED 固定班制, TURN 排班制, NONE 自由工时 (DingTalk's group types). */
  readonly type: "FIXED" | "TURN" | "NONE";
  readonly classId: number;
  readonly className: string;
  /** Minutes after midnight, Shanghai time. */
  readonly onDutyMinute: number;
  readonly offDutyMinute: number;
  /** Share of punches made away from the office (field sales punch outside often). */
  readonly outsideRate: number;
  readonly address: string;
  readonly latitude: number;
  readonly longitude: number;
  /** Relative share of the org assigned to the group. */
  readonly weight: number;
}

const SHAPES = [
  { name: "总部固定班", type: "FIXED", on: 9 * 60, off: 18 * 60, outside: 0.01, weight: 40, address: "上海市浦东新区张江路 88 号", lat: 31.2035, lng: 121.5904 },
  { name: "研发弹性班", type: "FIXED", on: 9 * 60 + 30, off: 18 * 60 + 30, outside: 0.01, weight: 28, address: "杭州市余杭区文一西路 969 号", lat: 30.2795, lng: 120.0258 },
  { name: "销售外勤组", type: "FIXED", on: 8 * 60 + 30, off: 17 * 60 + 30, outside: 0.35, weight: 12, address: "北京市朝阳区建国路 77 号", lat: 39.9087, lng: 116.4605 },
  { name: "门店轮班组", type: "TURN", on: 10 * 60, off: 19 * 60, outside: 0.02, weight: 10, address: "深圳市南山区科技园南区", lat: 22.5333, lng: 113.9447 },
  { name: "生产早班组", type: "TURN", on: 8 * 60, off: 17 * 60, outside: 0.005, weight: 10, address: "苏州市工业园区星湖街 328 号", lat: 31.2901, lng: 120.7382 },
] as const;

/** The org's attendance groups; their ids depend on the seed, like everything else in the org. */
export function attendanceGroups(seed: number): AttendanceGroup[] {
  const random = new SeededRandom(seed, hashString("attendance-groups"));
  const base = 100_000_000 + random.int(0, 800_000_000);
  return SHAPES.map((s, i) => ({
    groupId: base + i * 1_009,
    name: s.name,
    type: s.type,
    classId: base * 10 + i * 7,
    className: `${pad(Math.floor(s.on / 60))}:${pad(s.on % 60)}-${pad(Math.floor(s.off / 60))}:${pad(s.off % 60)}`,
    onDutyMinute: s.on,
    offDutyMinute: s.off,
    outsideRate: s.outside,
    address: s.address,
    latitude: s.lat,
    longitude: s.lng,
    weight: s.weight,
  }));
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** The group a person belongs to: fixed for a seed and userId, without storing a roster. */
export function groupOf(groups: readonly AttendanceGroup[], seed: number, userId: string): AttendanceGroup {
  const random = new SeededRandom(seed, hashString(`group|${userId}`));
  return random.pickWeighted(groups, (g) => g.weight);
}

/** How many people each group holds (counted once per org; cheap even for 100,000 people). */
export function groupMemberCounts(groups: readonly AttendanceGroup[], seed: number, org: Org): Map<number, number> {
  const counts = new Map<number, number>(groups.map((g) => [g.groupId, 0]));
  for (const user of org.users) {
    const group = groupOf(groups, seed, user.userId);
    counts.set(group.groupId, (counts.get(group.groupId) ?? 0) + 1);
  }
  return counts;
}
