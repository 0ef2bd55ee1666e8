import path from "node:path";
import { describe, expect, it } from "vitest";
import { CALL_PACKS } from "../../../src/checks/calls/index.js";
import { runChecks } from "../../../src/checks/engine.js";
import { creditReport, type CreditReportOptions } from "../../../src/checks/rules/credit-report.js";
import {
  FIXTURES,
  doc,
  fakeContext,
  field,
  findingsOf,
  fixtureContext,
  outcome,
  pathsContext,
  place,
} from "../_support.js";

const HUBEI = CALL_PACKS["hubei-industrial-model-2026"];
const options = (HUBEI.rules["credit-report"] as [string, CreditReportOptions])[1];
const FIELDS = path.resolve(FIXTURES, "../fields");
const HUBEI_E = path.join(FIXTURES, "hubei-industrial-model-e");
const REPORT = "pkg/信用报告.pdf";
const at = { file: REPORT, extractor: "rule:credit-report" };

describe("credit-report", () => {
  it("hubei-industrial-model-e with its clean, scanned 信用中国 report: passes, and the package no longer lacks it", async () => {
    const ctx = await pathsContext("hubei-e+credit", [HUBEI_E, path.join(FIELDS, "credit-report.pdf")]);
    expect(outcome(creditReport, ctx, options)).toEqual({ status: "pass" });
    const all = runChecks(ctx).findings;
    expect(all.filter((f) => f.docType === "credit-report")).toEqual([]);
    // The report names the applicant the form names: field-equal pairs them without a finding.
    expect(all.filter((f) => f.ruleId === "field-equal")).toEqual([]);
  });

  it("with the earlier report: a 严重失信 entry fails the condition; penalties, 经营异常 and the stale date are warnings", async () => {
    const ctx = await pathsContext("hubei-e+dishonest", [HUBEI_E, path.join(FIELDS, "credit-report-dishonest.png")]);
    const findings = findingsOf(creditReport, ctx, options);
    expect(findings.map((f) => [f.severity, f.category, f.fieldKeys?.[0], place(f)])).toEqual([
      ["error", "eligibility", "credit.seriousDishonest", "credit-report-dishonest.png#1"],
      ["warning", "eligibility", "credit.penalties", "credit-report-dishonest.png#1"],
      ["warning", "eligibility", "credit.abnormal", "credit-report-dishonest.png#1"],
      ["warning", "format", "credit.queryDate", "credit-report-dishonest.png#1"],
    ]);
    expect(findings[0]!.message).toContain("未列入严重违法失信名单");
    expect(findings[3]!.message).toContain("2025-12-15");
  });

  it("a 失信被执行人 entry is a failure too; a query after the deadline is questioned", () => {
    const ctx = fakeContext({
      documents: [doc("c", "credit-report", REPORT)],
      fields: [
        field("credit.dishonestDebtor", 1, "c", at),
        field("credit.seriousDishonest", 0, "c", at),
        field("credit.queryDate", "2026-05-01", "c", at),
      ],
    });
    expect(findingsOf(creditReport, ctx, options).map((f) => [f.severity, f.fieldKeys?.[0]])).toEqual([
      ["error", "credit.dishonestDebtor"],
      ["warning", "credit.queryDate"],
    ]);
  });

  it("a report whose counts could not be read is an info to check by hand", () => {
    const ctx = fakeContext({ documents: [doc("c", "credit-report", REPORT)] });
    expect(findingsOf(creditReport, ctx, { clause: "未在严重违法失信名单有效期内" }).map((f) => f.severity)).toEqual([
      "info",
    ]);
  });

  it("is not evaluated without a report (Wuhan: the notice states the condition but asks for no report)", async () => {
    expect(outcome(creditReport, await fixtureContext("wuhan-vertical-a"), options).status).toBe("not-evaluated");
  });
});
