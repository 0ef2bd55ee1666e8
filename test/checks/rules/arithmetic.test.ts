import { describe, expect, it } from "vitest";
import { arithmetic, type Relation } from "../../../src/checks/rules/arithmetic.js";
import { STAFF_RELATIONS } from "../../../src/checks/calls/_shared.js";
import { CALL_PACKS } from "../../../src/checks/calls/index.js";
import { fakeContext, field, findingsOf, fixtureContext, outcome, place, reportsOf } from "../_support.js";

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
});
