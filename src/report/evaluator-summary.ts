/**
 * The evaluator summary: an application's key facts (单位, 信用代码, 模型, 收入与研发投入 by year, 备案号, 联合体,
 * 申报方向 …) each with the place it was read (file, page, quote), the subsidy estimate under the Wuhan policy
 * (subsidy.ts), and the LLM's abstract when that stage wrote one. One structure, built only from the Report; the
 * HTML section, the Markdown report and `shenbao check --format summary` all print it.
 */
import type { Evidence, Field } from "../model.js";
import type { CallId } from "../extract/types.js";
import type { Report, Verdict } from "./schema.js";
import { assessSubsidy, preferPlaced, type SubsidyAssessment } from "./subsidy.js";
import { pickField, valueText } from "./summary-table/values.js";

export interface SummaryRow {
  label: string;
  /** null: not found in the package. */
  value: string | null;
  key?: string;
  evidence?: Evidence;
  /** Where the value comes from when it is not a field (e.g. the call itself). */
  sourceNote?: string;
  /** Read by the LLM stage (grounded in the quote, but not by a rule). */
  byLlm?: boolean;
}

export interface EvaluatorSummary {
  packageName: string;
  call: Report["call"];
  verdict: Verdict;
  counts: { errors: number; warnings: number; infos: number };
  rows: SummaryRow[];
  subsidy: SubsidyAssessment;
  /** Model-written (LLM stage), when it ran. */
  abstract?: string;
  llmModel?: string;
}

interface RowSpec {
  label: string;
  /** Field keys in order of preference (the first found is shown); `prefix.*` lists every `prefix.<year>`. */
  keys: readonly string[];
  /** Show every key found, not only the first (研发投入: the yearly figures and the project's cost differ). */
  all?: true;
  unit?: string;
  /** Shown as 未找到 when absent (for these calls only, when a list); other rows only when found. */
  always?: true | readonly CallId[];
}

const MODEL_CALLS: readonly CallId[] = [
  "wuhan-vertical-model-2025",
  "hubei-industrial-model-2026",
  "wuhan-ai-governance-2026/model-agent",
  "hunan-ai-model-2025",
];

const DIRECTION = "申报方向";
const CONTACT = "联系人";

export const SUMMARY_ROWS: readonly RowSpec[] = [
  { label: "申报单位", keys: ["applicant.name", "cover.applicant"], always: true },
  { label: "统一社会信用代码", keys: ["applicant.uscc"], always: true },
  { label: "单位性质", keys: ["applicant.nature"] },
  { label: "法定代表人", keys: ["applicant.legalRep"] },
  { label: "成立日期", keys: ["applicant.foundedOn"] },
  { label: "注册资本", keys: ["applicant.registeredCapital"], unit: "万元" },
  { label: DIRECTION, keys: [], always: true },
  {
    label: "模型/产品名称",
    keys: ["model.name", "product.name", "platform.name", "scenario.name", "center.name", "cover.projectName"],
    always: true,
  },
  { label: "模型类型", keys: ["model.type", "product.type"] },
  { label: "参数量", keys: ["model.paramsYi"], unit: "亿" },
  { label: "基础模型", keys: ["model.baseModel"] },
  { label: "训练数据量", keys: ["model.trainingDataTB"], unit: "TB" },
  { label: "备案号", keys: ["model.filingNumber"], always: MODEL_CALLS },
  { label: "营业收入", keys: ["finance.revenue.*"], unit: "万元", always: true },
  { label: "人工智能营业收入", keys: ["finance.aiRevenue.*"], unit: "万元" },
  { label: "净利润", keys: ["finance.netProfit.*"], unit: "万元" },
  {
    label: "研发投入",
    keys: ["finance.rdExpense.*", "model.rdCost", "product.rdCost"],
    unit: "万元",
    always: true,
    all: true,
  },
  { label: "项目投资", keys: ["project.investment", "center.investmentPlanned"], unit: "万元" },
  { label: "员工总数", keys: ["staff.total"], unit: "人" },
  { label: "研发人员", keys: ["staff.rd"], unit: "人" },
  { label: "人工智能研发人员", keys: ["staff.aiRd"], unit: "人" },
  { label: "联合体", keys: ["applicant.consortium", "applicant.partnerIntro"], always: true },
  { label: CONTACT, keys: ["contact.name"] },
];

/** Which reading a key is, when one row can come from several keys. */
const KEY_NOTES: Record<string, string> = {
  "model.rdCost": "（模型研发成本）",
  "product.rdCost": "（产品研发）",
  "applicant.partnerIntro": "（联合单位）",
  "center.investmentPlanned": "（计划投入）",
};

