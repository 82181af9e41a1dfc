/**
 * Tables the org generator draws from. Every Chinese character carries its pinyin so that
 * emails (zhangwei.1234@…) and pinyin search can be derived without a dictionary.
 */

export interface Syllable {
  readonly char: string;
  readonly pinyin: string;
}

export interface Surname extends Syllable {
  /** Relative frequency, roughly following the national surname ranking. */
  readonly weight: number;
}

const surname = (char: string, pinyin: string, weight: number): Surname => ({ char, pinyin, weight });

export const SURNAMES: readonly Surname[] = [
  surname("王", "wang", 72), surname("李", "li", 70), surname("张", "zhang", 66), surname("刘", "liu", 54),
  surname("陈", "chen", 46), surname("杨", "yang", 32), surname("黄", "huang", 25), surname("赵", "zhao", 22),
  surname("吴", "wu", 21), surname("周", "zhou", 21), surname("徐", "xu", 17), surname("孙", "sun", 15),
  surname("马", "ma", 15), surname("朱", "zhu", 14), surname("胡", "hu", 13), surname("郭", "guo", 12),
  surname("何", "he", 12), surname("高", "gao", 11), surname("林", "lin", 11), surname("罗", "luo", 10),
  surname("郑", "zheng", 10), surname("梁", "liang", 9), surname("谢", "xie", 8), surname("宋", "song", 8),
  surname("唐", "tang", 7), surname("许", "xu", 7), surname("韩", "han", 7), surname("冯", "feng", 7),
  surname("邓", "deng", 7), surname("曹", "cao", 6), surname("彭", "peng", 6), surname("曾", "zeng", 6),
  surname("肖", "xiao", 6), surname("田", "tian", 5), surname("董", "dong", 5), surname("袁", "yuan", 5),
  surname("潘", "pan", 5), surname("于", "yu", 5), surname("蒋", "jiang", 5), surname("蔡", "cai", 5),
  surname("余", "yu", 5), surname("杜", "du", 4), surname("叶", "ye", 4), surname("程", "cheng", 4),
  surname("苏", "su", 4), surname("魏", "wei", 4), surname("吕", "lv", 4), surname("丁", "ding", 4),
  surname("任", "ren", 4), surname("沈", "shen", 4), surname("姚", "yao", 3), surname("卢", "lu", 3),
  surname("姜", "jiang", 3), surname("崔", "cui", 3), surname("钟", "zhong", 3), surname("谭", "tan", 3),
  surname("陆", "lu", 3), surname("汪", "wang", 3), surname("范", "fan", 3), surname("金", "jin", 3),
  surname("石", "shi", 3), surname("廖", "liao", 3), surname("贾", "jia", 3), surname("夏", "xia", 3),
  surname("韦", "wei", 2), surname("方", "fang", 2), surname("白", "bai", 2), surname("邹", "zou", 2),
  surname("孟", "meng", 2), surname("熊", "xiong", 2), surname("秦", "qin", 2), surname("邱", "qiu", 2),
  surname("江", "jiang", 2), surname("尹", "yin", 2), surname("薛", "xue", 2), surname("闫", "yan", 2),
  surname("段", "duan", 2), surname("雷", "lei", 2), surname("侯", "hou", 2), surname("龙", "long", 2),
  surname("史", "shi", 2), surname("陶", "tao", 2), surname("黎", "li", 2), surname("贺", "he", 2),
  surname("顾", "gu", 2), surname("毛", "mao", 2), surname("郝", "hao", 2), surname("龚", "gong", 2),
  surname("邵", "shao", 2), surname("万", "wan", 2), surname("钱", "qian", 2), surname("严", "yan", 2),
  surname("欧阳", "ouyang", 1), surname("司马", "sima", 1), surname("上官", "shangguan", 1), surname("诸葛", "zhuge", 1),
];

export const SURNAME_TOTAL_WEIGHT = SURNAMES.reduce((sum, s) => sum + s.weight, 0);

const chars = (pairs: string): Syllable[] =>
  pairs
    .trim()
    .split(/\s+/)
    .map((pair) => {
      const [char, pinyin] = pair.split(":");
      return { char, pinyin };
    });

