import { describe, expect, it } from "vitest";
import path from "node:path";
import { CALL_PACKS } from "../../../src/checks/calls/index.js";
import { dateWindow, type DateWindow } from "../../../src/checks/rules/date-window.js";
import type { CallId } from "../../../src/extract/types.js";
import {
  FIXTURES,
  fakeContext,
  field,
  findingsOf,
  fixtureContext,
  outcome,
  pathsContext,
  place,
  reportsOf,
} from "../_support.js";

const windowsOf = (id: CallId) => (CALL_PACKS[id].rules["date-window"] as [string, { windows: DateWindow[] }])[1];
const RD_AUDIT = path.resolve(FIXTURES, "../fields/rd-audit-report.pdf");

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

  describe("近三年 windows the forms state, on a 专项审计报告's period", () => {
    it("the 2023-01-01…2025-06-30 audit lies inside the Wuhan form's 2022-10-01…2025-09-30", async () => {
      const ctx = await pathsContext("rd-audit", [RD_AUDIT], CALL_PACKS["wuhan-vertical-model-2025"]);
      expect(outcome(dateWindow, ctx, windowsOf("wuhan-vertical-model-2025"))).toEqual({ status: "pass" });
    });

    it("but not in Hubei's 2025年度 nor the model-agent form's 2023-06-01…2026-05-30: reported at the period", async () => {
      for (const id of ["hubei-industrial-model-2026", "wuhan-ai-governance-2026/model-agent"] as const) {
        const ctx = await pathsContext("rd-audit", [RD_AUDIT], CALL_PACKS[id]);
        const findings = findingsOf(dateWindow, ctx, windowsOf(id));
        expect(findings.map((f) => [f.severity, f.category, f.fieldKeys?.[0], f.actual, place(f)])).toEqual([
          ["error", "consistency", "rd.period", "2023-01-01/2025-06-30", "rd-audit-report.pdf#1"],
        ]);
        expect(findings[0]!.message).toContain("2023-01-01至2025-06-30");
      }
    });

    it("an open end (至今) is not judged; a malformed period is not a date", () => {
      const w = { windows: [{ key: "rd.period", notBefore: "2022-10-01", notAfter: "2025-09-30", clause: "近三年" }] };
      const open = fakeContext({ fields: [field("rd.period", "2023-01-01/..")] });
      expect(outcome(dateWindow, open, w)).toEqual({ status: "pass" });
      const early = fakeContext({ fields: [field("rd.period", "2021-01-01/..")] });
      expect(reportsOf(dateWindow, early, w).map((r) => r.messageId)).toEqual(["periodOutside"]);
      expect(outcome(dateWindow, fakeContext({ fields: [field("rd.period", "2023年/2024年")] }), w).status).toBe(
        "not-evaluated",
      );
    });
  });

  it("notBefore, and not evaluated without a date", () => {
    const ctx = fakeContext({ fields: [field("pledge.date", "2024-01-01")] });
    const options = { windows: [{ key: "pledge.date", notBefore: "2025-10-14", clause: "通知发布后" }] };
    expect(reportsOf(dateWindow, ctx, options).map((r) => r.messageId)).toEqual(["tooEarly"]);
    expect(outcome(dateWindow, fakeContext({}), options).status).toBe("not-evaluated");
  });
});
