import { describe, expect, it } from "vitest";
import { documentOrder } from "../../../src/checks/rules/document-order.js";
import { doc, fakeContext, findingsOf, fixtureContext, outcome, place } from "../_support.js";

const options = {
  order: [
    ["toc"],
    ["pledge"],
    ["business-license", "legal-rep-id"],
    ["audit-report"],
    ["tax-return-a100000"],
    ["evaluation-report"],
  ] as const,
  clause: "目录：一、真实性承诺 二、申报信息表 三、相关附件",
};

describe("document-order", () => {
  it("hunan-ai-model-b is bound in the notice's order", async () => {
    expect(outcome(documentOrder, await fixtureContext("hunan-ai-model-b"), options)).toEqual({ status: "pass" });
  });

  it("an audit report bound before the licence is out of order, at the audit report's first page", () => {
    const ctx = fakeContext({
      documents: [
        doc("d1", "pledge", "pkg/a.pdf", [1, 1]),
        doc("d2", "audit-report", "pkg/a.pdf", [2, 4]),
        doc("d3", "business-license", "pkg/a.pdf", [5, 5]),
        doc("d4", "evaluation-report", "pkg/a.pdf", [6, 6]),
      ],
    });
    const findings = findingsOf(documentOrder, ctx, options, "warning");
    expect(findings.map((f) => [f.severity, f.category, f.docType, place(f)])).toEqual([
      ["warning", "order", "business-license", "a.pdf#5"],
    ]);
  });

  it("separate files carry no order", () => {
    const ctx = fakeContext({ documents: [doc("d1", "audit-report", "pkg/a.pdf"), doc("d2", "pledge", "pkg/b.pdf")] });
    expect(outcome(documentOrder, ctx, options).status).toBe("not-evaluated");
  });
});
