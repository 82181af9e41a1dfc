import { eventBus } from "../events/bus";
import { GIVEN_NAME_CHARS, SURNAMES, SURNAME_TOTAL_WEIGHT } from "../org/names";
import type { User } from "../org/model";
import type { EmulatorState } from "../state";
import { stateSlot } from "../state-slot";
import { SeededRandom } from "../util/random";

/** One row of 离职记录 (`GET /v1.0/contact/empLeaveRecords`). */
export interface LeaveRecord {
  userId: string;
  name: string;
  stateCode: string;
  mobile: string;
  /** Emulator clock, ms. */
  leaveTime: number;
  leaveReason: string;
}

const REASONS = ["个人原因", "合同到期", "家庭原因", "职业发展", "薪资待遇", ""];
const DAY_MS = 86_400_000;

/**
 * People who left the org: a seeded history (about 3% of the org over the year before start)
 * plus everyone removed through the control API's org changes, recorded as they go. Removal
 * deletes the person from the org before `user_leave_org` is announced, so the log keeps the
 * last known details of everyone, refreshed on `user_add_org` / `user_modify_org`.
 */
export class LeaverLog {
  readonly records: LeaveRecord[];
  private known: Map<string, User>;

  constructor(private readonly state: EmulatorState) {
    this.records = seededLeavers(state);
    this.known = new Map(state.org.usersById);
  }

  follow(): () => void {
    return eventBus(this.state).subscribe((event) => {
      const ids = Array.isArray(event.data.userId) ? event.data.userId.filter((id): id is string => typeof id === "string") : [];
      for (const userId of ids) {
        if (event.eventType === "user_leave_org") this.left(userId, event.bornTime);
        else if (event.eventType === "user_add_org" || event.eventType === "user_modify_org") {
          const user = this.state.org.usersById.get(userId);
          if (user) this.known.set(userId, user);
        }
      }
    });
  }

  private left(userId: string, at: number): void {
    const user = this.known.get(userId);
    this.records.push({ userId, name: user?.name ?? "", stateCode: "86", mobile: user?.mobile ?? "", leaveTime: at, leaveReason: "" });
    this.known.delete(userId);
  }

  /** Records with leaveTime in [from, to], oldest first. */
  between(from: number, to: number): LeaveRecord[] {
    return this.records.filter((r) => r.leaveTime >= from && r.leaveTime <= to).sort((a, b) => a.leaveTime - b.leaveTime || a.userId.localeCompare(b.userId));
  }
}

function seededLeavers(state: EmulatorState): LeaveRecord[] {
  const rng = new SeededRandom(state.options.seed, 41);
  const count = Math.max(5, Math.round(state.options.users * 0.03));
  const start = state.clock.now();
  const out: LeaveRecord[] = [];
  for (let i = 0; i < count; i++) {
    const surname = rng.pickWeighted(SURNAMES, (s) => s.weight, SURNAME_TOTAL_WEIGHT);
    const given = Array.from({ length: rng.chance(0.6) ? 2 : 1 }, () => rng.pick(GIVEN_NAME_CHARS).char).join("");
    out.push({
      userId: `left${String(i + 1).padStart(6, "0")}`,
      name: surname.char + given,
      stateCode: "86",
      mobile: `1${rng.pick(["3", "5", "7", "8", "9"])}${rng.digits(9)}`,
      leaveTime: start - rng.int(1, 365) * DAY_MS - rng.int(0, DAY_MS - 1),
      leaveReason: rng.pick(REASONS),
    });
  }
  return out;
}

const leaverLog = stateSlot((state) => new LeaverLog(state));

/**
 * Starts recording leavers from now on (called once when the emulator starts, so that nobody
 * removed before the first 离职记录 call is missed) and again after each reset, once the event
 * bus of the new state exists.
 */
export function watchLeavers(state: EmulatorState): void {
  let stop = leaverLog(state).follow();
  state.onReset(() => {
    stop();
    stop = leaverLog(state).follow();
  });
}

export function leavers(state: EmulatorState): LeaverLog {
  return leaverLog(state);
}
