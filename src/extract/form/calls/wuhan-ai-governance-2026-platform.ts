/** 武汉市人工智能+社会治理公共服务平台申报书 (seed 002, 附件3). */
import type { DerivedSpec, FormSpec } from "../types.js";
import { INTRO_COMPANY, check, f, group } from "./_shared.js";
import { governanceCover, governanceUnit, partnerIntro } from "./_governance.js";

/** 「8000/3000」「总营收8000万元，人工智能收入3000万元」: the second number is the AI part. */
const secondAmount = (key: string): DerivedSpec => ({
  key,
  kind: "amount",
  pattern: /\d[\d,]*(?:\.\d+)?\s*(?:万元|万)?[^\d]+?(\d[\d,]*(?:\.\d+)?\s*(?:万元|万)?)/u,
});

export const wuhanAiGovernancePlatform: FormSpec = {
  callId: "wuhan-ai-governance-2026/platform",
  title: "武汉市人工智能+社会治理公共服务平台申报书",
  fields: [
    ...governanceUnit("联系人情况"),
    group("单位经营情况"),
    f("2025年总营收和人工智能收入（万元）", "finance.revenue.{year}", "amount", { derive: [secondAmount("finance.aiRevenue.{year}")] }),
    f("2026年上半年总营收和人工智能收入（万元，可预估）", "finance.revenueH1.{year}", "amount", {
      derive: [secondAmount("finance.aiRevenueH1.{year}")],
    }),
    group("平台人才情况"),
    f("员工总数", "staff.total", "integer"),
    f("运营人员数量", "staff.ops", "integer"),
    f("人工智能研发人员数量", "staff.aiRd", "integer"),
    f("平台建设或运营单位情况介绍", "applicant.intro", "longText", { instruction: INTRO_COMPANY }),
    partnerIntro("（简要介绍联合单位在平台开发和运营中主要支撑作用等）"),
    f("平台情况介绍", "platform.intro", "longText", {
      instruction: "（包括平台基本情况、软硬件设施和能力、应用服务规模、创新带动效应、经济社会效益等）",
    }),
    f("平台名称", "platform.name"),
    f("平台域名", "platform.domainName"),
    check("服务方式", "platform.serviceMode", ["APP", "网页", "API接口", "小程序", "其他（请注明）"]),
    check("服务领域", "platform.field", ["市政设施", "城市治理", "公共资源", "国土空间", "应急安防", "网络治理", "示范应用", "其他（可多选）"]),
    group("平台指标"),
    f("开源模型资源数量（个）", "platform.openModels", "integer"),
    f("开放数据集资源数量（TB）", "platform.openDataTB", "dataTB"),
    f("可使用模型数量（个）", "platform.usableModels", "integer"),
    f("算力规模（P）", "platform.computeP", "number"),
    f("入驻人工智能服务商数量（个）", "platform.providers", "integer"),
    f("注册人工智能企业数量（个）", "platform.aiCompanies", "integer"),
    f("近三年平台研发资金来源及组成", "platform.rdFunding", "longText", {
      instruction: "（自筹、财政资金或其他，请详细介绍。研发资金组成，包括语料和数据费用、模型开发费用、测试费用、人工费用、设备采购和材料费用等）",
    }),
  ],
  sections: [
    {
      key: "project.overview",
      label: "项目概述",
      instruction:
        "包括项目立项的背景与意义、国内外相关领域的研究现状与发展趋势，平台基本情况，项目当前进展与下一步计划，项目牵头或参与标准制修订的情况、参与省部级以上项目的情况，以及所获得的荣誉与表彰。",
    },
    { key: "project.innovation", label: "技术创新", instruction: "包括平台架构、可使用模型、数据集、工具箱，产品的关键技术、性能指标和创新性，并与国内外同类平台进行对比分析。" },
    { key: "project.construction", label: "建设内容", instruction: "包括平台各子模块功能情况、平台具备的服务能力情况，并与国内外同类平台进行对比分析。" },
    {
      key: "project.effect",
      label: "应用成效",
      instruction: "包括平台在人工智能赋能社会治理的重要作用，平台服务武汉市及其他城市社会治理行业的实际情况案例，介绍平台可带来的经济效益及社会效益。",
    },
  ],
  cover: governanceCover("产品名称"),
  structural: [],
};