/** Characters common in given names, with their usual reading in a name. */
export const GIVEN_NAME_CHARS: readonly Syllable[] = chars(`
  伟:wei 芳:fang 娜:na 敏:min 静:jing 丽:li 强:qiang 磊:lei 军:jun 洋:yang 勇:yong 艳:yan 杰:jie
  娟:juan 涛:tao 明:ming 超:chao 秀:xiu 霞:xia 平:ping 刚:gang 桂:gui 英:ying 华:hua 玉:yu 兰:lan
  萍:ping 红:hong 鹏:peng 辉:hui 飞:fei 宇:yu 浩:hao 凯:kai 建:jian 国:guo 文:wen 斌:bin 晨:chen
  欣:xin 怡:yi 婷:ting 雪:xue 琳:lin 晶:jing 颖:ying 倩:qian 佳:jia 嘉:jia 慧:hui 思:si 雨:yu
  子:zi 涵:han 梓:zi 轩:xuan 睿:rui 博:bo 然:ran 宁:ning 泽:ze 昊:hao 天:tian 一:yi 诺:nuo 可:ke
  欢:huan 俊:jun 毅:yi 峰:feng 岩:yan 松:song 海:hai 波:bo 晓:xiao 东:dong 亮:liang 志:zhi 成:cheng
  荣:rong 春:chun 秋:qiu 冬:dong 月:yue 星:xing 云:yun 阳:yang 光:guang 新:xin 立:li 丹:dan 蕾:lei
  薇:wei 琪:qi 璐:lu 瑶:yao 露:lu 梦:meng 悦:yue 彤:tong 诗:shi 语:yu 墨:mo 逸:yi 航:hang 铭:ming
  晗:han 煜:yu 哲:zhe 瀚:han 远:yuan 卓:zhuo 健:jian 鑫:xin 磊:lei 帆:fan 鸣:ming 啸:xiao 程:cheng
  彬:bin 翔:xiang 达:da 骏:jun 曦:xi 安:an 馨:xin 妍:yan 菲:fei 珊:shan 莉:li 媛:yuan 蓉:rong 凤:feng
  洁:jie 秀:xiu 清:qing 宏:hong 振:zhen 永:yong 德:de 庆:qing 昌:chang 奇:qi 乐:le 朗:lang 皓:hao
`);

export interface Company {
  readonly name: string;
  /** The mail domain: pinyin of the short name. */
  readonly domain: string;
}

export const COMPANIES: readonly Company[] = [
  { name: "杭州云栖科技有限公司", domain: "yunqi-tech.com" },
  { name: "星河数智科技有限公司", domain: "xinghe-ai.com" },
  { name: "深圳远帆网络科技有限公司", domain: "yuanfan.net" },
  { name: "北京青禾软件有限公司", domain: "qinghe-soft.com" },
  { name: "上海澜石信息技术有限公司", domain: "lanshi-it.com" },
  { name: "成都锦程智能科技有限公司", domain: "jincheng-ai.com" },
  { name: "南京知行数据有限公司", domain: "zhixing-data.com" },
  { name: "苏州朗月科技有限公司", domain: "langyue.tech" },
];

export type DivisionKind =
  | "rd" | "product" | "design" | "sales" | "marketing" | "cs" | "ops"
  | "hr" | "finance" | "admin" | "legal" | "data" | "branch";

export interface Division {
  readonly name: string;
  readonly kind: DivisionKind;
  /** Second-level units typical for such a division. */
  readonly units: readonly string[];
}

