import { describe, expect, it } from "vitest";
import { arithmetic } from "../../../src/checks/rules/arithmetic.js";
import { STAFF_RELATIONS } from "../../../src/checks/calls/_shared.js";
import { fakeContext, field, fixtureContext, outcome, place, reportsOf } from "../_support.js";

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
