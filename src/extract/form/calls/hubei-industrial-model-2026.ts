/** 湖北省工业领域专用模型项目申报书 (seed 001, 附件1). The notice sets no 字数 limits. */
import type { FormSpec } from "../types.js";
import {
  INTRO_COMPANY, SECTION_INNOVATION_MODEL, SECTION_OVERVIEW, baseModelDerived, check, contacts, f, group, unitBasics,
} from "./_shared.js";

export const hubeiIndustrialModel2026: FormSpec = {
  callId: "hubei-industrial-model-2026",
  title: "湖北省工业领域专用模型项目申报书",
  fields: [
    ...unitBasics,
    check("单位性质", "applicant.nature", ["国有企业", "合资企业", "民营企业", "外资企业", "事业单位", "其他（请注明）"]),
    f("联合体成员单位（如有）", "applicant.consortium", "text", {
      instruction: "（若以联合体形式申报，联合体成员单位数量不超过3家，需明确牵头单位及各成员单位职责分工）",
    }),
    group("联系人情况"),
    ...contacts("申报人姓名"),
    group("单位经营情况"),
    f("2025年营业收入（万元）", "finance.revenue.{year}", "amount"),
    f("2025年人工智能营业收入（万元）", "finance.aiRevenue.{year}", "amount"),
    group("单位人才情况"),
    f("员工总数", "staff.total", "integer"),
    f("研发人员数量", "staff.rd", "integer"),
    f("单位情况介绍", "applicant.intro", "longText", { instruction: INTRO_COMPANY }),
    f("工业模型名称", "model.name"),
    check("模型服务行业", "model.industry", ["原材料", "装备制造", "消费品（包括生物医药等）", "电子信息", "软件和信息服务业", "其他（请注明）"]),
    check("模型类别", "model.type", ["单模态大模型", "多模态大模型", "任务型模型", "其他（请注明）"]),
    group("模型指标"),
    f("参数量（亿）", "model.paramsYi", "params"),
    f("训练数据量（TB）", "model.trainingDataTB", "dataTB"),
    f("模型能力", "model.capability", "longText", {
      instruction:
        "技术支持度: 感知能力 (工业质量检测、工业安全防护)、对话能力 (对话指令理解、工业知识问答)、分析能力 (故障诊断分析、工业数据分析)、生成能力 (工业产品设计、工业文本生成)、决策能力 (生产资源调度、工业运营决策); 应用成熟度: 通用场景 (包括生产优化场景、分类识别场景、知识管理场景、生产运营场景、节能环保场景等), 服务成熟度 (包括风险控制、服务稳定、互联集成、自诊断能力、攻击防范性、输出控制、可追溯性等)。",
    }),
    f("模型底座来源", "model.baseModelSource", "text", { derive: [baseModelDerived] }),
    check("模型服务方式", "model.serviceMode", ["APP", "网页", "API接口", "其他（请注明）"]),
    f("模型研发起止时间", "model.rdPeriod"),
    f("2025年度模型研发成本（万元）", "model.rdCost", "amount", { instruction: "（2025 年 1 月 1 日至 2025 年 12 月 30 日）" }),
    f("2025年度模型研发成本组成（万元）", "model.rdCostBreakdown", "longText", {
      instruction: "（说明研发资金详细组成, 包括购买服务、购买设备、员工工资等）",
    }),
  ],
  sections: [
    { key: "project.overview", label: "项目概述", instruction: SECTION_OVERVIEW },
    { key: "project.innovation", label: "技术创新", instruction: SECTION_INNOVATION_MODEL },
    {
      key: "project.effect",
      label: "应用成效",
      instruction:
        "包括工业模型应用案例，介绍投入产出比、可带来的经济效益及社会效益，可与使用技术前进行对比，包括但不限于问题解决情况、效益提升、服务改善、管理优化、产品升级等方面的成效。如有多领域应用请分别描述。可通过销售合同及销售发票进行佐证。",
    },
  ],
  cover: [
    { label: "申报单位", key: "cover.applicant", kind: "text" },
    { label: "模型名称", key: "cover.modelName", kind: "text" },
    { label: "模型类别", key: "cover.modelCategory", kind: "text", options: ["单模态大模型", "多模态大模型", "任务型模型", "其他（请注明）"] },
    { label: "推荐单位", key: "cover.recommender", kind: "text" },
    { label: "联系人", key: "cover.contact", kind: "text" },
    { label: "联系方式", key: "cover.phone", kind: "text" },
    { label: "申报日期", key: "cover.date", kind: "date" },
  ],
  structural: [],
};
