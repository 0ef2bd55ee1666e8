/**
 * Every cell of the application form is filled: not blank, not a placeholder (「XXX」「——」), not the
 * template's instruction left in place, and every checkbox group has a choice. Reads
 * extraction.form.unfilled; cells the form marks 「如有」 are listed in `optional`.
 */
import type { Rule } from "../types.js";

export interface RequiredFieldOptions {
  /** Keys that may stay empty (「联合体成员单位（如有）」). */
  optional?: readonly string[];
  clause?: string;
}

export const requiredField: Rule<RequiredFieldOptions> = {
  meta: {
    id: "required-field",
    description: "申报书各栏目均已填写（非空白、非占位符、未保留模板说明、勾选项已勾选）",
    category: "missing",
    messages: {
      blank: "申报书「{{label}}」一栏未填写（{{where}}）。请填写后重新提交。",
      placeholder: "申报书「{{label}}」一栏只有占位符，未填写实际内容（{{where}}）。请填写实际内容。",
      "template-instruction":
        "申报书「{{label}}」一栏仍是模板的填写说明，未替换为实际内容（{{where}}）。请删除说明文字并填写。",
      unchecked: "申报书「{{label}}」未勾选任何选项（{{where}}）。请勾选符合实际的选项。",
    },
  },
  check(ctx, options) {
    const form = ctx.extraction.form;
    if (!form) return { status: "not-evaluated", reason: "未识别出申报书表格" };
    const optional = new Set(options.optional ?? []);
    const reports = form.unfilled
      .filter((u) => !optional.has(u.key))
      .map((u) => ({
        messageId: u.reason,
        data: { label: u.label },
        evidence: u.evidence,
        docType: "application-form" as const,
        fieldKeys: [u.key],
        actual: u.reason,
      }));
    return reports.length ? { status: "fail", reports } : { status: "pass" };
  },
};
