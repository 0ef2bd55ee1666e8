import { describe, expect, it } from "vitest";
import { requiredDocument } from "../../../src/checks/rules/required-document.js";
import type { RequiredDocument } from "../../../src/checks/types.js";
import { doc, fakeContext, field, findingsOf, fixtureContext, place, reportsOf } from "../_support.js";

describe("required-document on the fixture packages", () => {
  it("hunan-ai-model-b: reports the missing 法定代表人身份证 (pointing at its 目录 line) and 专项审计报告 with the notice clause", async () => {
    const ctx = await fixtureContext("hunan-ai-model-b");
    const reports = reportsOf(requiredDocument, ctx, undefined);
    const id = reports.find((r) => r.docType === "legal-rep-id");
    expect(id).toMatchObject({ messageId: "missingListed" });
    expect(place(id!)).toBe("2025年湖南省人工智能大模型项目申报书（湘江智语）.pdf#2");
    expect((id!.expected as { clause: string }).clause).toContain("法定代表人身份证及营业执照");
    const rd = reports.find((r) => r.docType === "rd-audit-report");
    expect(rd).toMatchObject({ messageId: "missing" });
    expect((rd!.expected as { clause: string }).clause).toContain("专项审计报告");
    // 近两年: only the 2024 audit report is bound in.
    const audit = reports.find((r) => r.docType === "audit-report");
    expect(audit).toMatchObject({ messageId: "missingYears", actual: { years: ["2024"] } });
    expect(place(audit!)).toMatch(/#9$/);
    // Present documents are not reported.
    expect(reports.map((r) => r.docType)).not.toContain("business-license");
    expect(reports.map((r) => r.docType)).not.toContain("evaluation-report");
  });

  it("stamps its findings as errors in the missing category", async () => {
    const ctx = await fixtureContext("hunan-ai-model-b");
    const findings = findingsOf(requiredDocument, ctx, undefined);
    expect(findings.find((f) => f.docType === "legal-rep-id")).toMatchObject({
      ruleId: "required-document",
      severity: "error",
      category: "missing",
    });
  });

  it("wuhan-vertical-a: 申报书, 承诺书 and 营业执照 are found; only the loosely listed proofs are warnings", async () => {
    const ctx = await fixtureContext("wuhan-vertical-a");
    const findings = findingsOf(requiredDocument, ctx, undefined);
    expect(findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(findings.map((f) => f.docType).sort()).toEqual(["deployment-proof", "filing-proof"]);
  });

  it("hunan-digital-center-j: three 联合体 members listed in the numbered rows and no 联合体协议书 is a missing document", async () => {
    const ctx = await fixtureContext("hunan-digital-center-j");
    const findings = findingsOf(requiredDocument, ctx, undefined);
    const agreement = findings.find((f) => f.docType === "consortium-agreement");
    expect(agreement).toMatchObject({ severity: "error", category: "missing" });
    expect(agreement!.message).toContain("联合体协议书");
  });

  it("wuhan-vertical-c (事业单位): asks for the 法人证书, not a 营业执照", async () => {
    const ctx = await fixtureContext("wuhan-vertical-c");
    const reports = reportsOf(requiredDocument, ctx, undefined);
    expect(reports.map((r) => r.docType)).not.toContain("business-license");
    expect(reports.map((r) => r.docType)).not.toContain("institution-certificate");
  });
});

describe("required-document conditions", () => {
  const clause = "（二）营业执照（事业单位提供法人证书）副本复印件";
  const documents: RequiredDocument[] = [
    { name: "营业执照", docTypes: ["business-license"], clause, unless: { nature: ["事业单位"] } },
    { name: "法人证书", docTypes: ["institution-certificate"], clause, when: { nature: ["事业单位"] } },
    { name: "备案证明", docTypes: ["filing-proof"], clause: "（如有）", when: { field: "model.filingNumber" } },
    { name: "获奖证书", docTypes: ["other"], clause: "（如有）", optional: true },
  ];

  it("a 事业单位 without its 法人证书 is told to provide the 法人证书", () => {
    const ctx = fakeContext(
      { documents: [doc("d1", "application-form")], fields: [field("applicant.nature", "事业单位")] },
      { documents },
    );
    expect(reportsOf(requiredDocument, ctx, undefined).map((r) => [r.messageId, r.docType])).toEqual([
      ["missing", "institution-certificate"],
    ]);
  });

  it("with no 单位性质 ticked, a 12… USCC still makes it a 事业单位; a 91… code an enterprise", () => {
    const inst = fakeContext({ fields: [field("applicant.uscc", "12420100734578127R")] }, { documents });
    expect(reportsOf(requiredDocument, inst, undefined).map((r) => r.docType)).toEqual(["institution-certificate"]);
    const firm = fakeContext({ fields: [field("applicant.uscc", "91420100MA4KQ7U39D")] }, { documents });
    expect(reportsOf(requiredDocument, firm, undefined).map((r) => r.docType)).toEqual(["business-license"]);
  });

  it("a 「如有」 document is required once the form says it exists (备案号 filled), never when it says 无", () => {
    const filed = fakeContext(
      { fields: [field("applicant.nature", "民营企业"), field("model.filingNumber", "网信算备420100250408")] },
      { documents },
    );
    expect(reportsOf(requiredDocument, filed, undefined).map((r) => r.docType)).toEqual([
      "business-license",
      "filing-proof",
    ]);
    const none = fakeContext(
      {
        documents: [doc("d2", "business-license")],
        fields: [field("applicant.nature", "民营企业"), field("model.filingNumber", "无")],
      },
      { documents },
    );
    expect(requiredDocument.check(none, undefined)).toEqual({ status: "pass" });
  });
});
