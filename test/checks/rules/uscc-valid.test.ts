import { describe, expect, it } from "vitest";
import { usccValid } from "../../../src/checks/rules/uscc-valid.js";
import { doc, fakeContext, field, findingsOf, fixtureContext, outcome, place } from "../_support.js";

describe("uscc-valid", () => {
  it("passes every code in the three fixture packages", async () => {
    for (const name of ["wuhan-vertical-a", "hunan-ai-model-b", "wuhan-vertical-c"] as const) {
      expect(outcome(usccValid, await fixtureContext(name), {})).toEqual({ status: "pass" });
    }
  });

  it("a wrong check character typed on the form is an error; read off a scan it is a warning", () => {
    const ctx = fakeContext({
      documents: [doc("d1", "application-form"), doc("d2", "business-license", "pkg/执照.jpg")],
      ocrPages: ["pkg/执照.jpg#1"],
      fields: [
        field("applicant.uscc", "91420100MA4KQ7U39E", "d1", { page: 2 }),
        field("applicant.uscc", "91420100MA4KQ7U3gD", "d2", {
          file: "pkg/执照.jpg",
          extractor: "rule:business-license",
        }),
      ],
    });
    const findings = findingsOf(usccValid, ctx, {});
    expect(findings.map((f) => [f.severity, f.docType, place(f)])).toEqual([
      ["error", "application-form", "申报书.pdf#2"],
      ["warning", "business-license", "执照.jpg#1"],
    ]);
    expect(findings[0]?.message).toContain("第18位校验码");
  });

  it("is not evaluated without any code", () => {
    expect(outcome(usccValid, fakeContext({}), {}).status).toBe("not-evaluated");
  });
});
