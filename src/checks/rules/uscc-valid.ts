/**
 * Every 统一社会信用代码 in the package is well formed (GB 32100-2015: 18 characters, allowed charset,
 * registration authority and type, GB 11714 org-code check, final check character). A bad code on a scan
 * is more likely a misreading than a wrong code, so it is a warning there; elsewhere the engine lowers it when the
 * reading is doubtful (context.ts).
 */
import type { Field } from "../../model.js";
import { parseUscc } from "../../extract/fields/uscc.js";
import { DOC_LABELS } from "../_internal/labels.js";
import type { Rule, RuleReport } from "../types.js";

export const usccValid: Rule<{ clause?: string }> = {
  meta: {
    id: "uscc-valid",
    description: "统一社会信用代码符合国家标准（GB 32100-2015）的编码和校验规则",
    category: "format",
    clause: "GB 32100-2015《法人和其他组织统一社会信用代码编码规则》",
    messages: {
      invalid:
        "{{docName}}上的统一社会信用代码「{{code}}」不符合编码规则：{{problems}}（{{where}}）。请对照营业执照（法人证书）核对后更正。",
      ocrInvalid:
        "{{docName}}扫描件上识别出的统一社会信用代码「{{code}}」未通过校验：{{problems}}（{{where}}），可能是识别误差。请人工核对原件。",
    },
  },
  check(ctx) {
    const fields = ctx.fields("applicant.uscc");
    if (fields.length === 0) return { status: "not-evaluated", reason: "未抽取到统一社会信用代码" };
    const reports: RuleReport[] = [];
    const seen = new Set<string>();
    for (const f of fields) {
      const parsed = parseUscc(String(f.value ?? ""));
      if (parsed.valid || seen.has(parsed.code + f.documentId)) continue;
      seen.add(parsed.code + f.documentId);
      reports.push(report(f, parsed.code, parsed.problems, ctx.certainty(f).ocr, ctx.documentOf(f)?.type));
    }
    return reports.length ? { status: "fail", reports } : { status: "pass" };
  },
};

function report(
  f: Field,
  code: string,
  problems: string[],
  ocr: boolean,
  type: keyof typeof DOC_LABELS | undefined,
): RuleReport {
  return {
    messageId: ocr ? "ocrInvalid" : "invalid",
    data: { docName: type ? DOC_LABELS[type] : "材料", code, problems: problems.join("；") },
    evidence: f.evidence.slice(0, 1),
    ...(type ? { docType: type } : {}),
    fieldKeys: ["applicant.uscc"],
    // A code read from the wrong cell, or at low confidence, is not the applicant's wrong code (context.ts).
    basis: [f],
    actual: code,
    ...(ocr ? { severity: "warning" as const } : {}),
  };
}
