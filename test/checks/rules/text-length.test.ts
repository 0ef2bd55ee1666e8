import { describe, expect, it } from "vitest";
import { textLength } from "../../../src/checks/rules/text-length.js";
import type { Section } from "../../../src/extract/form/types.js";
import { fakeContext, findingsOf, fixtureContext, outcome, place } from "../_support.js";

const section = (key: string, charCount: number, maxChars?: number): Section => ({
  key,
  label: key,
  text: "字".repeat(charCount),
  charCount,
  ...(maxChars ? { maxChars } : {}),
  evidence: [{ file: "pkg/申报书.pdf", page: 5, quote: "字" }],
});

describe("text-length", () => {
  it("passes the wuhan fixture sections, which have no limit", async () => {
    expect(outcome(textLength, await fixtureContext("wuhan-vertical-a"), {})).toEqual({ status: "pass" });
  });

  it("over 「不超过500字」 is an error at the section's place", () => {
    const ctx = fakeContext({
      form: { sections: [section("applicant.intro", 501, 500), section("model.intro", 500, 500)] },
    });
    const findings = findingsOf(textLength, ctx, {});
    expect(findings.map((f) => [f.fieldKeys, f.severity, place(f), f.actual])).toEqual([
      [["applicant.intro"], "error", "申报书.pdf#5", 501],
    ]);
  });

  it("「100字左右」 outside the band is a warning even when the rule is set to error; empty sections are left to required-field", () => {
    const ctx = fakeContext({
      form: { sections: [section("summary.desc", 180), section("summary.ok", 120), section("summary.empty", 0)] },
    });
    const about = { "summary.desc": 100, "summary.ok": 100, "summary.empty": 100 };
    const findings = findingsOf(textLength, ctx, { about }, "error");
    expect(findings.map((f) => [f.fieldKeys?.[0], f.severity, f.category])).toEqual([
      ["summary.desc", "warning", "format"],
    ]);
    expect(findings[0]?.expected).toEqual({ about: 100, low: 50, high: 150 });
  });
});
