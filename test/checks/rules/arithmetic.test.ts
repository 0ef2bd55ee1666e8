import { describe, expect, it } from "vitest";
import { arithmetic, type Relation } from "../../../src/checks/rules/arithmetic.js";
import { STAFF_RELATIONS } from "../../../src/checks/calls/_shared.js";
import { CALL_PACKS } from "../../../src/checks/calls/index.js";
import { doc, fakeContext, field, findingsOf, fixtureContext, outcome, place, reportsOf } from "../_support.js";

const options = { relations: STAFF_RELATIONS };

describe("arithmetic", () => {
  it("holds on the fixture forms (AI revenue within revenue, AI R&D ≤ R&D ≤ staff)", async () => {
    expect(outcome(arithmetic, await fixtureContext("wuhan-vertical-a"), options)).toEqual({ status: "pass" });
    expect(
      outcome(arithmetic, await fixtureContext("hunan-ai-model-b"), {
        relations: [...STAFF_RELATIONS, { left: "staff.rd.*", right: "staff.total.*" }],
      }),
    ).toEqual({ status: "pass" });
  });

  it("pairs years on both sides and reports the part that exceeds its total", () => {
    const ctx = fakeContext({
      fields: [
        field("finance.revenue.2023", 100),
        field("finance.aiRevenue.2023", 120, "d1", { page: 2 }),
        field("finance.revenue.2024", 100),
        field("finance.aiRevenue.2024", 90),
        field("staff.total", 50),
        field("staff.rd", 40),
        field("staff.aiRd", 41, "d1", { page: 3 }),
      ],
    });
    expect(reportsOf(arithmetic, ctx, options).map((r) => [r.fieldKeys, place(r)])).toEqual([
      [["finance.aiRevenue.2023", "finance.revenue.2023"], "申报书.pdf#2"],
      [["staff.aiRd", "staff.rd"], "申报书.pdf#3"],
    ]);
  });

  it("hunan-digital-center-j: 「总共86人，其中…64人，占74.4%」 adds up, as do 研发人员 within 在职人员 per year", async () => {
    const pack = CALL_PACKS["hunan-digital-center-2025"];
    const relations = (pack.rules.arithmetic as [string, { relations: Relation[] }])[1];
    expect(outcome(arithmetic, await fixtureContext("hunan-digital-center-j"), relations)).toEqual({ status: "pass" });
  });

  describe("a share written out in full", () => {
    const share = {
      relations: [{ part: "center.teamDigital", whole: "center.teamTotal", percent: "center.teamDigitalPercent" }],
    };
    const team = (total: number, digital: number, percent: number, raw = `${percent}%`) =>
      fakeContext({
        fields: [
          field("center.teamTotal", total),
          field("center.teamDigital", digital),
          { ...field("center.teamDigitalPercent", percent, "d1", { page: 6 }), raw },
        ],
      });

    it.each([
      [86, 64, 74.4, "74.4%"],
      [86, 64, 74, "74%"],
      [86, 64, 75, "75%"],
      [3, 1, 33.3, "33.3%"],
    ])("%i people, %i of them, written %s: within one unit of the last digit", (total, digital, percent, raw) => {
      expect(outcome(arithmetic, team(total, digital, percent, raw), share)).toEqual({ status: "pass" });
    });

    it("a percentage that does not follow from the counts is reported at the percentage, with the right one", () => {
      const findings = findingsOf(arithmetic, team(86, 30, 55), share);
      expect(findings.map((f) => [f.severity, f.fieldKeys, place(f), f.expected])).toEqual([
        [
          "error",
          ["center.teamDigital", "center.teamTotal", "center.teamDigitalPercent"],
          "申报书.pdf#6",
          { "center.teamDigitalPercent": 34.9 },
        ],
      ]);
      expect(findings[0]!.message).toContain("占比应为34.9%");
      expect(reportsOf(arithmetic, team(86, 64, 74.6, "74.6%"), share).map((r) => r.messageId)).toEqual(["shareOff"]);
    });

    it("more specialists than the team has is the 「exceeds」 finding, not a share", () => {
      expect(reportsOf(arithmetic, team(60, 64, 106.7), share).map((r) => [r.messageId, r.fieldKeys])).toEqual([
        ["exceeds", ["center.teamDigital", "center.teamTotal"]],
      ]);
    });
  });

  it("ignores values from other documents and is not evaluated without form figures", () => {
    const ctx = fakeContext({
      fields: [
        field("staff.rd", 9, "d2", { extractor: "rule:x" }),
        field("staff.total", 5, "d2", { extractor: "rule:x" }),
      ],
    });
    expect(outcome(arithmetic, ctx, options).status).toBe("not-evaluated");
  });

  describe("资产负债率 against the 审计报告 (share read from another document)", () => {
    const debt = {
      relations: [
        {
          part: "finance.totalLiabilities.*",
          whole: "finance.totalAssets.*",
          percent: "finance.debtRatio.*",
          from: "audit-report" as const,
        },
      ],
    };

    it("hunan-ai-model-b: 41.84% on the form = 负债合计 8216.04 / 资产总计 19637.58 read from the audit pages", async () => {
      const ctx = await fixtureContext("hunan-ai-model-b");
      const audit = (key: string) =>
        ctx
          .fields(key)
          .filter((f) => ctx.documentOf(f)?.type === "audit-report")
          .map((f) => [f.value, f.evidence[0]!.page]);
      expect(audit("finance.totalLiabilities.2024")).toEqual([[8216.04, 10]]);
      expect(audit("finance.totalAssets.2024")).toEqual([[19637.58, 10]]);
      expect(outcome(arithmetic, ctx, debt)).toEqual({ status: "pass" });
    });

    it("a ratio that does not follow from the audited figures is reported, year by year, with the right one", () => {
      const audit = (key: string, v: number) => field(key, v, "a1", { extractor: "rule:audit-report", page: 9 });
      const ctx = fakeContext({
        documents: [doc("d1", "application-form"), doc("a1", "audit-report", "pkg/审计报告.pdf", [9, 9])],
        fields: [
          { ...field("finance.debtRatio.2023", 43.67, "d1", { page: 4 }), raw: "43.67" },
          { ...field("finance.debtRatio.2024", 48.14, "d1", { page: 4 }), raw: "48.14" },
          audit("finance.totalLiabilities.2024", 8216.04),
          audit("finance.totalAssets.2024", 19637.58),
        ],
      });
      const findings = findingsOf(arithmetic, ctx, debt);
      expect(findings.map((f) => [f.severity, f.docType, f.fieldKeys?.[0], place(f), f.expected])).toEqual([
        ["error", "audit-report", "finance.debtRatio.2024", "申报书.pdf#4", { "finance.debtRatio.2024": 41.84 }],
      ]);
      expect(findings[0]!.message).toContain("按此计算应为41.84%");
    });
  });

  describe("a composition written out in a text cell adds up to the total", () => {
    it("the fixture forms' 研发资金来源及组成 / 研发成本组成 add up (sources and items, sentence by sentence)", async () => {
      const e = { relations: [{ items: "model.rdCostBreakdown", total: "model.rdCost" }] };
      const wuhan = { relations: [{ items: "model.rdFunding", total: "model.rdCost" }] };
      expect(outcome(arithmetic, await fixtureContext("hubei-industrial-model-e"), e)).toEqual({ status: "pass" });
      expect(outcome(arithmetic, await fixtureContext("wuhan-vertical-a"), wuhan)).toEqual({ status: "pass" });
      expect(outcome(arithmetic, await fixtureContext("wuhan-vertical-c"), wuhan)).toEqual({ status: "pass" });
    });

    const cell = (text: string, total?: number) =>
      fakeContext({
        fields: [
          field("model.rdFunding", text, "d1", { page: 3 }),
          ...(total === undefined ? [] : [field("model.rdCost", total, "d1", { page: 2 })]),
        ],
      });
    const rel = { relations: [{ items: "model.rdFunding", total: "model.rdCost" }] };

    it("items that miss the total cell, and a 共计 that differs from it, are reported", () => {
      const text =
        "研发资金共计1568.0万元，其中财政资金960.0万元、自筹资金608.0万元。研发资金组成为：人工费用517.0万元，测试费用96.0万元，设备费用188.0万元。";
      const reports = reportsOf(arithmetic, cell(text, 1568), rel);
      expect(reports.map((r) => [r.messageId, r.data?.sum, place(r)])).toEqual([["sumOff", 801, "申报书.pdf#3"]]);
      expect(reportsOf(arithmetic, cell(text, 1586), rel).map((r) => r.data?.items)).toEqual([
        "1568.0万元",
        "960.0万元、608.0万元",
        "517.0万元、96.0万元、188.0万元",
      ]);
    });

    it("rounding of each amount is tolerated; without a total cell the stated 共计 is the total", () => {
      expect(outcome(arithmetic, cell("组成为：甲费用33.3万元，乙费用33.3万元，丙费用33.3万元。", 100), rel)).toEqual({
        status: "pass",
      });
      expect(outcome(arithmetic, cell("资金共计100万元：甲费用60万元，乙费用30万元。"), rel).status).toBe("fail");
      expect(outcome(arithmetic, cell("全部为企业自筹。"), rel).status).toBe("not-evaluated");
    });
  });
});
