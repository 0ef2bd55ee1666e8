/** 武汉市「人工智能+社会治理」典型应用场景案例申报书 (seed 002, 附件1). */
import type { FormSpec } from "../types.js";
import { check, f } from "./_shared.js";
import { governanceCover, governanceUnit, partnerIntro } from "./_governance.js";

export const wuhanAiGovernanceScenario: FormSpec = {
  callId: "wuhan-ai-governance-2026/scenario",
  title: "武汉市“人工智能+社会治理”典型应用场景案例申报书",
  fields: [
    ...governanceUnit("申报人员"),
    f("场景名称", "scenario.name"),
    check("场景类型", "scenario.type", [
      "AI+市政设施", "AI+一网统管", "AI+公共资源", "AI+国土空间", "AI+应急安防", "AI+网络治理", "AI+示范应用", "其他（请注明）",
    ]),
    f("建设资金来源及组成", "project.funding", "longText", {
      instruction: "（自筹、财政资金或其他，请详细介绍。研发资金组成，包括开发费用、测试费用、人工费用、软件及设备采购费用、材料费用、制造费用）",
    }),
    f("单位情况介绍", "applicant.intro", "longText", { instruction: "（包括单位基本信息，人工智能应用赋能等情况）" }),
    partnerIntro("（简要介绍联合单位在场景建设中的主要支撑作用等）"),
  ],
  sections: [
    { key: "case.background", label: "背景", instruction: "重点阐述利用人工智能技术所解决的社会治理领域痛点或关键问题，简要介绍技术创新性和前沿性。" },
    { key: "case.implementation", label: "实施情况", instruction: "包括但不限于需求分析、技术研发或个性化定制、应用优化及数据安全防护等方面切实可行的解决方案。可图文并茂。" },
    { key: "case.effect", label: "应用成效", instruction: "重点介绍在社会治理领域具体应用场景落地情况及创新性，介绍可带来的经济效益及社会效益。" },
    { key: "case.value", label: "推广价值", instruction: "包括但不限于当前应用深度及广度、技术方案在不同场景的适应性与灵活性，以及在社会治理领域的示范引领作用等。" },
  ],
  cover: governanceCover("案例名称"),
  structural: [],
};
