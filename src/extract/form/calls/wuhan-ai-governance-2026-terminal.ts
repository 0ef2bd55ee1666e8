/** 武汉市社会治理行业智能终端产品申报书 (seed 002, 附件4). 产品简介 is limited to 300 characters by the form. */
import type { FormSpec } from "../types.js";
import { INTRO_UNIT, f, staffRow } from "./_shared.js";
import { governanceCover, governanceFinance, governanceUnit, partnerIntro } from "./_governance.js";

export const wuhanAiGovernanceTerminal: FormSpec = {
  callId: "wuhan-ai-governance-2026/terminal",
  title: "武汉市社会治理行业智能终端产品申报书",
  fields: [
    ...governanceUnit("申报人员"),
    ...governanceFinance,
    ...staffRow(),
    f("单位情况介绍", "applicant.intro", "longText", { instruction: INTRO_UNIT }),
    partnerIntro("（简要介绍联合单位在产品研发中的主要支撑作用等）"),
    f("产品名称", "product.name"),
    f("产品简介", "product.intro", "longText", { instruction: "(300字以内)", maxChars: 300 }),
    f("近三年研发成本(万元)", "product.rdCost", "amount", { instruction: "(统计时段: 2023年5月1日至2026年4月30日)" }),
    f("产品研发资金来源及组成", "product.rdFunding", "longText", {
      instruction: "(自筹、财政资金或其他, 请详细介绍。研发资金组成, 包括产品开发费用、测试费用、人工费用、设备采购和材料费用等)",
    }),
  ],
  sections: [
    {
      key: "product.overview",
      label: "产品概述",
      instruction: "包括研发产品的背景和意义, 国内外研究现状和发展趋势, 产品技术路线和关键技术, 实现的功能, 在人工智能领域技术水平等。",
    },
    { key: "product.scenarios", label: "适用场景及应用成效", instruction: "简要介绍产品的服务对象、应用领域及市场表现情况、经济社会成效等。" },
    { key: "product.innovation", label: "创新经验", instruction: "包括产品研发应用过程中总结的先进经验、创新点等。" },
  ],
  cover: governanceCover("产品名称"),
  structural: [],
};