/** First-level departments, in the order a growing company would create them. */
export const DIVISIONS: readonly Division[] = [
  { name: "研发中心", kind: "rd", units: ["前端组", "后端组", "移动端组", "测试组", "运维组", "架构组", "算法组", "数据平台组", "安全组", "基础设施组"] },
  { name: "产品部", kind: "product", units: ["用户产品组", "商业产品组", "平台产品组", "产品运营组"] },
  { name: "销售部", kind: "sales", units: ["华东大区", "华南大区", "华北大区", "西南大区", "华中大区", "大客户组"] },
  { name: "人力资源部", kind: "hr", units: ["招聘组", "培训发展组", "薪酬福利组", "HRBP组"] },
  { name: "财务部", kind: "finance", units: ["会计组", "资金组", "税务组", "预算组"] },
  { name: "行政部", kind: "admin", units: ["行政组", "IT支持组", "采购组"] },
  { name: "市场部", kind: "marketing", units: ["品牌组", "渠道组", "活动组", "内容组"] },
  { name: "设计部", kind: "design", units: ["交互设计组", "视觉设计组", "用户研究组"] },
  { name: "客户成功部", kind: "cs", units: ["售前支持组", "实施交付组", "客服组"] },
  { name: "运营部", kind: "ops", units: ["用户运营组", "内容运营组", "数据运营组"] },
  { name: "法务部", kind: "legal", units: ["合同组", "合规组"] },
  { name: "数据中心", kind: "data", units: ["数据分析组", "数据治理组", "商业智能组"] },
  { name: "上海分公司", kind: "branch", units: ["销售组", "交付组", "综合组"] },
  { name: "北京分公司", kind: "branch", units: ["销售组", "交付组", "综合组"] },
  { name: "深圳分公司", kind: "branch", units: ["销售组", "交付组", "综合组"] },
  { name: "成都分公司", kind: "branch", units: ["销售组", "交付组", "综合组"] },
  { name: "武汉分公司", kind: "branch", units: ["销售组", "交付组", "综合组"] },
  { name: "西安分公司", kind: "branch", units: ["销售组", "交付组", "综合组"] },
];

/** Third-level (and deeper) project teams. */
export const TEAM_NAMES: readonly string[] = [
  "支付项目组", "会员项目组", "搜索项目组", "推荐项目组", "风控项目组", "增长项目组",
  "客服项目组", "报表项目组", "消息项目组", "审批项目组", "考勤项目组", "日程项目组",
];

export const TITLES: Readonly<Record<DivisionKind, readonly string[]>> = {
  rd: ["工程师", "高级工程师", "资深工程师", "技术专家", "前端工程师", "后端工程师", "测试工程师", "运维工程师"],
  product: ["产品经理", "高级产品经理", "产品专员"],
  design: ["交互设计师", "视觉设计师", "用户研究员"],
  sales: ["销售经理", "客户经理", "销售代表", "大客户经理"],
  marketing: ["市场专员", "品牌经理", "活动策划"],
  cs: ["客户成功经理", "实施顾问", "客服专员"],
  ops: ["运营专员", "运营经理"],
  hr: ["HRBP", "招聘专员", "培训专员", "薪酬专员"],
  finance: ["会计", "出纳", "财务分析师", "税务专员"],
  admin: ["行政专员", "IT支持工程师", "采购专员"],
  legal: ["法务专员", "合规经理"],
  data: ["数据分析师", "数据工程师"],
  branch: ["销售代表", "实施顾问", "行政专员"],
};

/** Titles of the people who head a department, by its depth below the root (1, 2, 3+). */
export const HEAD_TITLES: readonly string[] = ["总监", "经理", "组长"];
export const CEO_TITLE = "首席执行官";

export const WORK_PLACES: readonly string[] = ["杭州", "上海", "北京", "深圳", "成都", "武汉", "西安", "南京"];

const CN_DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/** 1 → 一, 12 → 十二, 35 → 三十五; beyond 99 plain digits read fine in a name. */
export function chineseNumeral(n: number): string {
  if (n < 10) return CN_DIGITS[n];
  if (n < 20) return "十" + (n % 10 === 0 ? "" : CN_DIGITS[n % 10]);
  if (n < 100) return CN_DIGITS[Math.floor(n / 10)] + "十" + (n % 10 === 0 ? "" : CN_DIGITS[n % 10]);
  return String(n);
}

/**
 * The n-th department built from the same base name under one parent: 前端组, 前端二组, 前端三组…;
 * names of siblings must stay unique (DingTalk refuses duplicates with 60008).
 */
export function numberedName(base: string, n: number): string {
  if (n <= 1) return base;
  const numeral = chineseNumeral(n);
  if (base.endsWith("项目组")) return base.slice(0, -3) + "项目" + numeral + "组";
  if (base.endsWith("组")) return base.slice(0, -1) + numeral + "组";
  return base + numeral + "部";
}
