/**
 * The 备案号 written on the form has a known shape (src/extract/fields/filing.ts): 算法备案 「网信算备」 + 21
 * digits + 「号」, or a 生成式人工智能服务 备案/登记 number 「<省份>-<名称>-<YYYYMMDD>[S]<序号>」. A number that
 * matches none, or matches loosely (wrong digit count, impossible year or date), is most likely mistyped: a
 * warning to check it against the 备案证明. A copy read by OCR is skipped when a text-layer copy exists.
 */
import type { Field } from "../../model.js";
import { parseFilingNumber } from "../../extract/fields/filing.js";
import { display, evidenceOf, formFields, isNone } from "../_internal/fields.js";
import type { Rule, RuleReport } from "../types.js";

export interface FilingNumberOptions {
  /** Where the form asks for the number (「备案情况（包括国家网信办模型（算法）备案、省委网信办登记等相关情况）」). */
  clause: string;
}

export const FILING_FORMATS =
  "算法备案为「网信算备」+21位数字+「号」（如 网信算备330109830471102220013号）；生成式人工智能服务备案、登记为「省份拼音-名称拼音-8位日期[S]序号」（如 Beijing-XiaoBu-20240101S0001、Hubei-YunFanGongZhi-202505120015）";

export const filingNumber: Rule<FilingNumberOptions> = {
  meta: {
    id: "filing-number",
    description: "申报书填写的备案号符合网信办算法备案、生成式人工智能服务备案（登记）编号格式",
    category: "format",
    messages: {
      malformed:
        "申报书填写的备案号「{{number}}」格式不对：{{problems}}（{{where}}）。已知格式：{{formats}}。申报书要求：「{{clause}}」。请对照备案证明核对后更正。",
    },
  },
  check(ctx, options) {
    const all = formFields(ctx, "model.filingNumber").filter((f) => !isNone(f.value));
    if (all.length === 0) return { status: "not-evaluated", reason: "申报书中未填写备案号" };
    const text = all.filter((f) => !ctx.certainty(f).ocr);
    const reports: RuleReport[] = [];
    const seen = new Set<string>();
    for (const f of text.length ? text : all) {
      const number = display(f.value).trim();
      if (seen.has(number)) continue;
      seen.add(number);
      const problems = problemsOf(number);
      if (problems.length) reports.push(report(f, number, problems, options));
    }
    return reports.length ? { status: "fail", reports } : { status: "pass" };
  },
};

function problemsOf(number: string): string[] {
  const parsed = parseFilingNumber(number);
  if (!parsed) return ["既不是「网信算备」编号，也不是「省份-名称-日期」格式的备案（登记）编号"];
  return parsed.valid ? [] : parsed.problems;
}

function report(f: Field, number: string, problems: string[], options: FilingNumberOptions): RuleReport {
  return {
    messageId: "malformed",
    data: { number, problems: problems.join("；"), formats: FILING_FORMATS, clause: options.clause },
    evidence: evidenceOf(f),
    docType: "application-form",
    fieldKeys: ["model.filingNumber"],
    basis: [f],
    expected: FILING_FORMATS,
    actual: number,
  };
}