/** The call's direction, and the field that narrows it (模型领域, 场景类型 …). */
const DIRECTIONS: Record<CallId, { label: string; keys: readonly string[] }> = {
  "wuhan-vertical-model-2025": { label: "垂直行业模型", keys: ["model.domain"] },
  "hubei-industrial-model-2026": { label: "工业领域专用模型", keys: ["model.industry"] },
  "wuhan-ai-governance-2026/scenario": { label: "“人工智能+社会治理”典型应用场景", keys: ["scenario.type"] },
  "wuhan-ai-governance-2026/model-agent": { label: "社会治理行业模型和智能体", keys: [] },
  "wuhan-ai-governance-2026/platform": { label: "人工智能+社会治理公共服务平台", keys: ["platform.field"] },
  "wuhan-ai-governance-2026/terminal": { label: "社会治理行业智能终端产品", keys: [] },
  "hunan-ai-model-2025": { label: "人工智能大模型", keys: ["model.domain"] },
  "hunan-digital-center-2025": { label: "制造业数字化转型促进中心", keys: ["center.industry"] },
};

const MAX_VALUE_CHARS = 120;

export function buildEvaluatorSummary(report: Report): EvaluatorSummary {
  const callId = report.call?.id as CallId | undefined;
  const rows: SummaryRow[] = [];
  for (const spec of SUMMARY_ROWS) {
    if (spec.label === DIRECTION) {
      rows.push(directionRow(report, callId));
      continue;
    }
    const found = spec.keys.map((key) => fieldsFor(report, key)).filter((fs) => fs.length > 0);
    const fields = spec.all ? found.flat() : (found[0] ?? []);
    if (fields.length === 0) {
      const always = spec.always === true || (callId !== undefined && spec.always?.includes(callId));
      if (always) rows.push({ label: spec.label, value: null });
      continue;
    }
    for (const f of fields) {
      const year = /\.(\d{4})$/.exec(f.key)?.[1];
      const label = `${spec.label}${year ? `（${year}年）` : (KEY_NOTES[f.key] ?? "")}`;
      let value = display(f, spec.unit);
      if (spec.label === CONTACT) {
        const phone = pickField(report, "contact.phone");
        if (phone) value = `${value} ${valueText(phone.value)}`;
      }
      rows.push(fieldRow(report, label, value, f));
    }
  }
  const llm = report.stages.llm;
  const abstract = llm.used ? llm.summary?.abstract?.trim() : undefined;
  return {
    packageName: report.package.name,
    call: report.call,
    verdict: report.summary.verdict,
    counts: { errors: report.summary.errors, warnings: report.summary.warnings, infos: report.summary.infos },
    rows,
    subsidy: assessSubsidy(report),
    ...(abstract ? { abstract, ...(llm.used && llm.model ? { llmModel: llm.model } : {}) } : {}),
  };
}

function directionRow(report: Report, callId: CallId | undefined): SummaryRow {
  const direction = callId ? DIRECTIONS[callId] : undefined;
  if (!direction) return { label: DIRECTION, value: null };
  const field = direction.keys.map((k) => pickField(report, k)).find((f) => f !== undefined);
  if (!field) return { label: DIRECTION, value: direction.label, sourceNote: "按申报通知" };
  return fieldRow(report, DIRECTION, `${direction.label}（${valueText(field.value)}）`, field);
}

function fieldRow(report: Report, label: string, value: string, f: Field): SummaryRow {
  return {
    label,
    value,
    key: f.key,
    evidence: preferPlaced(report, f),
    ...(f.extractor.startsWith("llm:") ? { byLlm: true } : {}),
  };
}

function display(f: Field, unit: string | undefined): string {
  const text = valueText(f.value);
  const shown = [...text].length > MAX_VALUE_CHARS ? `${[...text].slice(0, MAX_VALUE_CHARS).join("")}…` : text;
  const u = f.unit ?? unit;
  return typeof f.value === "number" && u ? `${shown} ${u}` : shown;
}

/** The best reading of `key`, or of every `prefix.<year>` for `prefix.*`, years ascending. */
function fieldsFor(report: Report, key: string): Field[] {
  if (!key.endsWith(".*")) return [pickField(report, key)].filter((f): f is Field => f !== undefined);
  const prefix = key.slice(0, -1);
  const keys = new Set(
    report.fields.map((f) => f.key).filter((k) => k.startsWith(prefix) && /^\d{4}$/.test(k.slice(prefix.length))),
  );
  return [...keys]
    .sort()
    .map((k) => pickField(report, k))
    .filter((f): f is Field => f !== undefined);
}
