/** 市经信局关于开展垂直行业模型征集入库和评选补助的通知 (2025-10-14; seed 000). */
import type { CallPack } from "../types.js";
import {
  BASE_RULES,
  CONSISTENCY_KEYS,
  coverSeal,
  FILING_CLAUSE,
  licenceOrCertificate,
  MODEL_NAME_SAME,
  PROOF_TYPES,
  STAFF_RELATIONS,
} from "./_shared.js";

const DEADLINE = {
  date: "2025-10-23",
  clause: "三、申报流程（二）……于2025年10月23日（星期四）前，将纸质版材料……报送至市经信局409室",
};

export const wuhanVerticalModel2025: CallPack = {
  callId: "wuhan-vertical-model-2025",
  title: "武汉市垂直行业模型征集入库和评选补助",
  version: "2025.10.14",
  deadline: DEADLINE,
  source: "市经信局关于开展垂直行业模型征集入库和评选补助的通知（武汉市经济和信息化局，2025年10月14日）",
  documents: [
    {
      name: "武汉市垂直行业模型项目申报书",
      docTypes: ["application-form"],
      clause: "三、申报流程（二）指导申报主体填写《武汉市垂直行业模型项目申报书》（见附件1）",
    },
    { name: "承诺书", docTypes: ["pledge"], clause: "附件1 四、附件材料（一）承诺书（见模板）" },
    ...licenceOrCertificate("附件1 四、附件材料（二）营业执照（事业单位提供法人证书）副本复印件"),
    {
      name: "体现模型技术水平、开发进展和应用情况及成效的证明材料",
      docTypes: PROOF_TYPES,
      clause:
        "附件1 四、附件材料（三）体现行业垂直模型技术水平、开发进展和应用情况，以及取得成效的相关证明材料，包括但不限于模型建设运行证明……专利、软著、获奖等情况，以及应用图片、服务对象体验调研报告等",
      severity: "warning",
    },
    {
      // The form says the model is filed (备案号 given): the 「如有」 proof then exists and belongs in the package.
      name: "国家网信办模型（算法）备案、省委网信办登记证明",
      docTypes: ["filing-proof"],
      clause: "附件1 四、附件材料（三）……国家网信办模型（算法）备案和省委网信办登记等相关证明（如有）",
      when: { field: "model.filingNumber" },
      severity: "warning",
    },
    {
      name: "推荐函和汇总表（由各区人工智能主管部门出具）",
      docTypes: ["recommendation-letter", "summary-table"],
      clause: "三、申报流程（二）……形成推荐函和汇总表",
      optional: true,
    },
  ],
  rules: {
    ...BASE_RULES,
    "field-equal": ["error", { keys: CONSISTENCY_KEYS, same: MODEL_NAME_SAME }],
    "word-and-pdf": ["error", { clause: "三、申报流程（二）……并同步报送电子版（Word和PDF盖章件）申报材料至邮箱" }],
    "required-field": ["error", { optional: ["applicant.consortium"] }],
    "registered-in": [
      "error",
      {
        prefixes: ["4201"],
        region: "武汉市",
        clause: "二、申报条件（一）申报主体须是在武汉市境内登记注册，具有独立法人资格……的企事业单位",
      },
    ],
    "date-window": [
      "error",
      {
        windows: [
          { key: "cover.date", notAfter: DEADLINE.date, clause: DEADLINE.clause },
          { key: "pledge.date", notAfter: DEADLINE.date, clause: DEADLINE.clause },
          {
            key: "rd.period",
            notBefore: "2022-10-01",
            notAfter: "2025-09-30",
            clause: "附件1 二、近三年模型研发成本（万元）（近三年时间：2022年10月1日至2025年9月30日）",
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
        clause: "二、申报条件（一）……若以联合体形式申报，联合体成员数量不超过3家",
      },
    ],
    arithmetic: [
      "error",
      // 附件1 「近三年模型研发资金来源及组成」 adds up to 「近三年模型研发成本（万元）」.
      { relations: [...STAFF_RELATIONS, { items: "model.rdFunding", total: "model.rdCost" }] },
    ],
    "credit-report": [
      "error",
      {
        clause:
          "二、申报条件（一）……近三年无重大安全事故、重大环境污染事故、重大质量事故，未在严重违法失信名单有效期内，正常开展经营活动",
      },
    ],
    "pledge-signed": [
      "error",
      { clause: "附件1 承诺书（模板）：申请单位法人代表（签名）：申请单位（盖章）：年 月 日" },
    ],
    "filing-number": ["warning", { clause: `附件1 ${FILING_CLAUSE}` }],
    "seal-required": [
      "warning",
      {
        places: [
          coverSeal(
            "附件1 申报书封面：申报单位____（加盖公章）；三、申报流程（二）……同步报送电子版（Word和PDF盖章件）",
          ),
        ],
      },
    ],
    // The notice sets no 字数 limit for the applicant's form (「100字左右」 is the district's 汇总表).
    "text-length": "off",
  },
  batch: {
    "batch/models-per-applicant": [
      "error",
      { max: 3, clause: "二、申报条件（四）每个申报主体最多申报3个垂直行业模型" },
    ],
    "batch/duplicate-package": ["error", { clause: "三、申报流程（二）……梳理汇总初审，形成推荐函和汇总表" }],
    "batch/duplicate-project": [
      "warning",
      { clause: "二、申报条件（一）……为模型牵头研发单位；（四）每个申报主体最多申报3个垂直行业模型" },
    ],
    "batch/applicant-identity": [
      "warning",
      { clause: "二、申报条件（一）申报主体须是在武汉市境内登记注册，具有独立法人资格……的企事业单位" },
    ],
  },
};
