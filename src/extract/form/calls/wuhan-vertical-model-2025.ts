/** 武汉市垂直行业模型项目申报书 (seed 000, 附件1). The notice sets no 字数 limits. */
import type { FormSpec } from "../types.js";
import {
  FILING_INSTRUCTION, INTRO_COMPANY, SECTION_INNOVATION_MODEL, SECTION_OVERVIEW, WUHAN_NATURES,
  baseModelDerived, check, contacts, f, filingDerived, group, staffRow, unitBasics,
} from "./_shared.js";

export const wuhanVerticalModel2025: FormSpec = {
  callId: "wuhan-vertical-model-2025",
  title: "武汉市垂直行业模型项目申报书",
  fields: [
    ...unitBasics,
    check("单位性质", "applicant.nature", WUHAN_NATURES),
    f("联合体成员单位（如有）", "applicant.consortium", "text", { instruction: "（若以联合体形式申报，联合体成员数量不超过3家）" }),
    group("联系人情况"),
    ...contacts("申报人姓名"),
    group("单位经营情况"),
    f("2024年营业收入（万元）", "finance.revenue.{year}", "amount"),
    f("2024年人工智能营业收入（万元）", "finance.aiRevenue.{year}", "amount"),
    ...staffRow(),
    f("单位情况介绍", "applicant.intro", "longText", { instruction: INTRO_COMPANY }),
    f("模型名称", "model.name"),
    f("近三年模型研发成本（万元）", "model.rdCost", "amount", { instruction: "（近三年时间: 2022年10月1日至2025年9月30日）" }),
    check("模型领域", "model.domain", [
      "工业制造（含电子信息制造、装备制造、汽车制造、材料制造、生物医药和医疗器械制造、消费品制造等）",
      "工业质检", "教育（含科研）", "医疗", "遥感", "文创", "金融", "城市管理", "政务办公", "其他（请注明）",
    ]),
    check("模型类型", "model.type", ["语言大模型", "视觉大模型", "多模态大模型", "其他（请注明）"]),
    group("模型指标"),
    f("参数量（亿）", "model.paramsYi", "params"),
    f("训练数据量（TB）", "model.trainingDataTB", "dataTB"),
    f("备案情况", "model.filing", "text", { instruction: FILING_INSTRUCTION, derive: filingDerived }),
    f("模型底座来源", "model.baseModelSource", "text", { derive: [baseModelDerived] }),
    check("模型服务方式", "model.serviceMode", ["APP", "网页", "API接口", "其他（请注明）"]),
    f("近三年模型研发资金来源及组成", "model.rdFunding", "longText", {
      instruction: "（自筹、财政资金或其他，请详细介绍。研发资金组成，包括语料和数据费用、模型开发费用、测试费用、人工费用、设备采购和材料费用等）",
    }),
  ],
  sections: [
    { key: "project.overview", label: "项目概述", instruction: SECTION_OVERVIEW },
    { key: "project.innovation", label: "技术创新", instruction: SECTION_INNOVATION_MODEL },
    {
      key: "project.effect",
      label: "应用成效",
      instruction:
        "包括垂直行业模型应用案例，介绍投入产出比、可带来的经济效益及社会效益，可与使用技术前进行对比，包括但不限于问题解决情况、效益提升、服务改善、管理优化、产品升级等方面的成效。如有多领域应用请分别描述。",
    },
  ],
  cover: [
    { label: "申报单位", key: "cover.applicant", kind: "text" },
    { label: "模型名称", key: "cover.modelName", kind: "text" },
    { label: "单位地址", key: "cover.address", kind: "text" },
    { label: "申报日期", key: "cover.date", kind: "date" },
  ],
  structural: [],
};
