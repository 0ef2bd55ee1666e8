/**
 * Figures on the form that must hold together: 人工智能营业收入 ≤ 营业收入 (year by year), 人工智能研发人员 ≤
 * 研发人员 ≤ 员工总数. Form values only; `*` in a key stands for the year and pairs the same year on both sides.
 */
import type { Field } from "../../model.js";
import { evidenceOf, formFields } from "../_internal/fields.js";
import { keyLabel } from "../_internal/labels.js";
import type { Rule, RuleContext, RuleReport } from "../types.js";

export interface Relation {
  /** left ≤ right */
  left: string;
  right: string;
}

export const arithmetic: Rule<{ relations: readonly Relation[] }> = {
  meta: {
    id: "arithmetic",
    description: "申报书中相关数据之间的数量关系成立（分项不大于总数）",
    category: "consistency",
    messages: {
      exceeds:
        "申报书中「{{left}}」为{{leftValue}}，大于「{{right}}」{{rightValue}}（{{where}}）。分项不应超过总数，请核对后更正。",
    },
  },
  check(ctx, options) {
    const reports: RuleReport[] = [];
    let compared = 0;
    for (const rel of options.relations) {
      for (const [leftKey, rightKey] of pairs(ctx, rel)) {
        const l = numeric(ctx, leftKey);
        const r = numeric(ctx, rightKey);
        if (!l || !r) continue;
        compared++;
        if ((l.value as number) <= (r.value as number) + 1e-9) continue;
        reports.push({
          messageId: "exceeds",
          data: {
            left: keyLabel(leftKey),
            leftValue: l.value as number,
            right: keyLabel(rightKey),
            rightValue: r.value as number,
          },
          evidence: evidenceOf(l, r),
          docType: "application-form",
          fieldKeys: [leftKey, rightKey],
          expected: { [leftKey]: `<= ${r.value as number}` },
          actual: { [leftKey]: l.value, [rightKey]: r.value },
        });
      }
    }
    if (compared === 0) return { status: "not-evaluated", reason: "申报书中没有可核对的数据" };
    return reports.length ? { status: "fail", reports } : { status: "pass" };
  },
};

function pairs(ctx: RuleContext, rel: Relation): Array<[string, string]> {
  if (!rel.left.includes("*")) return [[rel.left, rel.right]];
  const prefix = rel.left.slice(0, rel.left.indexOf("*"));
  return ctx.keys(rel.left).map((k) => [k, rel.right.replace("*", k.slice(prefix.length).split(".")[0]!)]);
}

function numeric(ctx: RuleContext, key: string): Field | undefined {
  return formFields(ctx, key).find((f) => typeof f.value === "number");
}
