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
] as const;

export const STAFF_RELATIONS = [
  { left: "finance.aiRevenue.*", right: "finance.revenue.*" },
  { left: "staff.aiRd", right: "staff.rd" },
  { left: "staff.rd", right: "staff.total" },
] as const;

/** Seed 003's 申报书 (both Hunan calls): the 真实性承诺's signature block and the cover's seal. */
export const HUNAN_PLEDGE = "申报书 一、真实性承诺：申报单位法定代表人（签名）：申报单位（盖章）：年 月 日";
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

/** Rules that need no call-specific data. */
export const BASE_RULES: Readonly<Record<string, RuleEntry>> = {
  "ingest-findings": "error",
  "required-document": "error",
  "field-equal": ["error", { keys: CONSISTENCY_KEYS }],
  "uscc-valid": "error",
};
