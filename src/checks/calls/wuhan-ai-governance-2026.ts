/** 市经信局 市公安局关于联合开展“人工智能+社会治理”创新应用征集的通知 (seed 002): four forms, one list. */
import type { CallId } from "../../extract/types.js";
import type { CallPack } from "../types.js";
import { BASE_RULES, licenceOrCertificate, PROOF_TYPES } from "./_shared.js";

type Direction = Extract<CallId, `wuhan-ai-governance-2026/${string}`>;

function governancePack(callId: Direction, title: string, form: string, proof: string): CallPack {
  return {
    callId,
    title,
    version: "2026",
    source: "市经信局 市公安局关于联合开展“人工智能+社会治理”创新应用征集的通知（2026年）",
    documents: [
      { name: form, docTypes: ["application-form"], clause: "四、征集要求（一）……指导申报单位分类填写对应的申报表" },
      { name: "承诺书", docTypes: ["pledge"], clause: "附件材料（一）承诺书（见模板）" },
      ...licenceOrCertificate("附件材料（二）营业执照（事业单位提供法人证书）副本复印件"),
      { name: "相关证明材料", docTypes: PROOF_TYPES, clause: `附件材料（三）${proof}`, severity: "warning" },
    ],
    rules: {
      ...BASE_RULES,
      "word-and-pdf": [
        "error",
        { clause: "四、征集要求（一）……并同步报送电子版（Word和PDF盖章扫描件）申报材料至邮箱" },
      ],
      "required-field": "error",
      "text-length": "error",
      // 「同一个项目最多支持3家单位联合申报」 has no consortium cell on these forms to count; no registered-in
      // either: 征集对象 names no region of registration.
      "date-window": [
        "error",
        {
          windows: [
            {
              key: "cover.date",
              notAfter: "2026-07-07",
              clause: "于2026年7月7日17:00前将纸质材料……报送至市经信局213室",
            },
          ],
        },
      ],
    },
  };
}

export const wuhanAiGovernanceScenario = governancePack(
  "wuhan-ai-governance-2026/scenario",
  "人工智能+社会治理 典型应用场景案例",
  "武汉市“人工智能+社会治理”典型应用场景案例申报书",
  "体现应用场景技术水平、建设进展和应用情况，以及取得成效的相关证明材料，包括但不限于场景建设运行证明（含实地照片素材等）、第三方评价、专利、软著、获奖等情况",
);
export const wuhanAiGovernanceModelAgent = governancePack(
  "wuhan-ai-governance-2026/model-agent",
  "社会治理行业模型和智能体",
  "武汉市社会治理行业模型和智能体项目申报书",
  "体现产品技术水平、开发进展和应用情况，以及取得成效的相关证明材料，包括但不限于模型建设运行证明、国家网信办模型（算法）备案、专利、软著、获奖、应用截图、调研报告等",
);
export const wuhanAiGovernancePlatform = governancePack(
  "wuhan-ai-governance-2026/platform",
  "人工智能+社会治理 公共服务平台",
  "武汉市人工智能+社会治理公共服务平台申报书",
  "体现平台技术水平、服务能力和运营成效的相关证明材料",
);
export const wuhanAiGovernanceTerminal = governancePack(
  "wuhan-ai-governance-2026/terminal",
  "社会治理行业智能终端产品",
  "武汉市社会治理行业智能终端产品申报书",
  "产品图片、技术水平、知识产权、获奖、检测报告、应用证明、调研报告等相关材料",
);
