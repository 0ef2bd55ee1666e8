/**
 * The applicant is registered in the call's region: positions 3–8 of the 统一社会信用代码 are the
 * 登记管理机关 division code (GB/T 2260), so 4201xx = 武汉市. Read from the form's code, else the licence's.
 */
import { parseUscc } from "../../extract/fields/uscc.js";
import { formFields } from "../_internal/fields.js";
import type { Rule } from "../types.js";

export interface RegisteredInOptions {
  /** Division code prefixes: ["4201"]. */
  prefixes: readonly string[];
  /** 武汉市 */
  region: string;
  clause: string;
}

export const registeredIn: Rule<RegisteredInOptions> = {
  meta: {
    id: "registered-in",
    description: "申报单位在通知要求的地区登记注册（按统一社会信用代码中的行政区划码判断）",
    category: "eligibility",
    messages: {
      outside:
        "申报单位的统一社会信用代码「{{code}}」中的登记地行政区划码为{{division}}，不在{{region}}（{{where}}）。通知要求：「{{clause}}」。如确在{{region}}登记，请核对代码；否则不符合申报条件。",
    },
  },
  check(ctx, options) {
    const candidates = [...formFields(ctx, "applicant.uscc"), ...ctx.fields("applicant.uscc")];
    const field = candidates.find((f) => parseUscc(String(f.value ?? "")).valid);
    if (!field) return { status: "not-evaluated", reason: "没有通过校验的统一社会信用代码" };
    const parsed = parseUscc(String(field.value));
    if (options.prefixes.some((p) => parsed.divisionCode.startsWith(p))) return { status: "pass" };
    return {
      status: "fail",
      reports: [
        {
          messageId: "outside",
          data: { code: parsed.code, division: parsed.divisionCode, region: options.region, clause: options.clause },
          evidence: field.evidence.slice(0, 1),
          fieldKeys: ["applicant.uscc"],
          basis: [field],
          expected: { prefixes: options.prefixes, region: options.region, clause: options.clause },
          actual: parsed.divisionCode,
        },
      ],
    };
  },
};
