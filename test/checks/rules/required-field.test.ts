import { describe, expect, it } from "vitest";
import { requiredField } from "../../../src/checks/rules/required-field.js";
import type { Unfilled } from "../../../src/extract/form/types.js";
import { fakeContext, findingsOf, fixtureContext, outcome, place, reportsOf } from "../_support.js";

const at = (page: number) => [{ file: "pkg/申报书.docx", page, quote: "" }];
const unfilled: Unfilled[] = [
  { key: "applicant.name", label: "单位名称", reason: "blank", evidence: at(2) },
  { key: "contact.phone", label: "电话", reason: "placeholder", evidence: at(2) },
  { key: "applicant.intro", label: "单位情况介绍", reason: "template-instruction", evidence: at(2) },
  { key: "model.type", label: "模型类型", reason: "unchecked", evidence: at(3) },
  { key: "applicant.consortium", label: "联合体成员单位（如有）", reason: "blank", evidence: at(2) },
];

describe("required-field", () => {
  it("passes the fully filled fixture forms", async () => {
    for (const name of ["wuhan-vertical-a", "wuhan-vertical-c"] as const) {
      expect(outcome(requiredField, await fixtureContext(name), {})).toEqual({ status: "pass" });
    }
  });

  it("reports each unfilled cell by its reason and place, skipping the 「如有」 cells", () => {
    const ctx = fakeContext({ form: { unfilled } });
    const reports = reportsOf(requiredField, ctx, { optional: ["applicant.consortium"] });
    expect(reports.map((r) => [r.messageId, r.fieldKeys?.[0], place(r)])).toEqual([
      ["blank", "applicant.name", "申报书.docx#2"],
      ["placeholder", "contact.phone", "申报书.docx#2"],
      ["template-instruction", "applicant.intro", "申报书.docx#2"],
      ["unchecked", "model.type", "申报书.docx#3"],
    ]);
    expect(findingsOf(requiredField, ctx, {})[0]).toMatchObject({
      ruleId: "required-field",
      severity: "error",
      category: "missing",
    });
  });

  it("is not evaluated without a recognised form", () => {
    expect(outcome(requiredField, fakeContext({ form: null }), {}).status).toBe("not-evaluated");
  });
});
