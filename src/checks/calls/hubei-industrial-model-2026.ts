/** 省经信厅办公室关于开展工业领域专用模型申报工作的通知, forwarded by 市经信局 on 2026-03-26 (seed 001). */
import type { CallPack } from "../types.js";
import { BASE_RULES, CONSISTENCY_KEYS, coverSeal, MODEL_NAME_SAME, STAFF_RELATIONS } from "./_shared.js";

const ORDER = "申报书 三、工业模型项目内容：申请材料按照以下顺序排列，添加页码、编制目录";
const COPIES = "申报书 三、工业模型项目内容：";
/** The 市经信局's date for the districts (the province's own, 2026-04-03, is for the 市州). */
const DEADLINE = { date: "2026-04-02", clause: "请各区于2026年4月2日前将纸质版材料……报送至市经信局" };
const HONEST = "三、工作要求（二）严格审核把关……强化真实性核查，杜绝虚假申报、重复申报";

export const hubeiIndustrialModel2026: CallPack = {
  callId: "hubei-industrial-model-2026",
  title: "湖北省工业领域专用模型",
  version: "2026.03.26",
  deadline: DEADLINE,
  source: "市经信局关于转发省经信厅办公室开展工业领域专用模型申报工作的通知（2026年3月26日）",
  documents: [
    {
      name: "湖北省工业领域专用模型项目申报书（单位基本情况表、工业模型基本情况表）",
      docTypes: ["application-form"],
      clause: `${ORDER}（一）单位基本情况表；（三）工业模型基本情况表`,
    },
    { name: "目录", docTypes: ["toc"], clause: ORDER, severity: "warning" },
    {
      name: "营业执照",
      docTypes: ["business-license", "institution-certificate"],
      clause: "（二）申报单位相关证明材料（复印件需加盖公章）1.营业执照",
    },
    {
      name: "上年度企业纳税证明",
      docTypes: ["tax-certificate"],
      clause: "（二）2.上年度企业纳税证明",
      years: { years: ["2025"], keys: ["tax.period", "tax.year"] },
    },
    {
      name: "上年度审计报告",
      docTypes: ["audit-report"],
      clause: "（二）3.上年度审计报告",
      years: { years: ["2025"], keys: ["audit.year"] },
    },
    {
      name: "2025年度专项审计报告",
      docTypes: ["rd-audit-report"],
      clause: "（四）1.针对申报模型的2025年度专项审计报告，能披露模型研究开发成本",
    },
    {
      name: "企业所得税年度纳税申报表（A类）A100000",
      docTypes: ["tax-return-a100000"],
      clause: "（四）2.……《中华人民共和国企业所得税年度纳税申报表（A类）》（A100000）",
    },
    {
      name: "研发费用加计扣除优惠明细表 A107012",
      docTypes: ["tax-return-a107012"],
      clause: "（四）2.……及《研发费用加计扣除优惠明细表》（A107012）",
    },
    {
      name: "其他相关证明材料（建设运行证明、备案、测评、专利、软著等）",
      docTypes: ["deployment-proof", "ip-proof", "filing-proof", "evaluation-report"],
      clause: "（四）3.其他相关证明材料，包括但不限于……",
      severity: "warning",
    },
    {
      name: "信用中国查询情况报告",
      docTypes: ["credit-report"],
      clause: "（六）申报单位是否出现违法违规行为和重大问题的相关证明材料，如申报单位在信用中国上的查询情况报告等",
    },
    { name: "承诺书", docTypes: ["pledge"], clause: "（七）承诺书（见模板）" },
  ],
  rules: {
    ...BASE_RULES,
    "field-equal": ["error", { keys: CONSISTENCY_KEYS, same: MODEL_NAME_SAME }],
    "toc-pages": ["warning", { clause: "申请材料按照以下顺序排列，添加页码、编制目录" }],
    "word-and-pdf": ["error", { clause: "并同步报送电子版材料（Word和PDF盖章扫描件）至邮箱" }],
    "required-field": ["error", { optional: ["applicant.consortium"] }],
    "date-window": [
      "error",
      {
        windows: [
          { key: "cover.date", notAfter: DEADLINE.date, clause: DEADLINE.clause },
          // The form's cell reads 「2025年1月1日至2025年12月30日」; a 年度 audit ends on 12-31, as (四)1 asks.
          {
            key: "rd.period",
            notBefore: "2025-01-01",
            notAfter: "2025-12-31",
            clause:
              "（四）1.针对申报模型的2025年度专项审计报告；附件1 二、2025年度模型研发成本（2025年1月1日至2025年12月30日）",
            category: "consistency",
          },
        ],
      },
    ],
    "list-size": [
      "error",
      {
        key: "applicant.consortium",
        max: 3,
        clause: "一、申报条件（一）以联合体形式申报的，联合体成员单位数量不超过3家",
      },
    ],
    arithmetic: [
      "error",
      // 附件1 「2025年度模型研发成本组成（万元）（说明研发资金详细组成……）」 adds up to 「2025年度模型研发成本」.
      { relations: [...STAFF_RELATIONS, { items: "model.rdCostBreakdown", total: "model.rdCost" }] },
    ],
    "credit-report": [
      "error",
      {
        clause: "一、申报条件（一）……近三年无违法违规行为和重大问题，未列入严重违法失信名单，信用状况良好",
        // 「2023年1月1日至今」 asks for the state now: a report queried before the call was forwarded, or after the
        // deadline, is questioned (a warning: the notice names no query date).
        queried: {
          notBefore: "2026-03-26",
          notAfter: DEADLINE.date,
          severity: "warning",
          clause: "二、申报程序（二）……核查所有申报单位2023年1月1日至今是否出现违法违规行为和重大问题",
        },
      },
    ],
    "pledge-signed": ["error", { clause: "附件1 承诺书：申请单位法人代表（签名）：申请单位（盖章）：年 月 日" }],
    // 「材料不符合要求的，视为自动放弃申报」 makes a missing seal more than a warning; text-layer pages stay warnings.
    "seal-required": [
      "error",
      {
        places: [
          coverSeal("附件1 申报书封面：申报单位____（加盖公章）；请各区……同步报送电子版材料（Word和PDF盖章扫描件）"),
          {
            name: "复印件（申报单位相关证明材料）",
            docTypes: ["business-license", "institution-certificate", "tax-certificate", "audit-report"],
            scope: "document",
            clause: `${COPIES}（二）申报单位相关证明材料（复印件需加盖公章）1.营业执照；2.上年度企业纳税证明；3.上年度审计报告`,
          },
          {
            name: "复印件（工业模型相关证明材料）",
            docTypes: [
              "rd-audit-report",
              "tax-return-a100000",
              "tax-return-a107012",
              "filing-proof",
              "evaluation-report",
              "ip-proof",
              "deployment-proof",
            ],
            scope: "document",
            clause: `${COPIES}（四）工业模型相关证明材料（复印件需加盖公章）`,
          },
        ],
      },
    ],
  },
  batch: {
    "batch/duplicate-package": ["error", { clause: HONEST }],
    "batch/duplicate-project": ["warning", { clause: HONEST }],
    "batch/applicant-identity": ["warning", { clause: HONEST }],
  },
};
