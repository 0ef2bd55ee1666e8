/** 湖南省制造业数字化转型促进中心 申报信息表 (seed 003). 字数 limits are the form's own. */
import type { FieldSpec, FormSpec } from "../types.js";
import { check, f, group } from "./_shared.js";
import { HUNAN_HONOUR_HEADERS, honoursGroup, hunanCover, hunanOperations, hunanRegistration } from "./_hunan.js";

const yearly = (label: string, key: string, kind: FieldSpec["kind"]): FieldSpec =>
  f(label, key, kind, { at: "matrix" });
const long = (label: string, key: string, instruction: string, maxChars: number): FieldSpec =>
  f(label, key, "longText", { instruction, maxChars });

export const hunanDigitalCenter2025: FormSpec = {
  callId: "hunan-digital-center-2025",
  title: "湖南省制造业数字化转型促进中心项目申报书",
  fields: [
    f("牵头单位名称", "applicant.name"),
    ...hunanRegistration,
    f("项目负责人", "principal.name"),
    f("职务职称", "principal.title", "text", { row: "项目负责人" }),
    f("联系电话", "principal.phone", "phone", { row: "项目负责人" }),
    check("牵头单位类型", "applicant.kind", ["制造业企业", "服务商", "科研院所", "其它(请标明)"]),
    f("联合体其他成员单位名称与类型", "applicant.consortium", "text", { at: "rows" }),
    honoursGroup("牵头单位所获荣誉（省级及以上）"),
    ...hunanOperations(false),
    f("建设总投资额（万元）", "center.investment", "text", {
      instruction: "计划投入：（万元）实际已完成投入：（万元）",
      derive: [
        { key: "center.investmentPlanned", kind: "amount", pattern: /计划投入\s*[:：]\s*(\d[\d,.]*)/u },
        { key: "center.investmentActual", kind: "amount", pattern: /实际已完成投入\s*[:：]\s*(\d[\d,.]*)/u },
      ],
    }),
    f("技术团队人员情况", "center.team", "text", {
      instruction: "总共    人，其中行业技术人才与数字化专业人才    人，占  %",
      derive: [
        { key: "center.teamTotal", kind: "integer", pattern: /总共\s*(\d+\s*人)/u },
        { key: "center.teamDigital", kind: "integer", pattern: /其中[^\d]*(\d+\s*人)/u },
        { key: "center.teamDigitalPercent", kind: "percent", pattern: /占\s*(\d+(?:\.\d+)?\s*%)/u },
      ],
    }),
    check("服务行业类型（选择1个主要行业）", "center.industry", [
      "有色",
      "电子",
      "石化",
      "轻工",
      "食品",
      "冶金",
      "煤炭",
      "机械",
      "建材",
      "纺织",
      "电力",
      "医药",
      "其他",
    ]),
    group("服务能力"),
    yearly("服务数字化转型改造实施企业数量", "center.servedCompanies.{year}", "integer"),
    yearly("开展的数字化改造实施服务项目合同金额", "center.contractAmount.{year}", "amount"),
    yearly("组织人才培训人次", "center.trainees.{year}", "integer"),
    group("资源条件"),
    yearly("汇聚投融资机构数量", "center.investors.{year}", "integer"),
    yearly("对接成功的企业融资金额", "center.financing.{year}", "amount"),
    yearly("汇聚高校、科研院所数量", "center.universities.{year}", "integer"),
    yearly("汇聚制造业数字化转型服务商数量", "center.providers.{year}", "integer"),
    long(
      "促进中心简介",
      "center.intro",
      "简述促进中心建设主体（含成员单位）基本情况、服务设施与场地、人才结构、项目投资（仪器设备、网络保障、人力成本等）等情况，促进中心创建优势等。（不超过1000字）",
      1000,
    ),
    long(
      "基础能力",
      "center.basis",
      "简述促进中心近两年面向重点行业开展数字化转型服务、人才培训、生态活动情况以及对制造业中小企业提供优惠服务情况，服务行业形成的解决方案、技术产品情况、沉淀的行业数据集、模型库等情况，参与过的国家/省市政策制定及落实情况等。（不超过2000字，可附图进行必要说明）",
      2000,
    ),
    long(
      "建设目标",
      "center.goals",
      "简述促进中心的发展定位和主要目标。其中，发展定位应明确服务的主要行业，主要目标应包括服务成效目标、经济效益目标，社会效益目标三方面。（不超过500字，可附图进行必要说明）",
      500,
    ),
    long(
      "主要建设内容",
      "center.content",
      "结合实际，围绕《湖南省制造业数字化转型促进中心项目参考指引》提出的评估咨询、方案开发、项目实施、供需对接、设施联通、数据共享、人才培训、政策宣贯等8方面建设内容中的至少3项，简述本促进中心的建设重点和建设任务。具备条件的要细化为可落地可执行可考核的具体项目。（不超过3000字，可附图进行必要说明）",
      3000,
    ),
    long(
      "建设成效",
      "center.effect",
      "简述促进中心建设对所服务企业数字化转型的成效及带来的效益，对行业和区域的影响和带动作用。（不超过1000字，可附图进行必要说明）",
      1000,
    ),
    long(
      "组织保障与可持续性",
      "center.governance",
      "简述促进中心自身的管理机制，资金管理机制，收益分配机制，任务考核机制，人才团队建设等，促进中心所在市（州）、县（市、区）工业和信息化主管部门给予的资金、政策、场所等支持情况。（不超过500字）",
      500,
    ),
  ],
  sections: [],
  cover: hunanCover,
  structural: [
    "单位基本信息",
    "1",
    "2",
    "3",
    "4",
    "5",
    "6",
    ...HUNAN_HONOUR_HEADERS,
    "牵头单位主要经营状况",
    "经营指标",
    "2023年",
    "2024年",
    "促进中心概况",
    "年度",
  ],
};
