import { describe, expect, it } from "vitest";
import { fillMessage, runChecks, UnknownRuleError, where } from "../../src/checks/engine.js";
import type { Rule, RuleContext, RuleEntry } from "../../src/checks/types.js";
import { fakeContext } from "./_support.js";

const at = (file: string, page: number) => [{ file, page, quote: "" }];

const reporter: Rule = {
  meta: {
    id: "reporter",
    description: "test",
    category: "format",
    rejects: true,
    messages: { a: "A {{x}}（{{where}}）", b: "B" },
  },
  check: () => ({
    status: "fail",
    reports: [
      { messageId: "b", evidence: at("pkg/z.pdf", 1), severity: "info" },
      { messageId: "a", data: { x: "甲" }, evidence: at("pkg/b.pdf", 3), category: "missing" },
      { messageId: "a", data: { x: "甲" }, evidence: at("pkg/b.pdf", 3) },
      { messageId: "a", data: { x: "乙" }, evidence: at("pkg/a.pdf", 9) },
    ],
  }),
};
const passer: Rule = {
  meta: { id: "passer", description: "", category: "format", messages: {} },
  check: () => ({ status: "pass" }),
};
const blind: Rule = {
  meta: { id: "blind", description: "", category: "format", messages: {} },
  check: () => ({ status: "not-evaluated", reason: "无" }),
};
const registry = { reporter, passer, blind } as Record<string, Rule<never>>;

function run(rules: Record<string, RuleEntry>, ctx: RuleContext = fakeContext({})) {
  return runChecks({ ...ctx, pack: { ...ctx.pack, rules } }, registry);
}

describe("runChecks", () => {
  it("stamps rule id, the pack's severity (lowered by a report's cap), category and filled message; dedupes and sorts", () => {
    const result = run({ reporter: "error", passer: "warning", blind: ["error", {}] });
    expect(result.findings.map((f) => [f.ruleId, f.severity, f.category, f.message])).toEqual([
      ["reporter", "error", "format", "A 乙（「pkg/a.pdf」第9页）"],
      ["reporter", "error", "missing", "A 甲（「pkg/b.pdf」第3页）"],
      ["reporter", "info", "format", "B"],
    ]);
    expect(result.counts).toEqual({ passed: 1, failed: 1, notEvaluated: 1 });
    expect(result.rules.find((r) => r.ruleId === "blind")).toEqual({
      ruleId: "blind",
      status: "not-evaluated",
      reason: "无",
    });
    expect(result.rejected).toBe(true);
  });

  it("a rejecting rule set to warning does not reject; a cap never raises severity; off rules do not run", () => {
    const result = run({ reporter: "warning", passer: "off" });
    expect(result.rejected).toBe(false);
    expect(result.findings.map((f) => f.severity)).toEqual(["warning", "warning", "info"]);
    expect(result.rules.map((r) => r.ruleId)).toEqual(["reporter"]);
  });

  it("a pack naming an unknown rule is a programmer error", () => {
    expect(() => run({ nope: "error" })).toThrow(UnknownRuleError);
  });
});

describe("messages", () => {
  it("fills placeholders and refuses unknown ones", () => {
    expect(fillMessage("缺少{{ name }}", { name: "承诺书" })).toBe("缺少承诺书");
    expect(() => fillMessage("缺少{{name}}", {})).toThrow(RangeError);
  });

  it("names at most two places", () => {
    expect(where([])).toBe("申报材料中");
    expect(where([...at("a.pdf", 1), ...at("a.pdf", 1), ...at("b.pdf", 2), ...at("c.pdf", 3)])).toBe(
      "「a.pdf」第1页、「b.pdf」第2页等3处",
    );
  });
});
