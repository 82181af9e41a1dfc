import type { Command } from "../command";
import type { CommandGroup } from "../help";
import { attendanceCommands } from "./attendance";
import { calendarCommands } from "./calendar";
import { contactCommands } from "./contacts";
import { departmentCommands } from "./departments";
import { docsCommands } from "./docs";
import { messagingCommands } from "./messaging";
import { streamCommands } from "./stream";
import { workflowCommands } from "./workflow";

/** Every command of `dingtalk`, grouped as `--help` lists them. */
export const COMMAND_GROUPS: readonly CommandGroup[] = [
  { title: "People (通讯录)", commands: contactCommands },
  { title: "Departments (部门)", commands: departmentCommands },
  { title: "Messages and robots (消息)", commands: messagingCommands },
  { title: "Approvals (审批)", commands: workflowCommands },
  { title: "Calendar (日程)", commands: calendarCommands },
  { title: "Attendance (考勤)", commands: attendanceCommands },
  { title: "Documents (知识库)", commands: docsCommands },
  { title: "Stream mode", commands: streamCommands },
];

const BY_NAME = new Map<string, Command>(COMMAND_GROUPS.flatMap((g) => g.commands.map((c) => [c.name, c] as const)));

export function findCommand(name: string): Command | undefined {
  return BY_NAME.get(name);
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** The closest command name, when one is close enough to be a typo. */
export function suggestCommand(name: string): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const candidate of BY_NAME.keys()) {
    const d = distance(name, candidate);
    if (!best || d < best.d) best = { name: candidate, d };
  }
  return best && best.d <= Math.max(2, Math.floor(name.length / 4)) ? best.name : undefined;
}
