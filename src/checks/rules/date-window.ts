/**
 * A date field lies inside a window from the notice: 申报日期 not after the deadline, 成立日期 early enough
 * for 「成立满2个完整会计年度」. A period field (「2022-10-01/2025-09-30」, as extraction writes 审计期间) lies with
 * both ends inside the window a form states for it (「近三年时间：2022年10月1日至2025年9月30日」); an open end
 * (「..」, 至今) is not judged. Dates are ISO (YYYY-MM-DD) as extraction normalises them.
 */
import type { Category, Field } from "../../model.js";
import { keyLabel } from "../_internal/labels.js";
import type { Rule, RuleReport } from "../types.js";

export interface DateWindow {
  key: string;
  notBefore?: string;
  notAfter?: string;
  clause: string;
  category?: Category;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

export const dateWindow: Rule<{ windows: readonly DateWindow[] }> = {
  meta: {
    id: "date-window",
    description: "日期在通知规定的范围内（如申报日期不晚于截止日期、成立时间满足年限、审计期间在近三年统计时段内）",
    category: "eligibility",
    messages: {
      tooLate: "「{{label}}」为{{value}}，晚于{{limit}}（{{where}}）。通知要求：「{{clause}}」。请核对日期。",
      tooEarly: "「{{label}}」为{{value}}，早于{{limit}}（{{where}}）。通知要求：「{{clause}}」。请核对日期。",
      periodOutside:
        "「{{label}}」为{{from}}至{{to}}，超出{{window}}的统计时段（{{where}}）。通知要求：「{{clause}}」。请提供与该时段对应的材料，或核对期间。",
    },
  },
  check(ctx, options) {
    const reports: RuleReport[] = [];
    let seen = 0;
    for (const w of options.windows) {
      for (const f of ctx.fields(w.key)) {
        const span = spanOf(f.value);
        if (!span) continue;
        seen++;
        const report = ISO.test(f.value as string) ? judgeDate(w, f, f.value as string) : judgePeriod(w, f, span);
        if (report)
          reports.push({
            ...report,
            evidence: f.evidence.slice(0, 1),
            fieldKeys: [w.key],
            basis: [f],
            ...(w.category ? { category: w.category } : {}),
          });
      }
    }
    if (seen === 0) return { status: "not-evaluated", reason: "未抽取到需要核对的日期" };
    return reports.length ? { status: "fail", reports } : { status: "pass" };
  },
};

/** A date, or a period 「from/to」 whose ends are dates or 「..」 (open). */
function spanOf(value: Field["value"]): { from: string | null; to: string | null } | null {
  if (typeof value !== "string") return null;
  if (ISO.test(value)) return { from: value, to: value };
  const [from, to, ...rest] = value.split("/");
  if (rest.length || from === undefined || to === undefined) return null;
  const end = (s: string) => (ISO.test(s) ? s : s === ".." ? null : undefined);
  const [a, b] = [end(from), end(to)];
  return a === undefined || b === undefined || (a === null && b === null) ? null : { from: a, to: b };
}

function judgeDate(w: DateWindow, f: Field, value: string): RuleReport | null {
  const late = w.notAfter !== undefined && value > w.notAfter;
  const early = w.notBefore !== undefined && value < w.notBefore;
  if (!late && !early) return null;
  return {
    messageId: late ? "tooLate" : "tooEarly",
    data: { label: keyLabel(w.key), value, limit: (late ? w.notAfter : w.notBefore)!, clause: w.clause },
    expected: { notBefore: w.notBefore, notAfter: w.notAfter, clause: w.clause },
    actual: f.value,
  };
}

function judgePeriod(w: DateWindow, f: Field, span: { from: string | null; to: string | null }): RuleReport | null {
  const early = span.from !== null && w.notBefore !== undefined && span.from < w.notBefore;
  const late = span.to !== null && w.notAfter !== undefined && span.to > w.notAfter;
  if (!early && !late) return null;
  return {
    messageId: "periodOutside",
    data: {
      label: keyLabel(w.key),
      from: span.from ?? "（未写明）",
      to: span.to ?? "今",
      window: `${w.notBefore ?? "……"}至${w.notAfter ?? "……"}`,
      clause: w.clause,
    },
    expected: { notBefore: w.notBefore, notAfter: w.notAfter, clause: w.clause },
    actual: f.value,
  };
}
