import { describe, expect, it } from "vitest";
import { ingestFindings } from "../../../src/checks/rules/ingest-findings.js";
import type { Finding } from "../../../src/model.js";
import { fakeContext, findingsOf, fixtureContext, outcome } from "../_support.js";

describe("ingest-findings", () => {
  it("passes when ingest found nothing (the fixture packages read cleanly)", async () => {
    expect(outcome(ingestFindings, await fixtureContext("wuhan-vertical-c"), undefined)).toEqual({ status: "pass" });
  });

  it("puts ingest findings into the report as they are, whatever level the pack gives the rule", () => {
    const finding: Finding = {
      ruleId: "ingest/encrypted",
      severity: "error",
      category: "ingest",
      message: "文件「pkg/a.pdf」：文件已加密。请提供密码。",
      actual: { file: "pkg/a.pdf", reason: "encrypted" },
      evidence: [],
    };
    const ocr: Finding = {
      ...finding,
      ruleId: "ingest/ocr-failed",
      severity: "warning",
      evidence: [{ file: "pkg/b.pdf", page: 2, quote: "" }],
    };
    const findings = findingsOf(ingestFindings, fakeContext({ findings: [ocr, finding] }), undefined, "info");
    expect(findings).toEqual([finding, ocr]);
  });
});
