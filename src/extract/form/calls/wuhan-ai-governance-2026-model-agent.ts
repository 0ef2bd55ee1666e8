/** 武汉市社会治理行业模型和智能体项目申报书 (seed 002, 附件2). */
import type { FormSpec } from "../types.js";
import { FILING_INSTRUCTION, INTRO_UNIT, SECTION_OVERVIEW, check, f, filingDerived, group, staffRow } from "./_shared.js";
import { governanceCover, governanceFinance, governanceUnit, partnerIntro } from "./_governance.js";

export const wuhanAiGovernanceModelAgent: FormSpec = {
  callId: "wuhan-ai-governance-2026/model-agent",
  title: "武汉市社会治理行业模型和智能体项目申报书",
  fields: [
    ...governanceUnit("申报人员"),
    ...governanceFinance,
    ...staffRow(),
    f("单位情况介绍", "applicant.intro", "longText", { instruction: INTRO_UNIT }),
    partnerIntro("（简要介绍联合单位在模型和智能体研发中的主要支撑作用等）"),
    f("产品名称", "product.name"),
    f("近三年研发投入（万元）", "product.rdCost", "amount", { instruction: "(近三年时间: 2023年6月1日至2026年5月30日)" }),
    check("产品类型", "product.type", ["语言大模型", "视觉大模型", "多模态大模型", "智能体", "其他(请注明)"]),
    group("模型指标"),
    f("基础大模型名称", "model.baseModel"),
    f("参数量（亿）", "model.paramsYi", "params"),
    group("数据指标"),
    check("数据集来源", "dataset.source", ["自建", "采购", "其他(请注明)"]),
    f("数据集名称", "dataset.name"),
    // Each ticked modality carries its size in TB as the option's note.
    check("数据集模态与规模(TB)", "dataset.modalities", ["文本", "图像", "音频", "视频", "其他"]),
    f("备案情况", "model.filing", "text", { instruction: FILING_INSTRUCTION, derive: filingDerived }),
    check("服务方式", "model.serviceMode", ["APP", "网页", "API接口", "小程序", "其他(请注明)"]),
    f("近三年研发资金来源及组成", "product.rdFunding", "longText", {
      instruction: "(自筹、财政资金或其他,请详细介绍。研发资金组成,包括语料和数据费用、产品开发费用、测试费用、人工费用、设备采购和材料费用等)",
    }),
  ],
  sections: [
    { key: "project.overview", label: "项目概述", instruction: SECTION_OVERVIEW },
    {
      key: "project.innovation",
      label: "技术创新",
      instruction:
        "重点介绍项目在人工智能技术应用等方面的创新情况。包括采用的大模型技术，使用的架构、数据集、工具箱，产品的关键技术、性能指标和创新性。算力使用量、使用类型、服务方式、算力供给方情况，产品部署灵活性与兼容性以及安全保障情况。",
    },
    {
      key: "project.effect",
      label: "应用成效",
      instruction:
        "包括产品应用案例，介绍投入产出比、可带来的经济效益及社会效益，可与使用技术前进行对比，包括但不限于问题解决情况、效益提升、服务改善、管理优化、产品升级等方面的成效。",
    },
  ],
  cover: governanceCover("产品名称"),
  structural: [],
};
