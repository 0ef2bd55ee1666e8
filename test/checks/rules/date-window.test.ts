import { describe, expect, it } from "vitest";
import { dateWindow } from "../../../src/checks/rules/date-window.js";
import { fakeContext, field, findingsOf, fixtureContext, outcome, place, reportsOf } from "../_support.js";

const deadline = (notAfter: string) => ({
  windows: [{ key: "cover.date", notAfter, clause: "于2025年10月23日前报送" }],
});

describe("date-window", () => {
  it("wuhan-vertical-a is dated 2025-10-20, before the 2025-10-23 deadline", async () => {
    expect(outcome(dateWindow, await fixtureContext("wuhan-vertical-a"), deadline("2025-10-23"))).toEqual({
      status: "pass",
    });
  });

  it("hunan-ai-model-b's cover (2025-11-10) is after a 2025-10-23 deadline, reported on its cover page", async () => {
    const reports = reportsOf(dateWindow, await fixtureContext("hunan-ai-model-b"), deadline("2025-10-23"));
    expect(reports.map((r) => [r.messageId, r.actual, place(r)])).toEqual([
      ["tooLate", "2025-11-10", "2025年湖南省人工智能大模型项目申报书（湘江智语）.pdf#1"],
    ]);
  });

  it("成立满2个完整会计年度: founded 2023-03-01 is too late for notAfter 2023-01-01, an eligibility error", () => {
    const ctx = fakeContext({
      fields: [
        field("applicant.foundedOn", "2023-03-01"),
        field("applicant.foundedOn", "2019-01-01", "d1", { page: 2 }),
      ],
    });
    const options = {
      windows: [{ key: "applicant.foundedOn", notAfter: "2023-01-01", clause: "成立已满至少2个完整会计年度" }],
    };
    expect(findingsOf(dateWindow, ctx, options).map((f) => [f.severity, f.category, f.actual])).toEqual([
      ["error", "eligibility", "2023-03-01"],
    ]);
  });

  it("notBefore, and not evaluated without a date", () => {
    const ctx = fakeContext({ fields: [field("pledge.date", "2024-01-01")] });
    const options = { windows: [{ key: "pledge.date", notBefore: "2025-10-14", clause: "通知发布后" }] };
    expect(reportsOf(dateWindow, ctx, options).map((r) => r.messageId)).toEqual(["tooEarly"]);
    expect(outcome(dateWindow, fakeContext({}), options).status).toBe("not-evaluated");
  });
});
