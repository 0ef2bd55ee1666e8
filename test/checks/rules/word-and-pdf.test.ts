import { describe, expect, it } from "vitest";
import { wordAndPdf } from "../../../src/checks/rules/word-and-pdf.js";
import { DOCX, PDF, doc, fakeContext, field, findingsOf, fixtureContext, place, reportsOf } from "../_support.js";

const options = { clause: "同步报送电子版（Word和PDF盖章件）" };

describe("word-and-pdf", () => {
  it("wuhan-vertical-a: both versions agree; the scanned, stamped cover can only be flagged for a human (info)", async () => {
    const findings = findingsOf(wordAndPdf, await fixtureContext("wuhan-vertical-a"), options);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.severity === "info" && f.fieldKeys?.[0]?.startsWith("cover."))).toBe(true);
    expect(findings.map(place)).toContain("武汉市垂直行业模型项目申报书.docx#1");
  });

  it("wuhan-vertical-c: Word and its PDF export say the same thing (the unstamped cover is seal-required's)", async () => {
    expect(findingsOf(wordAndPdf, await fixtureContext("wuhan-vertical-c"), options)).toEqual([]);
  });

  it("both versions present and agreeing: passes, whatever the cover's seal", () => {
    const documents = [doc("d1", "application-form", DOCX), doc("d2", "application-form", PDF)];
    const sealed = field("cover.sealed", false, "d2", { file: PDF, extractor: "rule:seal" });
    expect(wordAndPdf.check(fakeContext({ documents, fields: [sealed] }), options)).toEqual({ status: "pass" });
  });

  it("hunan-ai-model-b has only a PDF: the Word version is missing", async () => {
    const reports = reportsOf(wordAndPdf, await fixtureContext("hunan-ai-model-b"), options);
    expect(reports.map((r) => r.messageId)).toEqual(["missingWord"]);
  });

  it("a value that differs between two text layers is an error", () => {
    const ctx = fakeContext({
      documents: [doc("d1", "application-form", DOCX), doc("d2", "application-form", PDF)],
      fields: [
        field("staff.total", 203, "d1", { file: DOCX, page: 2 }),
        field("staff.total", 230, "d2", { file: PDF, page: 2 }),
      ],
    });
    const findings = findingsOf(wordAndPdf, ctx, options);
    expect(findings.map((f) => [f.severity, f.category, f.fieldKeys?.[0], f.expected, f.actual])).toEqual([
      ["error", "consistency", "staff.total", 203, 230],
    ]);
  });

  it("a PDF reading that is part of the Word value is a warning, not an error", () => {
    const ctx = fakeContext({
      documents: [doc("d1", "application-form", DOCX), doc("d2", "application-form", PDF)],
      fields: [
        field("cover.address", "武汉市洪山区珞喻路1037号创新大厦B座9层", "d1", { file: DOCX }),
        field("cover.address", "创新大厦B座9层", "d2"),
      ],
    });
    expect(reportsOf(wordAndPdf, ctx, options).map((r) => [r.messageId, r.severity])).toEqual([["partial", "warning"]]);
  });

  it("no form at all", () => {
    expect(reportsOf(wordAndPdf, fakeContext({}), options).map((r) => r.messageId)).toEqual(["missingBoth"]);
  });
});
