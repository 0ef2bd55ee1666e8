/** Chinese names of document types and field keys, for messages. */
import type { DocType } from "../../model.js";
import { FORM_SPECS } from "../../extract/form/calls/index.js";

export const DOC_LABELS: Record<DocType, string> = {
  "application-form": "申报书",
  toc: "目录",
  pledge: "承诺书",
  "business-license": "营业执照",
  "institution-certificate": "事业单位法人证书",
  "legal-rep-id": "法定代表人身份证",
  "tax-certificate": "纳税证明",
  "audit-report": "财务审计报告",
  "rd-audit-report": "专项审计报告",
  "tax-return-a100000": "企业所得税年度纳税申报表（A100000）",
  "tax-return-a107012": "研发费用加计扣除优惠明细表（A107012）",
  "filing-proof": "模型（算法）备案证明",
  "credit-report": "信用中国查询报告",
  "consortium-agreement": "联合体协议",
  "evaluation-report": "第三方测评报告",
  "ip-proof": "知识产权证明",
  "deployment-proof": "应用证明材料",
  "recommendation-letter": "推荐函",
  "summary-table": "汇总表",
  other: "其他材料",
};

const KEY_LABELS: Record<string, string> = {
  "applicant.name": "单位名称",
  "applicant.uscc": "统一社会信用代码",
  "applicant.legalRep": "法定代表人",
  "applicant.address": "单位地址",
  "applicant.registeredCapital": "注册资本（万元）",
  "applicant.foundedOn": "成立日期",
  "applicant.consortium": "联合体成员单位",
  "finance.revenue": "营业收入（万元）",
  "finance.aiRevenue": "人工智能营业收入（万元）",
  "finance.netProfit": "净利润（万元）",
  "finance.totalAssets": "总资产（万元）",
  "finance.totalLiabilities": "负债合计（万元）",
  "finance.debtRatio": "资产负债率（%）",
  "finance.rdExpense": "研发投入（万元）",
  "staff.total": "员工总数",
  "staff.rd": "研发人员数量",
  "staff.aiRd": "人工智能研发人员数量",
  "model.name": "模型名称",
  "model.paramsYi": "参数量（亿）",
  "model.trainingDataTB": "训练数据量（TB）",
  "model.rdCost": "模型研发成本（万元）",
  "cover.date": "申报日期",
  "cover.applicant": "封面申报单位",
  "cover.modelName": "封面模型名称",
  "cover.address": "封面单位地址",
  "pledge.date": "承诺书日期",
  "center.teamTotal": "技术团队总人数",
  "center.teamDigital": "行业技术人才与数字化专业人才人数",
  "center.teamDigitalPercent": "行业技术人才与数字化专业人才占比",
  "rd.period": "专项审计期间",
  "credit.queryDate": "信用报告查询日期",
};

/** Keys without a hand-written name above take the label printed in the first form that has them. */
const FORM_LABELS: ReadonlyMap<string, string> = (() => {
  const labels = new Map<string, string>();
  for (const spec of Object.values(FORM_SPECS)) {
    for (const item of [...spec.cover, ...spec.fields, ...spec.sections]) {
      const key = item.key.replace(/\.\{year\}$/, "");
      if (!labels.has(key)) labels.set(key, item.label.replace(/^(?:19|20)\d{2}年/, ""));
    }
  }
  return labels;
})();

/** finance.revenue.2024 → 2024年营业收入（万元）; keys no form names are shown as they are. */
export function keyLabel(key: string): string {
  const year = /\.((?:19|20)\d{2})$/.exec(key);
  const base = year ? key.slice(0, -year[0].length) : key;
  const label = KEY_LABELS[base] ?? KEY_LABELS[key] ?? FORM_LABELS.get(base) ?? FORM_LABELS.get(key) ?? key;
  return year ? `${year[1]}年${label}` : label;
}
