/**
 * What ingest found (unreadable, encrypted or mistyped files, OCR failures) is part of the report as it is:
 * ingest already chose the rule id, severity and message, with the file and page.
 */
import type { Rule } from "../types.js";

export const ingestFindings: Rule = {
  meta: {
    id: "ingest-findings",
    description: "读取阶段发现的问题（文件无法打开、加密、格式不符、识别失败等）原样列入报告",
    category: "ingest",
    messages: {},
  },
  check(ctx) {
    return ctx.pkg.findings.length ? { status: "fail", findings: ctx.pkg.findings } : { status: "pass" };
  },
};
