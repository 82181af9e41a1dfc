import type { Org, User } from "../org/model";
import { markdownToBlocks } from "./markdown";
import { DocsStore, type DocRole, type DocType, type DocWorkspace } from "./store";

const DAY = 86_400_000;

/** A folder or document of a seeded workspace; documents carry their body as markdown. */
type SeedNode =
  | { name: string; docType: "FOLDER"; children: SeedNode[] }
  | { name: string; docType: Exclude<DocType, "FOLDER">; markdown: string };

interface SeedWorkspace {
  name: string;
  description: string;
  /** Positions in the org's active people: the owner, then editors and viewers. */
  owner: number | "admin";
  editors: number[];
  viewers: number[];
  tree: SeedNode[];
}

const doc = (name: string, markdown: string): SeedNode => ({ name, docType: "DOC", markdown });
const folder = (name: string, children: SeedNode[]): SeedNode => ({ name, docType: "FOLDER", children });

const WORKSPACES: SeedWorkspace[] = [
  {
    name: "公司制度",
    description: "公司各项规章制度与流程规范，全体员工须知。",
    owner: "admin",
    editors: [1, 2],
    viewers: [3, 4, 5, 6, 7, 8, 9, 10],
    tree: [
      doc("员工手册", `# 员工手册

欢迎加入公司！本手册介绍公司的基本制度，请在入职第一周内读完。

## 工作时间

公司实行标准工时制，工作时间为 **9:00–18:00**，午休 12:00–13:00。

## 行为准则

- 诚信守法，遵守公司各项规章制度
- 保守公司商业秘密，不对外泄露客户信息
- 尊重同事，营造开放、协作的工作氛围

> 如对本手册有任何疑问，请联系人力资源部。
`),
      folder("人事制度", [
        doc("考勤管理制度", `# 考勤管理制度

## 一、打卡规定

1. 员工每日上下班须在钉钉打卡
2. 外出办公须提前在钉钉提交外出申请
3. 忘记打卡的，须在三个工作日内提交补卡申请

## 二、迟到与早退

| 情形 | 认定标准 | 处理方式 |
| --- | --- | --- |
| 迟到 | 晚于 9:00 打卡 | 每月三次以内不扣款 |
| 严重迟到 | 晚于 9:30 打卡 | 按半天事假处理 |
| 早退 | 早于 18:00 打卡 | 按迟到处理 |

> 因公司业务需要加班至 22:00 以后的，次日可弹性于 10:00 前到岗。
`),
        doc("请假与休假制度", `# 请假与休假制度

## 假期类型

- 年假：工作满一年享受 5 天，满十年享受 10 天
- 病假：须提供二级以上医院的诊断证明
- 事假：按日扣除当日工资
- 婚假、产假、陪产假：按国家及地方规定执行

## 请假流程

1. 在钉钉发起“请假”审批
2. 直属主管审批；三天以上须部门负责人审批
3. 审批通过后由人力资源部备案
`),
      ]),
      folder("财务制度", [
        doc("费用报销管理办法", `# 费用报销管理办法

## 报销原则

费用报销遵循“真实、合理、节约”的原则，所有报销须附合规发票。

## 报销标准

| 费用类别 | 标准 | 备注 |
| --- | --- | --- |
| 市内交通 | 实报实销 | 加班至 21:00 后可打车 |
| 业务招待 | 每人每餐 200 元以内 | 须事先申请 |
| 办公用品 | 单次 500 元以内 | 超出须走采购流程 |

## 报销时限

费用发生后 **30 天内** 在钉钉提交“报销”审批，逾期不予受理。
`),
        doc("差旅标准", `# 差旅标准

## 住宿标准（每晚）

| 城市 | 普通员工 | 经理及以上 |
| --- | --- | --- |
| 北京、上海、深圳 | 500 元 | 700 元 |
| 省会城市 | 400 元 | 550 元 |
| 其他城市 | 300 元 | 450 元 |

## 交通工具

- 高铁二等座、飞机经济舱
- 出差须提前在钉钉提交“出差”审批
`),
        // Content the block API does not expose (a code block reads as `unknown`), and a workbook.
        doc("报销系统对接说明", `# 报销系统对接说明

财务系统每晚从钉钉审批拉取已通过的报销单，接口如下：

\`\`\`http
GET /api/reimbursements?status=approved
\`\`\`

> 对接问题请联系财务部。
`),
        { name: "报销台账", docType: "WORKBOOK", markdown: "" },
      ]),
    ],
  },
  {
    name: "研发文档",
    description: "研发中心的技术方案、开发规范和运维手册。",
    owner: 3,
    editors: [4, 5],
    viewers: [6, 7, 8, 0],
    tree: [
      folder("架构设计", [
        doc("系统架构概览", `# 系统架构概览

## 总体结构

系统由接入层、业务服务层和数据层组成，服务之间通过消息队列解耦。

## 技术选型

| 层次 | 选型 | 说明 |
| --- | --- | --- |
| 接入层 | Nginx + Node.js | 负责鉴权与限流 |
| 服务层 | TypeScript 微服务 | 按业务域拆分 |
| 数据层 | PostgreSQL + Redis | 主从复制，读写分离 |

> 新增服务前须在架构评审会上评审。
`),
      ]),
      folder("开发规范", [
        doc("代码评审规范", `# 代码评审规范

## 提交要求

- 每个合并请求只做一件事，改动不超过 400 行
- 提交说明须写清“为什么改”
- 必须附带能够失败的测试

## 评审流程

1. 作者自查并通过持续集成
2. 至少一名同组同事评审通过
3. 涉及数据库结构变更的，须 DBA 评审
`),
        doc("Git 分支规范", `# Git 分支规范

- main：随时可发布
- feature/*：功能分支，从 main 拉出
- hotfix/*：线上紧急修复

> 禁止直接向 main 推送代码。
`),
      ]),
      folder("运维手册", [
        folder("发布流程", [
          doc("生产环境发布检查清单", `# 生产环境发布检查清单

1. 确认变更已通过预发环境验证
2. 在钉钉群通知相关方发布时间
3. 准备回滚方案
4. 发布后观察监控 30 分钟
`),
        ]),
        doc("值班制度", `# 值班制度

研发中心实行 7×24 小时轮值，值班表每月初在钉钉群公布。

## 故障等级

| 等级 | 描述 | 响应时间 |
| --- | --- | --- |
| P0 | 核心业务不可用 | 5 分钟 |
| P1 | 部分功能受损 | 30 分钟 |
| P2 | 体验问题 | 下一个工作日 |
`),
      ]),
    ],
  },
  {
    name: "产品手册",
    description: "面向客户与销售同事的产品介绍、使用指南和常见问题。",
    owner: 6,
    editors: [7],
    viewers: [0, 1, 2, 3, 9, 11, 12],
    tree: [
      doc("产品介绍", `# 产品介绍

智慧办公平台帮助企业打通组织、审批、考勤与文档，让协作更高效。

## 核心功能

- 组织架构与通讯录管理
- 审批流程自定义
- 考勤统计与报表
- 知识库与在线文档
`),
      doc("快速入门", `# 快速入门

## 第一步：创建企业

1. 下载并登录钉钉
2. 选择“创建企业/组织”，填写企业信息
3. 邀请同事加入

## 第二步：配置审批

在工作台打开“审批”，选择模板即可启用。
`),
      folder("常见问题", [
        doc("账号与登录", `# 账号与登录

## 忘记密码怎么办？

在登录页点击“忘记密码”，通过手机验证码重置。

## 可以用多个手机号登录吗？

不可以。一个钉钉账号只能绑定一个手机号。
`),
      ]),
    ],
  },
];

