/**
 * 字数 of the form's narrative parts: over a hard limit (「不超过500字」) is an error; outside the band of a
 * soft target (「100字左右」, default ±50%) is a warning. Counts are extraction's charCount (visible characters).
 */
import { formFields } from "../_internal/fields.js";
import type { Rule, RuleReport } from "../types.js";

export interface TextLengthOptions {
  /** Hard limits by key, overriding or adding to what the form spec states. */
  maxChars?: Readonly<Record<string, number>>;
  /** Soft targets by key: 「100字左右」 → 100. */
  about?: Readonly<Record<string, number>>;
  /** Band around a soft target, as fractions: [0.5, 1.5] by default. */
  band?: readonly [number, number];
  clause?: string;
}

export const textLength: Rule<TextLengthOptions> = {
  meta: {
    id: "text-length",
    description: "申报书各叙述栏目字数符合要求（不超过上限；「左右」的在合理范围内）",
    category: "format",
    messages: {
      tooLong: "申报书「{{label}}」共{{count}}字，超过规定的{{max}}字（{{where}}）。请精简到{{max}}字以内。",
      offTarget: "申报书「{{label}}」共{{count}}字，要求{{about}}字左右（{{where}}）。请调整到{{low}}–{{high}}字之间。",
    },
  },
  check(ctx, options) {
    const form = ctx.extraction.form;
    if (!form) return { status: "not-evaluated", reason: "未识别出申报书表格" };
    const [lo, hi] = options.band ?? [0.5, 1.5];
    const reports: RuleReport[] = [];
    for (const s of form.sections) {
      if (s.charCount === 0) continue; // empty is required-field's finding
      const max = options.maxChars?.[s.key] ?? s.maxChars;
      const about = options.about?.[s.key];
      // The count is only as good as the reading of the text (an OCR'd narrative at low confidence is doubtful).
      const read = formFields(ctx, s.key).find((f) => f.evidence[0]?.file === s.evidence[0]?.file);
      const base = {
        evidence: s.evidence.slice(0, 1),
        basis: read ? [read] : s.evidence.slice(0, 1).map((place) => ({ place })),
        docType: "application-form" as const,
        fieldKeys: [s.key],
        actual: s.charCount,
      };
      if (max !== undefined && s.charCount > max) {
        reports.push({
          ...base,
          messageId: "tooLong",
          data: { label: s.label, count: s.charCount, max },
          expected: { maxChars: max },
        });
      } else if (about !== undefined && (s.charCount < about * lo || s.charCount > about * hi)) {
        const [low, high] = [Math.ceil(about * lo), Math.floor(about * hi)];
        reports.push({
          ...base,
          messageId: "offTarget",
          data: { label: s.label, count: s.charCount, about, low, high },
          expected: { about, low, high },
          severity: "warning",
        });
      }
    }
    return reports.length ? { status: "fail", reports } : { status: "pass" };
  },
};
