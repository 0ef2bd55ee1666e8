import { describe, expect, it } from "vitest";
import { CALL_PACKS } from "../../../src/checks/calls/index.js";
import { numberRange, type NumberLimit } from "../../../src/checks/rules/number-range.js";

type NumberRangeOptions = { limits: readonly NumberLimit[] };
import { fakeContext, field, findingsOf, fixtureContext, outcome, place } from "../_support.js";

const params = { limits: [{ key: "model.paramsYi", min: 8, unit: "亿", clause: "大模型参数规模应达到8亿以上" }] };

describe("number-range", () => {
  it("hunan-ai-model-b's 320亿 parameters meet 「8亿以上」", async () => {
    expect(outcome(numberRange, await fixtureContext("hunan-ai-model-b"), params)).toEqual({ status: "pass" });
  });

  it("6亿 is below the threshold; exactly 8亿 is 「以上」 and passes", () => {
    const below = findingsOf(
      numberRange,
      fakeContext({ fields: [field("model.paramsYi", 6, "d1", { page: 5 })] }),
      params,
    );
    expect(below.map((f) => [f.ruleId, f.severity, f.category, place(f), f.actual])).toEqual([
      ["number-range", "error", "eligibility", "申报书.pdf#5", 6],
    ]);
    expect(below[0]?.message).toContain("8亿");
    expect(outcome(numberRange, fakeContext({ fields: [field("model.paramsYi", 8)] }), params)).toEqual({
      status: "pass",
    });
  });

  it("hunan-digital-center-j: the 技术团队's 74.4% meets 「总占比不低于50%」; 45% does not", async () => {
    const pack = CALL_PACKS["hunan-digital-center-2025"];
    const options = (pack.rules["number-range"] as [string, NumberRangeOptions])[1];
    expect(outcome(numberRange, await fixtureContext("hunan-digital-center-j"), options)).toEqual({ status: "pass" });
    const low = findingsOf(numberRange, fakeContext({ fields: [field("center.teamDigitalPercent", 45)] }), options);
    expect(low.map((f) => [f.severity, f.fieldKeys?.[0]])).toEqual([["error", "center.teamDigitalPercent"]]);
    expect(low[0]!.message).toContain("45%，低于申报条件要求的50%");
  });

  it("max, and not evaluated when the form leaves it out", () => {
    const ctx = fakeContext({ fields: [field("center.teamTotal", 9)] });
    const out = numberRange.check(ctx, { limits: [{ key: "center.teamTotal", max: 7, clause: "不超过7家" }] });
    expect(out.status === "fail" && out.reports?.map((r) => r.messageId)).toEqual(["aboveMax"]);
    expect(outcome(numberRange, fakeContext({}), params).status).toBe("not-evaluated");
  });
});
