/**
 * Every cell of the application form is filled: not blank, not a placeholder (「XXX」「——」), not the
 * template's instruction left in place, every checkbox group has a choice, and a cell that asks for a date or a
 * number holds one. Reads extraction.form.unfilled (the items of every version of the form, Word and PDF, one per
 * key); cells the form marks 「如有」 are listed in `optional`. A value that did not read as its kind on a scanned
 * page may be OCR's doing, so it is at most a warning. Every report rests on its cell (basis): a cell on a scan, a
 * cell whose reading is doubtful (unclear boundaries, another label's text, an unticked choice with words written
 * beside its options) or a label the reader did not find is 「未能可靠识别」, a warning, never 「未填写」 at error.
 */
import type { ValueKind } from "../../extract/form/types.js";
import type { Rule, RuleReport } from "../types.js";

export interface RequiredFieldOptions {
  /** Keys that may stay empty (「联合体成员单位（如有）」). */
  optional?: readonly string[];
  clause?: string;
}

/** What a cell of each kind should hold, for the message: the kind's name and an example as the form expects it. */
const KINDS: Partial<Record<ValueKind, { name: string; example: string }>> = {
  date: { name: "日期", example: "2018年11月6日" },
  phone: { name: "电话号码", example: "027-87651234 或 13907186521" },
  amount: { name: "金额", example: "1234.56（万元）" },
  integer: { name: "整数", example: "86" },
  number: { name: "数值", example: "120" },
  params: { name: "参数量", example: "72（亿）" },
  dataTB: { name: "数据量", example: "12.5（TB）" },
  percent: { name: "百分比", example: "65%" },
};

export const requiredField: Rule<RequiredFieldOptions> = {
  meta: {
    id: "required-field",
    description: "申报书各栏目均已填写（非空白、非占位符、未保留模板说明、勾选项已勾选、日期和数值可识别）",
    category: "missing",
    messages: {
      blank: "申报书「{{label}}」一栏未填写（{{where}}）。请填写后重新提交。",
      placeholder: "申报书「{{label}}」一栏只有占位符，未填写实际内容（{{where}}）。请填写实际内容。",
      "template-instruction":
        "申报书「{{label}}」一栏仍是模板的填写说明，未替换为实际内容（{{where}}）。请删除说明文字并填写。",
      unchecked: "申报书「{{label}}」未勾选任何选项（{{where}}）。请勾选符合实际的选项。",
      unreadable:
        "申报书「{{label}}」一栏填写为「{{written}}」，无法识别为{{kind}}（{{where}}）。请按「{{example}}」的格式填写{{kind}}。",
      notFound:
        "申报书中未能找到「{{label}}」一栏（{{where}}），未能可靠识别，请人工核对该栏是否已按模板填写。",
      unreadableOcr:
        "申报书「{{label}}」一栏在扫描件中识别为「{{written}}」，无法识别为{{kind}}（{{where}}），可能是识别误差。请人工核对该栏是否按「{{example}}」的格式填写了{{kind}}。",
    },
  },
  check(ctx, options) {
    const form = ctx.extraction.form;
    if (!form) return { status: "not-evaluated", reason: "未识别出申报书表格" };
    const optional = new Set(options.optional ?? []);
    const reports = form.unfilled
      .filter((u) => !optional.has(u.key))
      .map((u): RuleReport => {
        const known = u.reason in requiredField.meta.messages && u.evidence.length > 0;
        const base: RuleReport = {
          messageId: known ? u.reason : "notFound",
          data: { label: u.label },
          evidence: u.evidence,
          docType: "application-form",
          fieldKeys: [u.key],
          actual: u.reason,
          // An unreadable cell, a blank on a scan, a label not found: context.ts decides, the engine lowers.
          basis: [u],
          ...(known ? {} : { severity: "warning" as const }),
        };
        if (u.reason !== "unreadable") return base;
        const kind = (u.kind && KINDS[u.kind]) ?? { name: "有效内容", example: "实际内容" };
        const ocr = ctx.certainty(u).ocr;
        return {
          ...base,
          messageId: ocr ? "unreadableOcr" : "unreadable",
          data: { label: u.label, written: clip(u.written ?? ""), kind: kind.name, example: kind.example },
          actual: { written: u.written, kind: u.kind },
          ...(ocr ? { severity: "warning" as const } : {}),
        };
      });
    return reports.length ? { status: "fail", reports } : { status: "pass" };
  },
};

/** What was written, shortened for the message (OCR may have run a whole row into the cell). */
function clip(text: string): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length > 40 ? `${t.slice(0, 40)}…` : t;
}
