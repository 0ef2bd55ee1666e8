/** Pieces several packs share: the Wuhan-style 附件材料 (000, 002) and the rule entries every pack runs. */
import type { SealPlace } from "../rules/seal-required.js";
import type { RequiredDocument, RuleEntry } from "../types.js";

/** 「营业执照（事业单位提供法人证书）副本复印件」: one sentence, two conditional items. */
export function licenceOrCertificate(clause: string): RequiredDocument[] {
  return [
    { name: "营业执照（副本）复印件", docTypes: ["business-license"], clause, unless: { nature: ["事业单位"] } },
    {
      name: "事业单位法人证书（副本）复印件",
      docTypes: ["institution-certificate"],
      clause,
      when: { nature: ["事业单位"] },
    },
  ];
}

/** Proof of technical level and results: 「包括但不限于」 many kinds, so any one of them will do and absence is a warning. */
export const PROOF_TYPES = ["deployment-proof", "ip-proof", "filing-proof", "evaluation-report"] as const;

export const CONSISTENCY_KEYS = [
  "applicant.name",
  "applicant.uscc",
  "applicant.legalRep",
  "applicant.registeredCapital",
  "applicant.foundedOn",
  "finance.*.*",
  // 研发成本 on the form vs the 专项审计报告's audited total (rd-audit-report emits model.rdCost).
  "model.rdCost",
] as const;

export const STAFF_RELATIONS = [
  { left: "finance.aiRevenue.*", right: "finance.revenue.*" },
  { left: "staff.aiRd", right: "staff.rd" },
  { left: "staff.rd", right: "staff.total" },
] as const;

/** 资产负债率 on the Hunan forms (「资产负债率（%）」 per year) = 负债合计 / 资产总计 of that year's 审计报告. */
export const DEBT_RATIO = {
  part: "finance.totalLiabilities.*",
  whole: "finance.totalAssets.*",
  percent: "finance.debtRatio.*",
  from: "audit-report",
} as const;

/** Seed 003's 申报书 目录 「一、真实性承诺（联合申报的，所有申报单位均需提供真实性承诺书）」. */
export const HUNAN_CONSORTIUM_PLEDGE = "申报书 一、真实性承诺（联合申报的，所有申报单位均需提供真实性承诺书）";

/** The form's 备案情况 cell (seeds 000, 002 附件2) and Hunan's 「基础大模型来源……备案号」. */
export const FILING_CLAUSE = "备案情况（包括国家网信办模型（算法）备案、省委网信办登记等相关情况）";

/** Seed 003's 申报书 (both Hunan calls): the 真实性承诺's signature block and the cover's seal. */
export const HUNAN_PLEDGE = "申报书 一、真实性承诺：申报单位法定代表人（签名）：申报单位（盖章）：年 月 日";
/** The form cover's 「申报单位____（加盖公章）」 of the Wuhan and Hubei templates. */
export function coverSeal(clause: string): SealPlace {
  return { name: "封面「申报单位（加盖公章）」处", docTypes: ["application-form"], scope: "cover", clause };
}

export const HUNAN_COVER_SEAL: SealPlace = {
  name: "封面「申报单位（盖章）」处",
  docTypes: ["application-form"],
  scope: "cover",
  clause: "申报书封面：申报单位：____（盖章）",
};

/** Seed 003 states no rule on duplicates; the 推荐单位's 汇总表 lists each project once. */
export const HUNAN_BATCH: Readonly<Record<string, RuleEntry>> = {
  "batch/duplicate-package": ["error", { clause: "附件5 项目推荐汇总表（推荐单位逐项汇总申报项目）" }],
  "batch/applicant-identity": ["warning", { clause: "附件5 项目推荐汇总表（推荐单位逐项汇总申报项目）" }],
};

/** 封面「模型名称」 and the 申报书 table's 模型名称 name one model (附件1 申报书封面 and 二、模型基本情况). */
export const MODEL_NAME_SAME = [{ key: "cover.modelName", as: "model.name" }] as const;

/** Rules that need no call-specific data. */
export const BASE_RULES: Readonly<Record<string, RuleEntry>> = {
  "ingest-findings": "error",
  "required-document": "error",
  "field-equal": ["error", { keys: CONSISTENCY_KEYS }],
  "uscc-valid": "error",
};
