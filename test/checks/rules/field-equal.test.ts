import { describe, expect, it } from "vitest";
import { fieldEqual } from "../../../src/checks/rules/field-equal.js";
import { doc, fakeContext, field, findingsOf, fixtureContext, outcome, place, reportsOf } from "../_support.js";

const keys = ["applicant.name", "applicant.uscc", "applicant.legalRep", "finance.*.*"];

describe("field-equal on the fixture packages", () => {
  it("hunan-ai-model-b: the OCR'd licence's 法定代表人 one character off the form is a warning at the licence page", async () => {
    const ctx = await fixtureContext("hunan-ai-model-b");
    const findings = findingsOf(fieldEqual, ctx, { keys });
    expect(findings.map((f) => [f.fieldKeys?.[0], f.severity, f.docType, place(f)])).toEqual([
      ["applicant.legalRep", "warning", "business-license", "2025年湖南省人工智能大模型项目申报书（湘江智语）.pdf#8"],
    ]);
    expect(reportsOf(fieldEqual, ctx, { keys })[0]).toMatchObject({ messageId: "ocrMismatch", expected: "谭雅琴" });
  });

  it("wuhan-vertical-a: one licence copy that agrees is enough, though the photo inside the Word file is misread", async () => {
    const ctx = await fixtureContext("wuhan-vertical-a");
    expect(ctx.fields("applicant.name").some((f) => f.value !== "武汉云帆智算科技有限公司")).toBe(true);
    expect(outcome(fieldEqual, ctx, { keys })).toEqual({ status: "pass" });
  });
});

describe("field-equal edge cases", () => {
  const documents = [
    doc("d1", "application-form"),
    doc("d2", "business-license", "pkg/执照.pdf"),
    doc("d3", "audit-report", "pkg/审计.pdf"),
  ];

  it("a different name on a text-layer licence is an error", () => {
    const ctx = fakeContext({
      documents,
      fields: [
        field("applicant.name", "武汉甲科技有限公司"),
        field("applicant.name", "武汉乙科技有限公司", "d2", {
          file: "pkg/执照.pdf",
          extractor: "rule:business-license",
        }),
      ],
    });
    expect(reportsOf(fieldEqual, ctx, { keys }).map((r) => [r.messageId, place(r)])).toEqual([
      ["mismatch", "执照.pdf#1"],
    ]);
  });

  it("the same misreading on an OCR'd page stays a warning; three edits away it is an error", () => {
    const ocrPages = ["pkg/执照.pdf#1"];
    const form = field("applicant.name", "武汉甲乙丙科技有限公司");
    const near = fakeContext({
      documents,
      ocrPages,
      fields: [
        form,
        field("applicant.name", "武汉甲己丙科技有限公司", "d2", { file: "pkg/执照.pdf", extractor: "rule:x" }),
      ],
    });
    expect(findingsOf(fieldEqual, near, { keys }).map((f) => f.severity)).toEqual(["warning"]);
    const far = fakeContext({
      documents,
      ocrPages,
      fields: [
        form,
        field("applicant.name", "武汉丁戊庚科技有限公司", "d2", { file: "pkg/执照.pdf", extractor: "rule:x" }),
      ],
    });
    expect(findingsOf(fieldEqual, far, { keys }).map((f) => f.severity)).toEqual(["error"]);
  });

  it("folds width and punctuation, and compares amounts to the cent; 营业收入 from the 审计报告 by year", () => {
    const ctx = fakeContext({
      documents,
      fields: [
        field("applicant.name", "武汉甲（集团）科技有限公司"),
        field("applicant.name", "武汉甲(集团)科技有限公司", "d2", { file: "pkg/执照.pdf", extractor: "rule:x" }),
        field("finance.revenue.2024", 7318.62),
        field("finance.revenue.2024", 7318.6245, "d3", { file: "pkg/审计.pdf", extractor: "rule:audit-report" }),
        field("finance.netProfit.2024", 100),
        field("finance.netProfit.2024", 90, "d3", { file: "pkg/审计.pdf", page: 3, extractor: "rule:audit-report" }),
      ],
    });
    expect(reportsOf(fieldEqual, ctx, { keys }).map((r) => [r.fieldKeys?.[0], r.messageId, place(r)])).toEqual([
      ["finance.netProfit.2024", "mismatch", "审计.pdf#3"],
    ]);
  });

  it("is not evaluated when nothing can be paired", () => {
    expect(
      outcome(fieldEqual, fakeContext({ documents, fields: [field("applicant.name", "甲")] }), { keys }).status,
    ).toBe("not-evaluated");
  });
});

describe("field-equal: two keys of the form that name one thing (same)", () => {
  const same = [{ key: "cover.modelName", as: "model.name" }];

  it("wuhan-vertical-a and -c: the cover's 模型名称 agrees with the table (a garbled OCR cover copy does not matter)", async () => {
    for (const name of ["wuhan-vertical-a", "wuhan-vertical-c"] as const) {
      expect(outcome(fieldEqual, await fixtureContext(name), { keys: [], same })).toEqual({ status: "pass" });
    }
  });

  it("a different name on the cover is a warning at most, pointing at the cover", () => {
    const ctx = fakeContext({
      fields: [
        field("cover.modelName", "江城智治城市大模型", "d1", { page: 1 }),
        field("model.name", "江城智治城市管理大模型", "d1", { page: 3 }),
      ],
    });
    const findings = findingsOf(fieldEqual, ctx, { keys: [], same });
    expect(findings.map((f) => [f.severity, f.fieldKeys, place(f), f.expected, f.actual])).toEqual([
      ["warning", ["cover.modelName", "model.name"], "申报书.pdf#1", "江城智治城市管理大模型", "江城智治城市大模型"],
    ]);
    expect(findings[0]!.message).toContain("两处应为同一名称");
  });
});
