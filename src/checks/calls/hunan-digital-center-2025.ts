/** 湖南省制造业数字化转型促进中心 (seed 003: 申报条件 and 申报书 三、相关附件). */
import type { CallPack } from "../types.js";
import {
  BASE_RULES,
  DEBT_RATIO,
  HUNAN_BATCH,
  HUNAN_CONSORTIUM_PLEDGE,
  HUNAN_COVER_SEAL,
  HUNAN_PLEDGE,
} from "./_shared.js";

const ATTACH = "申报书 三、相关附件";
const TWO_YEARS = ["2023", "2024"] as const;

export const hunanDigitalCenter2025: CallPack = {
  callId: "hunan-digital-center-2025",
  title: "湖南省制造业数字化转型促进中心",
  version: "2025",
  source: "2025年湖南省制造业数字化转型促进中心项目申报指南及申报书（附件1、申报书模板）",
  documents: [
    {
      name: "湖南省制造业数字化转型促进中心项目申报书（申报信息表）",
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
      name: "牵头单位法定代表人身份证复印件",
      docTypes: ["legal-rep-id"],
      listedAs: "法定代表人身份证",
      clause: `${ATTACH} 1.牵头单位法定代表人身份证及营业执照（副本）复印件`,
    },
    {
      name: "牵头单位营业执照（副本）复印件",
      docTypes: ["business-license", "institution-certificate"],
      clause: `${ATTACH} 1.牵头单位法定代表人身份证及营业执照（副本）复印件`,
    },
    {
      name: "牵头单位近两年财务审计报告",
      docTypes: ["audit-report"],
      clause: `${ATTACH} 3.牵头单位近两年财务审计报告`,
      years: { years: TWO_YEARS, keys: ["audit.year"] },
    },
    {
      name: "牵头单位近两年缴税证明材料",
      docTypes: ["tax-certificate", "tax-return-a100000"],
      clause: `${ATTACH} 4.牵头单位近两年缴税证明材料`,
      years: { years: TWO_YEARS, keys: ["tax.period", "tax.year"] },
    },
    {
      name: "项目专项审计报告",
      docTypes: ["rd-audit-report"],
      listedAs: "专项审计",
      clause: `${ATTACH} 5.项目专项审计报告及相关证明材料：披露项目实际投资额等相关数据的专项审计报告`,
    },
    {
      name: "联合体协议书",
      docTypes: ["consortium-agreement"],
      clause: `${ATTACH} 6.联合体协议书（如适用）；申报条件1.以联合体申报的，牵头单位与成员单位应签订联合建设协议`,
      when: { field: "applicant.consortium" },
    },
    {
      name: "服务企业相关合同（发票）及能力证明材料",
      docTypes: ["deployment-proof"],
      clause: `${ATTACH} 9.服务企业相关合同（发票），以及……能力证明材料`,
    },
    {
      name: "技术团队人员构成、设施条件、汇集资源等证明材料",
      docTypes: ["other"],
      clause: `${ATTACH} 7.、8.、10.`,
      optional: true,
    },
  ],
  rules: {
    ...BASE_RULES,
    "toc-pages": ["warning", { clause: "申报书 目录（请列明具体目录及页码）" }],
    "required-field": "error",
    "text-length": "error",
    "list-size": ["error", { key: "applicant.consortium", max: 7, clause: "申报条件1.……成员单位数量不超过7家" }],
    arithmetic: [
      "error",
      {
        relations: [
          { left: "staff.rd.*", right: "staff.total.*" },
          // 技术团队人员情况: 「总共X人，其中行业技术人才与数字化专业人才Y人，占Z%」
          { part: "center.teamDigital", whole: "center.teamTotal", percent: "center.teamDigitalPercent" },
          DEBT_RATIO,
        ],
      },
    ],
    "number-range": [
      "error",
      {
        limits: [
          {
            key: "center.teamDigitalPercent",
            min: 50,
            unit: "%",
            clause: "申报条件3.拥有健全的管理团队和专职技术团队，技术团队中行业技术人才与数字化专业人才总占比不低于50%",
          },
        ],
      },
    ],
    "pledge-signed": ["error", { clause: HUNAN_PLEDGE }],
    "consortium-pledge": ["error", { key: "applicant.consortium", clause: HUNAN_CONSORTIUM_PLEDGE }],
    "seal-required": [
      "warning",
      {
        places: [
          HUNAN_COVER_SEAL,
          {
            name: "「（盖单位公章）」处",
            docTypes: ["consortium-agreement"],
            scope: "document",
            clause:
              "联合体协议书（模板）：牵头人名称：____（盖单位公章）……成员一名称：____（盖单位公章）；说明：……分别两两盖章……上传扫描件",
          },
        ],
      },
    ],
  },
  batch: HUNAN_BATCH,
};
