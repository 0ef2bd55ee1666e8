/** A number on the form meets a threshold of the 申报条件 (「大模型参数规模应达到8亿以上」: paramsYi ≥ 8). */
import { evidenceOf, formFields } from "../_internal/fields.js";
import { keyLabel } from "../_internal/labels.js";
import type { Rule, RuleReport } from "../types.js";

export interface NumberLimit {
  key: string;
  /** Inclusive: 「以上」「不低于」. */
  min?: number;
  /** Inclusive: 「不超过」「以内」. */
  max?: number;
  unit?: string;
  clause: string;
}

export const numberRange: Rule<{ limits: readonly NumberLimit[] }> = {
  meta: {
    id: "number-range",
    description: "申报书中的指标达到申报条件规定的门槛",
    category: "eligibility",
    messages: {
      belowMin:
        "申报书「{{label}}」为{{value}}{{unit}}，低于申报条件要求的{{limit}}{{unit}}（{{where}}）。通知要求：「{{clause}}」。不满足申报条件；如填写有误请更正。",
      aboveMax:
        "申报书「{{label}}」为{{value}}{{unit}}，超过申报条件规定的{{limit}}{{unit}}（{{where}}）。通知要求：「{{clause}}」。请核对。",
    },
  },
  check(ctx, options) {
    const reports: RuleReport[] = [];
    let seen = 0;
    for (const lim of options.limits) {
      const f = formFields(ctx, lim.key).find((x) => typeof x.value === "number");
      if (!f) continue;
      seen++;
      const value = f.value as number;
      const below = lim.min !== undefined && value < lim.min;
      const above = lim.max !== undefined && value > lim.max;
      if (!below && !above) continue;
      reports.push({
        messageId: below ? "belowMin" : "aboveMax",
        data: {
          label: keyLabel(lim.key),
          value,
          unit: lim.unit ?? "",
          limit: (below ? lim.min : lim.max)!,
          clause: lim.clause,
        },
        evidence: evidenceOf(f),
        fieldKeys: [lim.key],
        basis: [f],
        expected: { min: lim.min, max: lim.max, clause: lim.clause },
        actual: value,
      });
    }
    if (seen === 0) return { status: "not-evaluated", reason: "申报书中未填写需核对的指标" };
    return reports.length ? { status: "fail", reports } : { status: "pass" };
  },
};
