import type { Org, User } from "../org/model";
import { SeededRandom } from "../util/random";
import type { WorkflowEngine } from "./engine";
import type { FormValueInput } from "./forms";
import { EXPENSE_CATEGORIES, HISTORY_TEMPLATES, LEAVE_TYPES, TEMPLATES, canSee, type ProcessTemplate } from "./templates";

export const HISTORY_SIZE = 300;
export const HISTORY_DAYS = 90;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Dates as the form controls want them, in Asia/Shanghai. */
function day(ms: number): string {
  return new Date(ms + 8 * HOUR_MS).toISOString().slice(0, 10);
}

function sampleForm(template: ProcessTemplate, rng: SeededRandom, at: number): FormValueInput[] {
  const v = (name: string, value: string): FormValueInput => ({ name, value });
  const from = at + rng.int(1, 14) * DAY_MS;
  switch (template.sample) {
    case "leave": {
      const days = rng.int(1, 5);
      return [
        v("请假类型", rng.pick(LEAVE_TYPES)), v("开始时间", `${day(from)} 09:00`), v("结束时间", `${day(from + (days - 1) * DAY_MS)} 18:00`),
        v("请假天数", String(days)), v("请假事由", rng.pick(["家中有事", "身体不适，需要休息", "回老家探亲", "办理个人事务"])),
      ];
    }
    case "expense": {
      const rows = rng.int(1, 3);
      const amounts = Array.from({ length: rows }, () => rng.int(20, 3000));
      return [
        v("报销金额", amounts.reduce((a, b) => a + b, 0).toFixed(2)), v("报销类别", rng.pick(EXPENSE_CATEGORIES)),
        { name: "费用明细", details: amounts.map((amount, i) => ({ details: [{ name: "费用说明", value: `费用 ${i + 1}` }, { name: "金额", value: amount.toFixed(2) }] })) },
        v("发票", JSON.stringify(amounts.map((_, i) => `发票${i + 1}.pdf`))),
      ];
    }
    case "trip": {
      const days = rng.int(1, 6);
      return [
        v("出差事由", rng.pick(["拜访客户", "项目交付", "参加行业会议", "分公司支援"])), v("目的地", rng.pick(["上海", "北京", "深圳", "成都", "武汉", "西安"])),
        v("出发日期", day(from)), v("返回日期", day(from + (days - 1) * DAY_MS)), v("出差天数", String(days)), v("交通工具", rng.pick(["飞机", "火车", "汽车"])),
      ];
    }
    case "purchase":
      return [v("采购事由", "部门日常所需"), v("采购类型", rng.pick(["办公用品", "IT设备", "其他"])), v("预计金额", String(rng.int(100, 50_000)))];
    case "contract":
      return [v("合同名称", `服务合同-${rng.int(1000, 9999)}`), v("客户名称", rng.pick(["华东客户", "华南客户", "重点客户"])), v("合同金额", String(rng.int(10_000, 900_000)))];
    case "overtime":
      return [v("开始时间", `${day(from)} 19:00`), v("加班时长", String(rng.int(1, 4))), v("加班原因", rng.pick(["版本上线", "客户紧急需求", "月末结账"]))];
    case "seal":
      return [v("印章类型", rng.pick(["公章", "合同章", "财务章"])), v("文件名称", `文件-${rng.int(1000, 9999)}`), v("用印份数", String(rng.int(1, 5)))];
    default:
      return [v("申请内容", rng.pick(["申请开通系统权限", "申请使用会议室", "申请调整工位", "申请外部培训"]))];
  }
}

/** The running tasks of an instance, oldest first (what the next approver acts on). */
function runningTasks(engine: WorkflowEngine, id: string) {
  return engine.get(id).tasks.filter((t) => t.status === "RUNNING");
}

/**
 * A few hundred past approvals across the org over the last 90 days: most decided, some
 * refused or revoked, recent ones still running. Same seed, same history (ids, people, forms);
 * only the times follow the emulator clock at first use.
 */
export function seedHistory(engine: WorkflowEngine, org: Org, seed: number, now: number): void {
  seedInstances(engine, org, { seed, now, count: HISTORY_SIZE, days: HISTORY_DAYS, stream: 41, templates: HISTORY_TEMPLATES });
}

export interface SeedInstancesOptions {
  seed: number;
  now: number;
  count: number;
  /** Start times spread over this many days before `now`. */
  days: number;
  /** Which random stream of the seed; another stream gives other instances. */
  stream: number;
  /** Templates to start; each originator uses those visible to them. Default: every template. */
  templates?: readonly ProcessTemplate[];
  /** Pick templates evenly instead of leave and expense more often. */
  evenly?: boolean;
}

/** Starts `count` past instances and moves each to a plausible outcome, without announcing any of it. */
export function seedInstances(engine: WorkflowEngine, org: Org, options: SeedInstancesOptions): number {
  const { now } = options;
  const people = org.users.filter((u) => u.active);
  if (people.length < 2) return 0;
  const rng = new SeededRandom(options.seed, options.stream);
  const pool = options.templates ?? TEMPLATES;
  const starts = Array.from({ length: options.count }, () => now - rng.int(60, options.days * 24 * 60) * 60_000).sort((a, b) => a - b);
  let started = 0;
  engine.quietly(() => {
    for (const at of starts) {
      const originator: User = rng.pick(people);
      const templates = pool.filter((t) => canSee(org, originator, t));
      if (templates.length === 0) continue;
      const template = options.evenly
        ? rng.pick(templates)
        : rng.pickWeighted(templates, (t) => (t.sample === "leave" ? 4 : t.sample === "expense" ? 3 : 1.5));
      const instance = engine.start({ processCode: template.processCode, originatorUserId: originator.userId, formComponentValues: sampleForm(template, rng, at) }, at);
      started++;
      if (instance.status !== "RUNNING") continue;
      const ageDays = (now - at) / DAY_MS;
      const roll = rng.next();
      const outcome = ageDays > 10
        ? roll < 0.7 ? "agree" : roll < 0.85 ? "refuse" : "terminate"
        : roll < 0.5 ? "running" : roll < 0.8 ? "agree" : roll < 0.9 ? "refuse" : "terminate";
      // Each step happens a few hours after the last, never past now.
      let t = at;
      const later = () => (t = Math.min(now, t + rng.int(1, 20) * HOUR_MS));
      if (outcome === "terminate") {
        engine.terminate({ processInstanceId: instance.processInstanceId, isSystem: false, operatingUserId: originator.userId, remark: "不需要了" }, later());
        continue;
      }
      if (outcome === "running") {
        // Some running ones have passed their first approver already.
        const first = runningTasks(engine, instance.processInstanceId)[0];
        if (first && instance.nodes.length > 1 && rng.chance(0.4)) {
          engine.execute({ processInstanceId: instance.processInstanceId, taskId: first.taskId, actionerUserId: first.userId, result: "agree" }, later());
        }
        continue;
      }
      const refuseAt = outcome === "refuse" ? rng.int(0, instance.nodes.length - 1) : -1;
      for (let step = 0; instance.status === "RUNNING"; step++) {
        const task = runningTasks(engine, instance.processInstanceId)[0];
        if (!task) break;
        const refuse = step === refuseAt;
        engine.execute({
          processInstanceId: instance.processInstanceId, taskId: task.taskId, actionerUserId: task.userId,
          result: refuse ? "refuse" : "agree", remark: refuse ? "请补充说明后重新提交" : rng.chance(0.3) ? "同意" : undefined,
        }, later());
      }
    }
  });
  return started;
}