/** The knowledge base every emulated org starts with: three workspaces with folders and documents. */
export function seedDocs(store: DocsStore, org: Org, now: number): void {
  const active = org.users.filter((u) => u.active);
  const people = active.length > 0 ? active : org.users;
  if (people.length === 0) return;
  const person = (k: number): User => people[k % people.length];
  WORKSPACES.forEach((seed, w) => {
    const owner = seed.owner === "admin" ? (org.admins[0] ?? person(0)) : person(seed.owner);
    let time = now - (400 - w * 60) * DAY;
    const workspace = store.addWorkspace({ name: seed.name, description: seed.description, ownerId: owner.unionId, createTime: time });
    grant(workspace, seed.editors.map(person), "editor");
    grant(workspace, seed.viewers.map(person), "viewer");
    const plant = (nodes: SeedNode[], parentNodeId: string) => {
      for (const node of nodes) {
        time += 3 * DAY;
        const created = store.createNode({ workspaceId: workspace.workspaceId, parentNodeId, name: node.name, docType: node.docType, creatorId: owner.unionId, time });
        if (node.docType === "FOLDER") plant(node.children, created.nodeId);
        else store.setBlocks(created, markdownToBlocks(node.markdown), owner.unionId, time);
      }
    };
    plant(seed.tree, workspace.rootNodeId);
  });
}

function grant(workspace: DocWorkspace, users: User[], role: DocRole): void {
  // The owner keeps the strongest role even when a position repeats in a small org.
  for (const u of users) if (!workspace.members.has(u.unionId)) workspace.members.set(u.unionId, role);
}
