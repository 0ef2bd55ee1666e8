/**
 * A date field lies inside a window from the notice: 申报日期 not after the deadline, 成立日期 early enough
 * for 「成立满2个完整会计年度」. Dates are ISO (YYYY-MM-DD) as extraction normalises them.
 */
import type { Category } from "../../model.js";
import { keyLabel } from "../_internal/labels.js";
import type { Rule, RuleReport } from "../types.js";

export interface DateWindow {
  key: string;
  notBefore?: string;
  notAfter?: string;
  clause: string;
  category?: Category;
}

export const dateWindow: Rule<{ windows: readonly DateWindow[] }> = {
  meta: {
    id: "date-window",
    description: "日期在通知规定的范围内（如申报日期不晚于截止日期、成立时间满足年限）",
    category: "eligibility",
    messages: {
      tooLate: "「{{label}}」为{{value}}，晚于{{limit}}（{{where}}）。通知要求：「{{clause}}」。请核对日期。",
      tooEarly: "「{{label}}」为{{value}}，早于{{limit}}（{{where}}）。通知要求：「{{clause}}」。请核对日期。",
    },
  },
  check(ctx, options) {
    const reports: RuleReport[] = [];
    let seen = 0;
    for (const w of options.windows) {
      for (const f of ctx.fields(w.key)) {
        if (typeof f.value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(f.value)) continue;
        seen++;
        const late = w.notAfter !== undefined && f.value > w.notAfter;
        const early = w.notBefore !== undefined && f.value < w.notBefore;
        if (!late && !early) continue;
        reports.push({
          messageId: late ? "tooLate" : "tooEarly",
          data: { label: keyLabel(w.key), value: f.value, limit: (late ? w.notAfter : w.notBefore)!, clause: w.clause },
          evidence: f.evidence.slice(0, 1),
          fieldKeys: [w.key],
          expected: { notBefore: w.notBefore, notAfter: w.notAfter, clause: w.clause },
          actual: f.value,
          ...(w.category ? { category: w.category } : {}),
        });
      }
    }
    if (seen === 0) return { status: "not-evaluated", reason: "未抽取到需要核对的日期" };
    return reports.length ? { status: "fail", reports } : { status: "pass" };
  },
};
