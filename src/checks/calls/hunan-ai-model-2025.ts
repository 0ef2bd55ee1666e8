/** 2025年湖南省人工智能大模型项目 (seed 003: 附件1 申报指南, 申报书 with 目录 and 三、相关附件). */
import type { CallPack } from "../types.js";
import {
  BASE_RULES,
  DEBT_RATIO,
  HUNAN_BATCH,
  HUNAN_CONSORTIUM_PLEDGE,
  HUNAN_COVER_SEAL,
  HUNAN_PLEDGE as PLEDGE,
  STAFF_RELATIONS,
} from "./_shared.js";

const ATTACH = "申报书 三、相关附件";
const TWO_YEARS = ["2023", "2024"] as const;

export const hunanAiModel2025: CallPack = {
  callId: "hunan-ai-model-2025",
  title: "湖南省人工智能大模型",
  version: "2025",
  source: "2025年湖南省人工智能大模型项目申报指南及申报书（附件1、申报书模板）",
  documents: [
    {
      name: "2025年湖南省人工智能大模型项目申报书（申报信息表）",
      docTypes: ["application-form"],
      clause: "申报书 二、申报信息表",
    },
    {
      name: "目录（列明具体目录及页码）",
      docTypes: ["toc"],
      clause: "申报书 目录（请列明具体目录及页码）",
      severity: "warning",
    },
    {
      name: "真实性承诺",
      docTypes: ["pledge"],
      clause: "申报书 一、真实性承诺（联合申报的，所有申报单位均需提供真实性承诺书）",
    },
    {
      name: "申报单位法定代表人身份证复印件",
      docTypes: ["legal-rep-id"],
      listedAs: "法定代表人身份证",
      clause: `${ATTACH} 1.申报单位法定代表人身份证及营业执照（副本）复印件`,
    },
    {
      name: "申报单位营业执照（副本）复印件",
      docTypes: ["business-license", "institution-certificate"],
      clause: `${ATTACH} 1.申报单位法定代表人身份证及营业执照（副本）复印件`,
    },
    {
      name: "申报单位基本信息、研发能力、技术水平的相关证明材料",
      docTypes: ["other"],
      clause: `${ATTACH} 2.……申报单位认为有必要提交的材料`,
      optional: true,
    },
    {
      name: "申报单位近两年财务审计报告",
      docTypes: ["audit-report"],
      clause: `${ATTACH} 3.申报单位近两年财务审计报告`,
      years: { years: TWO_YEARS, keys: ["audit.year"] },
    },
    {
      name: "申报单位近两年缴税证明材料",
      docTypes: ["tax-certificate", "tax-return-a100000"],
      clause: `${ATTACH} 4.申报单位近两年缴税证明材料`,
      years: { years: TWO_YEARS, keys: ["tax.period", "tax.year"] },
    },
    {
      name: "项目专项审计报告",
      docTypes: ["rd-audit-report"],
      listedAs: "专项审计",
      clause: `${ATTACH} 5.项目专项审计报告及相关证明材料：披露项目实际投资额等相关数据的专项审计报告，报告须由具备相应资质的第三方审计机构出具`,
    },
    {
      name: "联合体合作协议",
      docTypes: ["consortium-agreement"],
      clause: `${ATTACH} 6.联合体合作协议（如适用）`,
      when: { field: "applicant.consortium" },
    },
    {
      name: "“数字工信”平台线上自评估证明材料",
      docTypes: ["other"],
      clause: `${ATTACH} 7.工业和信息化部“数字工信”平台……线上自评估证明材料（如有）`,
      optional: true,
    },
    {
      name: "项目知识产权证明材料",
      docTypes: ["ip-proof"],
      listedAs: "知识产权",
      clause: `${ATTACH} 8.项目知识产权证明材料（相关专利证书、软件著作权登记证书等自主知识产权证明文件）`,
    },
    {
      name: "项目技术水平证明材料（第三方测评证书或报告）",
      docTypes: ["evaluation-report"],
      clause: `${ATTACH} 9.项目技术水平证明材料（第三方测评证书或报告……）；申报条件3.……已通过第三方专业评测机构的水平评测`,
    },
    {
      name: "应用推广证明材料",
      docTypes: ["deployment-proof"],
      listedAs: "应用推广",
      clause: `${ATTACH} 10.应用推广证明材料（如销售或服务合同、发票，效果对比数据，用户评价报告等）`,
    },
  ],
  rules: {
    ...BASE_RULES,
    "toc-pages": ["warning", { clause: "申报书 目录（请列明具体目录及页码）" }],
    "required-field": ["error", { optional: ["applicant.digitalAssessment"] }],
    "text-length": "error",
    "document-order": [
      "warning",
      {
        order: [
          ["toc"],
          ["pledge"],
          ["legal-rep-id", "business-license", "institution-certificate"],
          ["audit-report"],
          ["tax-certificate", "tax-return-a100000"],
          ["rd-audit-report"],
          ["consortium-agreement"],
          ["ip-proof"],
          ["evaluation-report"],
          ["deployment-proof"],
        ],
        clause: "申报书 目录：一、真实性承诺 二、申报信息表 三、相关附件（1.–10.依次列明）",
      },
    ],
    "date-window": [
      "error",
      // Two complete fiscal (calendar) years before 2025: founded on 2023-01-01 at the latest.
      {
        windows: [
          {
            key: "applicant.foundedOn",
            notAfter: "2023-01-01",
            clause: "申报条件6.申报单位成立已满至少2个完整会计年度",
          },
        ],
      },
    ],
    "number-range": [
      "error",
      { limits: [{ key: "model.paramsYi", min: 8, unit: "亿", clause: "申报条件4.大模型参数规模应达到8亿以上" }] },
    ],
    arithmetic: [
      "error",
      { relations: [...STAFF_RELATIONS, { left: "staff.rd.*", right: "staff.total.*" }, DEBT_RATIO] },
    ],
    "pledge-signed": ["error", { clause: PLEDGE }],
    // The 申报信息表 has no 联合体 cell: not evaluated unless a form (or the LLM stage) gives applicant.consortium.
    "consortium-pledge": ["error", { key: "applicant.consortium", clause: HUNAN_CONSORTIUM_PLEDGE }],
    "filing-number": ["warning", { clause: "申报信息表 基础大模型来源……（备案号）" }],
    "seal-required": ["warning", { places: [HUNAN_COVER_SEAL] }],
  },
  batch: HUNAN_BATCH,
};
