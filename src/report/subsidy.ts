/**
 * The subsidy an application could receive under the Wuhan policy behind the Wuhan calls (seed 004:
 * 《武汉市促进人工智能产业发展若干政策措施》, 武政规〔2025〕3号), as an estimate for the evaluator: the clause's
 * rate times the input the application states, capped. Which clause fits which call:
 *
 * - wuhan-vertical-model-2025: the notice cites 武政规〔2025〕3号 and funds 标杆模型 → 第三条, 研发成本 × 30%, ≤ 500万元.
 * - wuhan-ai-governance-2026/*: the notice cites 武政办〔2026〕21号 and names no rates, so the closest clause is
 *   applied by analogy and said so: model-agent → 第三条 (垂直行业模型), platform → 第四条 (平台实际建设投入 × 30%,
 *   ≤ 500万元), scenario → 第六条 (示范应用场景 总投入 × 30%, ≤ 100万元, written for 新型工业化); no clause funds
 *   智能终端产品 (terminal).
 * - hubei-industrial-model-2026 (province, 鄂政办发〔2025〕30号) and the Hunan calls: the Wuhan policy does not apply.
 */
import type { Evidence, Field } from "../model.js";
import type { CallId } from "../extract/types.js";
import type { Report } from "./schema.js";
import { pickField, valueText } from "./summary-table/values.js";

export const ESTIMATE_LABEL = "估算，仅供参考，以评审结果为准";

export const WUHAN_POLICY = {
  title: "《武汉市促进人工智能产业发展若干政策措施》",
  docNo: "武政规〔2025〕3号",
  effective: "自2025年3月19日起施行，有效期为2年",
} as const;

export interface PolicyClause {
  /** 「第三条 增强模型创新能力」 */
  article: string;
  /** The sentence that sets the rate and cap, verbatim from seed 004. */
  quote: string;
  rate: number;
  /** 万元 */
  capWan: number;
  /** What the rate applies to, in the clause's words. */
  base: string;
}

export const CLAUSES = {
  modelRd: {
    article: "第三条「增强模型创新能力」",
    quote:
      "围绕电子信息制造、工业质检、教育、医疗、遥感、文创、金融等领域每年遴选一批性能先进的垂直行业模型，对牵头研发单位按照研发成本的30%给予最高500万元补助，并对其使用算力费用给予每年50%、最长三年、累计最高500万元补助。",
    rate: 0.3,
    capWan: 500,
    base: "研发成本",
  },
  platform: {
    article: "第四条「支持公共服务平台建设」",
    quote:
      "对开源开放、协同共享的人工智能公共服务平台，开展服务效果评审，经评审通过的，按照平台实际建设投入费用给予30%最高500万元资金支持。",
    rate: 0.3,
    capWan: 500,
    base: "平台实际建设投入费用",
  },
  scenario: {
    article: "第六条「推动应用场景开放创新」",
    quote:
      "推动人工智能赋能新型工业化，每年遴选一批人工智能示范应用场景项目，按照项目总投入资金给予30%最高100万元资金支持。",
    rate: 0.3,
    capWan: 100,
    base: "项目总投入资金",
  },
} as const satisfies Record<string, PolicyClause>;

export interface SubsidyInput {
  label: string;
  /** 万元 */
  valueWan: number;
  key: string;
  evidence: Evidence;
}

export type SubsidyAssessment =
  | {
      kind: "estimate";
      clause: PolicyClause;
      /** "direct": the notice rests on this policy; "analogous": the closest clause, applied by analogy. */
      basis: "direct" | "analogous";
      input: SubsidyInput;
      /** rate × input, before the cap (万元). */
      computedWan: number;
      amountWan: number;
      capped: boolean;
      /** 「2680.5万元 × 30% = 804.15万元，超过最高500万元，按500万元计」 */
      formula: string;
      notes: string[];
    }
  | { kind: "no-input"; clause: PolicyClause; basis: "direct" | "analogous"; inputLabel: string; notes: string[] }
  | { kind: "not-applicable"; reason: string };

