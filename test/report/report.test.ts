import { describe, expect, it } from "vitest";
import { CALL_PACKS } from "../../src/checks/calls/index.js";
import { buildReport, runCheck } from "../../src/pipeline.js";
import { formatJson } from "../../src/report/json.js";
import { formatMarkdown } from "../../src/report/markdown.js";
import { ReportSchema, reportJsonSchema, SCHEMA_VERSION, type Report } from "../../src/report/schema.js";
import { FIXTURES, loadFixture, type FixtureName } from "../checks/_support.js";
import { sharedCacheDir } from "../_support/cache.js";
import path from "node:path";

async function reportFor(name: FixtureName): Promise<Report> {
  const { pkg, extraction } = await loadFixture(name);
  return buildReport(pkg, extraction);
}

describe("end to end on the fixture packages", () => {
  it("wuhan-vertical-a: the required 申报书 (Word and PDF), 承诺书 and 营业执照 are all there; no errors", async () => {
    const report = await reportFor("wuhan-vertical-a");
    expect(report.call?.id).toBe("wuhan-vertical-model-2025");
    expect(report.summary.errors).toBe(0);
    expect(report.findings.filter((f) => f.ruleId === "required-document").map((f) => f.docType)).not.toContain(
      "business-license",
    );
    expect(report.findings.some((f) => f.ruleId === "word-and-pdf" && f.severity !== "info")).toBe(false);
    expect(report.summary.verdict).toBe("fix"); // the loosely listed proofs are warnings
    const r = report.summary.rules!;
    const active = Object.values(CALL_PACKS["wuhan-vertical-model-2025"].rules).filter(
      (e) => (typeof e === "string" ? e : e[0]) !== "off",
    );
    expect(r.passed + r.failed + r.notEvaluated).toBe(active.length);
  });

  it("hunan-ai-model-b: missing 法定代表人身份证 and 专项审计报告, with the notice clause; rejected", async () => {
    const report = await reportFor("hunan-ai-model-b");
    const missing = report.findings.filter((f) => f.ruleId === "required-document" && f.severity === "error");
    const id = missing.find((f) => f.docType === "legal-rep-id");
    const rd = missing.find((f) => f.docType === "rd-audit-report");
    expect(id?.message).toContain("1.申报单位法定代表人身份证及营业执照（副本）复印件");
    expect(id?.evidence[0]?.page).toBe(2);
    expect(rd?.message).toContain("5.项目专项审计报告");
    expect(report.summary.verdict).toBe("reject");
    expect(report.summary.errors).toBe(report.findings.filter((f) => f.severity === "error").length);
  });

  it("wuhan-vertical-c (事业单位): no 营业执照 asked for; its 法人证书 agrees with the form", async () => {
    const report = await reportFor("wuhan-vertical-c");
    expect(
      report.findings.filter((f) => f.docType === "business-license" || f.docType === "institution-certificate"),
    ).toEqual([]);
    expect(report.summary.errors).toBe(0);
  });

  it("every report validates against ReportSchema and carries the skipped LLM stage", async () => {
    for (const name of ["wuhan-vertical-a", "hunan-ai-model-b", "wuhan-vertical-c"] as const) {
      const report = await reportFor(name);
      expect(() => ReportSchema.parse(JSON.parse(formatJson(report)))).not.toThrow();
      expect(report.schemaVersion).toBe(SCHEMA_VERSION);
      expect(report.stages.llm).toEqual({ used: false, reason: expect.stringContaining("OPENAI_BASE_URL") });
    }
  });
});

describe("unknown call", () => {
  it("a package whose call is not recognised gets call: null and a finding, not a crash", async () => {
    const { pkg, extraction } = await loadFixture("wuhan-vertical-c");
    const report = buildReport(pkg, { ...extraction, call: null });
    expect(report.call).toBeNull();
    expect(report.findings.map((f) => f.ruleId)).toEqual(["call/unknown"]);
    expect(report.summary).toMatchObject({ errors: 1, verdict: "fix" });
    expect(report.summary.rules).toBeUndefined();
  });

  it("an unknown --call id given to runCheck is reported the same way", async () => {
    await loadFixture("wuhan-vertical-c");
    const report = await runCheck([path.join(FIXTURES, "wuhan-vertical-c")], {
      callId: "no-such-call",
      cacheDir: sharedCacheDir(),
    });
    expect(report.call).toBeNull();
    expect(report.findings[0]).toMatchObject({ ruleId: "call/unknown", actual: "no-such-call" });
  });
});

describe("writers", () => {
  it("Markdown: verdict first, then errors grouped by category, each with file, page and quote", async () => {
    const md = formatMarkdown(await reportFor("hunan-ai-model-b"));
    const lines = md.split("\n");
    expect(lines[2]).toMatch(/^\*\*结论：不予受理\*\*/);
    expect(md.indexOf("## 错误")).toBeLessThan(md.indexOf("## 警告"));
    expect(md).toContain("### 材料缺漏");
    expect(md).toMatch(
      /- 「hunan-ai-model-b\/2025年湖南省人工智能大模型项目申报书（湘江智语）\.pdf」第2页：“附件1申报单位法定代表人身份证/,
    );
  });

  it("the JSON Schema describes the contract's top-level keys", () => {
    const schema = reportJsonSchema() as { properties: Record<string, unknown>; required: string[] };
    expect(schema.required.sort()).toEqual([
      "call",
      "documents",
      "fields",
      "findings",
      "package",
      "schemaVersion",
      "stages",
      "summary",
      "tool",
    ]);
  });
});
