/** A list written in one form cell stays within a limit (「联合体成员数量不超过3家」). 无 counts as none. */
import { evidenceOf, formFields, isNone } from "../_internal/fields.js";
import { keyLabel } from "../_internal/labels.js";
import type { Rule } from "../types.js";

export interface ListSizeOptions {
  key: string;
  max: number;
  clause: string;
}

export const listSize: Rule<ListSizeOptions> = {
  meta: {
    id: "list-size",
    description: "申报书中列举的单位数量不超过通知规定（如联合体成员数）",
    category: "eligibility",
    messages: {
      tooMany:
        "申报书「{{label}}」列出{{count}}家（{{items}}），超过规定的{{max}}家（{{where}}）。通知要求：「{{clause}}」。请调整联合体组成。",
    },
  },
  check(ctx, options) {
    const field = formFields(ctx, options.key)[0];
    if (!field) return { status: "not-evaluated", reason: `申报书中未找到「${keyLabel(options.key)}」` };
    const items = isNone(field.value) ? [] : splitList(String(field.value));
    if (items.length <= options.max) return { status: "pass" };
    return {
      status: "fail",
      reports: [
        {
          messageId: "tooMany",
          data: {
            label: keyLabel(options.key),
            count: items.length,
            items: items.join("、"),
            max: options.max,
            clause: options.clause,
          },
          evidence: evidenceOf(field),
          fieldKeys: [options.key],
          basis: [field],
          expected: { max: options.max, clause: options.clause },
          actual: items,
        },
      ],
    };
  },
};

/** 「1.甲公司 2.乙大学」, 「甲公司、乙大学；丙研究院」 → names. */
export function splitList(text: string): string[] {
  return text
    .replace(/(^|[\s,，;；])\d{1,2}\s*[.、．)）]/gu, "$1\n")
    .split(/[、，,；;\n]/u)
    .map((s) => s.trim())
    .filter((s) => s !== "" && !isNone(s));
}
