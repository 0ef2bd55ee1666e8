/** 市经信局 市公安局关于联合开展“人工智能+社会治理”创新应用征集的通知 (seed 002): four forms, one list. */
import type { CallId } from "../../extract/types.js";
import type { Composition } from "../_internal/composition.js";
import type { DateWindow } from "../rules/date-window.js";
import type { CallPack } from "../types.js";
import {
  BASE_RULES,
  CONSISTENCY_KEYS,
  coverSeal,
  FILING_CLAUSE,
  licenceOrCertificate,
  PROOF_TYPES,
} from "./_shared.js";

const DEADLINE = {
  date: "2026-07-07",
  clause: "四、征集要求（一）……于2026年7月7日17:00前将纸质材料……报送至市经信局213室",
};

type Direction = Extract<CallId, `wuhan-ai-governance-2026/${string}`>;

/**
 * `composition`: the form's 「资金来源及组成」 cell and the total it adds up to; `same`: the cover's name and the
 * table's name of what is declared (the notice asks for one name); `windows`: the 近三年 统计时段 a
 * direction's form states for its R&D figure, applied to a 专项审计's period.
 */
function governancePack(
  callId: Direction,
  title: string,
  form: string,
  proof: string,
  { composition, same }: { composition: Composition; same: { key: string; as: string } },
  windows: readonly DateWindow[] = [],
): CallPack {
  return {
    callId,
    title,
    version: "2026",
    deadline: DEADLINE,
    source: "市经信局 市公安局关于联合开展“人工智能+社会治理”创新应用征集的通知（2026年）",
    documents: [
      { name: form, docTypes: ["application-form"], clause: "四、征集要求（一）……指导申报单位分类填写对应的申报表" },
      { name: "承诺书", docTypes: ["pledge"], clause: "附件材料（一）承诺书（见模板）" },
      ...licenceOrCertificate("附件材料（二）营业执照（事业单位提供法人证书）副本复印件"),
      { name: "相关证明材料", docTypes: PROOF_TYPES, clause: `附件材料（三）${proof}`, severity: "warning" },
    ],
    rules: {
      ...BASE_RULES,
      "field-equal": ["error", { keys: CONSISTENCY_KEYS, same: [same] }],
      "word-and-pdf": [
        "error",
        { clause: "四、征集要求（一）……并同步报送电子版（Word和PDF盖章扫描件）申报材料至邮箱" },
      ],
      "required-field": "error",
      "text-length": "error",
      arithmetic: ["error", { relations: [composition] }],
      "credit-report": [
        "error",
        { clause: "二、征集对象……近三年无重大安全事故、未在严重违法失信名单有效期内，正常开展经营活动" },
      ],
      "pledge-signed": [
        "error",
        { clause: "附件1–4 承诺书（模板）：申请单位法人代表（签名）：申请单位（盖章）：年 月 日" },
      ],
      // Only 附件2 (模型和智能体) has a 备案情况 cell; the other directions leave the rule not evaluated.
      "filing-number": ["warning", { clause: `附件2 ${FILING_CLAUSE}` }],
      "seal-required": [
        "warning",
        {
          places: [
            coverSeal(
              "附件1–4 申报书封面：申报单位____（加盖公章）；四、征集要求（一）……同步报送电子版（Word和PDF盖章扫描件）",
            ),
          ],
        },
      ],
      // 「同一个项目最多支持3家单位联合申报」 has no consortium cell on these forms to count; no registered-in
      // either: 征集对象 names no region of registration.
      "date-window": [
        "error",
        {
          windows: [{ key: "cover.date", notAfter: DEADLINE.date, clause: DEADLINE.clause }, ...windows],
        },
      ],
    },
    batch: {
      "batch/duplicate-package": [
        "error",
        { clause: "四、征集要求（一）……各区梳理汇总初审，形成推荐意见和本区（本单位）汇总表" },
      ],
      "batch/duplicate-project": ["warning", { clause: "四、征集要求（二）……同一项目/产品原则上不得重复申报多个方向" }],
      "batch/applicant-identity": ["warning", { clause: "四、征集要求（二）申报单位提交的材料内容须完整、真实、准确" }],
    },
  };
}

export const wuhanAiGovernanceScenario = governancePack(
  "wuhan-ai-governance-2026/scenario",
  "人工智能+社会治理 典型应用场景案例",
  "武汉市“人工智能+社会治理”典型应用场景案例申报书",
  "体现应用场景技术水平、建设进展和应用情况，以及取得成效的相关证明材料，包括但不限于场景建设运行证明（含实地照片素材等）、第三方评价、专利、软著、获奖等情况",
  {
    composition: { items: "project.funding" },
    same: { key: "cover.caseName", as: "scenario.name" },
  },
);
export const wuhanAiGovernanceModelAgent = governancePack(
  "wuhan-ai-governance-2026/model-agent",
  "社会治理行业模型和智能体",
  "武汉市社会治理行业模型和智能体项目申报书",
  "体现产品技术水平、开发进展和应用情况，以及取得成效的相关证明材料，包括但不限于模型建设运行证明、国家网信办模型（算法）备案、专利、软著、获奖、应用截图、调研报告等",
  {
    composition: { items: "product.rdFunding", total: "product.rdCost" },
    same: { key: "cover.productName", as: "product.name" },
  },
  [
    {
      key: "rd.period",
      notBefore: "2023-06-01",
      notAfter: "2026-05-30",
      clause: "附件2 二、近三年研发投入（万元）（近三年时间：2023年6月1日至2026年5月30日）",
      category: "consistency",
    },
  ],
);
export const wuhanAiGovernancePlatform = governancePack(
  "wuhan-ai-governance-2026/platform",
  "人工智能+社会治理 公共服务平台",
  "武汉市人工智能+社会治理公共服务平台申报书",
  "体现平台技术水平、服务能力和运营成效的相关证明材料",
  {
    composition: { items: "platform.rdFunding" },
    same: { key: "cover.productName", as: "platform.name" },
  },
);
export const wuhanAiGovernanceTerminal = governancePack(
  "wuhan-ai-governance-2026/terminal",
  "社会治理行业智能终端产品",
  "武汉市社会治理行业智能终端产品申报书",
  "产品图片、技术水平、知识产权、获奖、检测报告、应用证明、调研报告等相关材料",
  {
    composition: { items: "product.rdFunding", total: "product.rdCost" },
    same: { key: "cover.productName", as: "product.name" },
  },
  [
    {
      key: "rd.period",
      notBefore: "2023-05-01",
      notAfter: "2026-04-30",
      clause: "附件4 二、近三年研发成本（万元）（统计时段：2023年5月1日至2026年4月30日）",
      category: "consistency",
    },
  ],
);
