import type { EmulatorState } from "../state";
import { stateSlot } from "../state-slot";
import { attendanceGroups, groupMemberCounts, groupOf, type AttendanceGroup } from "./groups";
import { attendanceDay, leaveOn, type AttendanceDay, type LeaveSpan } from "./punches";
import { datesFrom, shanghaiDate } from "./workdays";

/** The org's attendance: groups and their member counts; every day is computed when asked for. */
export interface AttendanceBook {
  readonly groups: readonly AttendanceGroup[];
  memberCount(groupId: number): number;
  groupOfUser(userId: string): AttendanceGroup;
  /** Days of known people in [from, to] (dates "yyyy-MM-dd"), people in the order given. */
  days(userIds: readonly string[], from: string, to: string): AttendanceDay[];
  /** Leaves of known people on workdays in [from, to], people in the order given. */
  leaves(userIds: readonly string[], from: string, to: string): LeaveSpan[];
}

const book = stateSlot((state: EmulatorState): AttendanceBook => {
  const seed = state.options.seed;
  const groups = attendanceGroups(seed);
  let counts: Map<number, number> | null = null;
  const groupOfUser = (userId: string) => groupOf(groups, seed, userId);
  return {
    groups,
    memberCount(groupId) {
      counts ??= groupMemberCounts(groups, seed, state.org);
      return counts.get(groupId) ?? 0;
    },
    groupOfUser,
    days(userIds, from, to) {
      const dates = datesFrom(from, to);
      const now = state.clock.now();
      const out: AttendanceDay[] = [];
      for (const userId of userIds) {
        const user = state.org.usersById.get(userId);
        if (!user) continue;
        const group = groupOfUser(userId);
        const hired = shanghaiDate(user.hiredDate);
        for (const date of dates) if (date >= hired) out.push(attendanceDay(seed, userId, date, group, now));
      }
      return out;
    },
    leaves(userIds, from, to) {
      const dates = datesFrom(from, to);
      const out: LeaveSpan[] = [];
      for (const userId of userIds) {
        const user = state.org.usersById.get(userId);
        if (!user) continue;
        const group = groupOfUser(userId);
        const hired = shanghaiDate(user.hiredDate);
        for (const date of dates) {
          const leave = date >= hired ? leaveOn(seed, userId, date, group) : null;
          if (leave) out.push(leave);
        }
      }
      return out;
    },
  };
});

export function attendanceBook(state: EmulatorState): AttendanceBook {
  return book(state);
}