/** The estimator itself: rate × base, capped; amounts in 万元 rounded to 0.01. */
export function estimateSubsidy(baseWan: number, rate: number, capWan: number) {
  const computedWan = round2(baseWan * rate);
  const capped = computedWan > capWan;
  return { computedWan, amountWan: capped ? capWan : computedWan, capped };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
export const wan = (n: number) => `${round2(n)}万元`;

interface InputSpec {
  key: string;
  label: string;
  /** The amount is the 「共计/合计 N 万元」 in a text field (the form has no separate amount cell). */
  fromText?: boolean;
}

interface CallRule {
  clause: PolicyClause;
  basis: "direct" | "analogous";
  inputs: readonly InputSpec[];
  notes: readonly string[];
}

const NO_RATES =
  "本通知依据《武汉市推动“人工智能+”行动方案》（武政办〔2026〕21号），未写明补助标准；此处参照武政规〔2025〕3号的同类条款估算";

const RULES: Partial<Record<CallId, CallRule>> = {
  "wuhan-vertical-model-2025": {
    clause: CLAUSES.modelRd,
    basis: "direct",
    inputs: [{ key: "model.rdCost", label: "近三年模型研发成本" }],
    notes: [
      "通知依据武政规〔2025〕3号，「对标杆模型给予研发及算力补贴支持」：须经评选为标杆模型，补助给予牵头研发单位",
      "算力费用补助（每年50%、最长三年、累计最高500万元）未估算：申报书未单列算力使用费用",
    ],
  },
  "wuhan-ai-governance-2026/model-agent": {
    clause: CLAUSES.modelRd,
    basis: "analogous",
    inputs: [{ key: "product.rdCost", label: "近三年研发投入" }],
    notes: [NO_RATES, "算力费用补助未估算：申报书未单列算力使用费用"],
  },
  "wuhan-ai-governance-2026/platform": {
    clause: CLAUSES.platform,
    basis: "analogous",
    inputs: [{ key: "platform.rdFunding", label: "近三年平台研发资金合计", fromText: true }],
    notes: [
      NO_RATES,
      "条款按平台实际建设投入费用计算，须经服务效果评审通过；申报书未单列建设投入，此处以「近三年平台研发资金来源及组成」所写合计数代替",
    ],
  },
  "wuhan-ai-governance-2026/scenario": {
    clause: CLAUSES.scenario,
    basis: "analogous",
    inputs: [{ key: "project.funding", label: "项目建设资金合计", fromText: true }],
    notes: [
      NO_RATES,
      "第六条的示范应用场景补助写在「推动人工智能赋能新型工业化」项下，社会治理场景是否适用以主管部门解释为准",
    ],
  },
};

const HUNAN = "本通知为湖南省的项目申报，武汉市政策措施（武政规〔2025〕3号）不适用，不作估算。";

const NOT_APPLICABLE: Partial<Record<CallId, string>> = {
  "wuhan-ai-governance-2026/terminal":
    "武政规〔2025〕3号没有针对智能终端产品的补助条款（第一至九条为关键技术、算力、模型、公共服务平台、数据、应用场景、产业集聚、人才、科技金融），本通知也未写明补助标准，不作估算。",
  "hubei-industrial-model-2026":
    "本通知为湖北省经信厅组织的省级申报（依据《湖北省加快算网存用协同发展的若干措施》鄂政办发〔2025〕30号，「按政策予以支持」），武汉市政策措施的补助条款不适用，不作估算。",
  "hunan-ai-model-2025": HUNAN,
  "hunan-digital-center-2025": HUNAN,
};

export function assessSubsidy(report: Report): SubsidyAssessment {
  const callId = report.call?.id as CallId | undefined;
  if (!callId) return { kind: "not-applicable", reason: "未识别申报通知，不作补助估算。" };
  const rule = RULES[callId];
  if (!rule)
    return { kind: "not-applicable", reason: NOT_APPLICABLE[callId] ?? "武汉市政策措施不适用于本通知，不作估算。" };
  const input = findInput(report, rule.inputs);
  if (!input) {
    const inputLabel = rule.inputs.map((i) => i.label).join("或");
    return {
      kind: "no-input",
      clause: rule.clause,
      basis: rule.basis,
      inputLabel,
      notes: [`申报材料中未找到${inputLabel}，无法估算`, ...rule.notes],
    };
  }
  const { rate, capWan } = rule.clause;
  const { computedWan, amountWan, capped } = estimateSubsidy(input.valueWan, rate, capWan);
  const formula =
    `${input.label} ${wan(input.valueWan)} × ${Math.round(rate * 100)}% = ${wan(computedWan)}` +
    (capped ? `，超过最高${wan(capWan)}，按${wan(capWan)}计` : `，未超过最高${wan(capWan)}`);
  return {
    kind: "estimate",
    clause: rule.clause,
    basis: rule.basis,
    input,
    computedWan,
    amountWan,
    capped,
    formula,
    notes: [...rule.notes],
  };
}

const TOTAL = /(?:共计|合计|总计)\s*(\d[\d,]*(?:\.\d+)?)\s*万元/u;

function findInput(report: Report, specs: readonly InputSpec[]): SubsidyInput | null {
  for (const spec of specs) {
    const field = pickField(report, spec.key);
    if (!field) continue;
    const valueWan = spec.fromText ? totalInText(field) : typeof field.value === "number" ? field.value : null;
    if (valueWan === null || !(valueWan > 0)) continue;
    return { label: spec.label, valueWan, key: spec.key, evidence: preferPlaced(report, field) };
  }
  return null;
}

function totalInText(field: Field): number | null {
  const m = TOTAL.exec(valueText(field.value));
  return m ? Number(m[1]!.replace(/,/g, "")) : null;
}

/**
 * The field's evidence, preferring a reading of the same value with a box (the PDF 盖章件 or a scan) over the
 * Word file's: its page is the one a reviewer holds.
 */
export function preferPlaced(report: Report, field: Field): Evidence {
  const text = valueText(field.value);
  const same = report.fields.filter((f) => f.key === field.key && valueText(f.value) === text);
  return same.flatMap((f) => f.evidence).find((e) => e.box) ?? field.evidence[0]!;
}
