import { describe, expect, it } from "vitest";
import { extract } from "../../../src/extract/extract.js";
import { extractCreditReport } from "../../../src/extract/fields/credit-report.js";
import { CREDIT_SAMPLES } from "../../../fixtures/generate/credit-reports.js";
import { asDocument, byKey, ingestFile, linesDoc } from "./helpers.js";

describe("信用中国 reports (generated fixtures, read by OCR)", () => {
  it.each(CREDIT_SAMPLES.map((s) => [s.file, s] as const))(
    "%s: subject, code, report number, date, counts",
    async (_, s) => {
      const files = await ingestFile(`fixtures/fields/${s.file}`);
      const fields = extractCreditReport(asDocument(files[0]!, "credit-report"));
      expect(byKey(fields)).toMatchObject({
        "applicant.name": s.subject,
        "applicant.uscc": s.uscc,
        "credit.reportNo": s.reportNo,
        "credit.queryDate": s.queryDate,
        "credit.penalties": s.counts.行政处罚,
        "credit.seriousDishonest": s.counts.严重失信主体名单,
        "credit.abnormal": s.counts.经营异常名录,
      });
      expect(byKey(fields)["credit.dishonestDebtor"]).toBeUndefined();
      const serious = fields.find((f) => f.key === "credit.seriousDishonest")!;
      expect(serious.evidence[0]).toMatchObject({ page: 1, quote: expect.stringContaining("严重失信主体名单") });
    },
  );

  it("the scanned report is classified as a credit report", async () => {
    const files = await ingestFile("fixtures/fields/credit-report.pdf");
    const pkg = { name: "t", files, findings: [], stats: { ingest_ms: 0, ocr_pages: 0, ocr_cached: 0 } };
    expect(extract(pkg).documents.map((d) => d.type)).toEqual(["credit-report"]);
  });
});

describe("credit report layouts", () => {
  const read = (lines: string[]) => byKey(extractCreditReport(linesDoc("credit-report", lines)));

  it("a search result's tabs give the counts in brackets; 「无」 is zero", () => {
    expect(
      read([
        "企业名称：武汉灵犀智巡科技有限公司",
        "查询时间：2026-06-28 09:12",
        "行政许可(6) 行政处罚(0) 严重失信主体名单(1) 经营异常名录(0)",
        "失信被执行人：无",
      ]),
    ).toMatchObject({
      "applicant.name": "武汉灵犀智巡科技有限公司",
      "credit.queryDate": "2026-06-28",
      "credit.penalties": 0,
      "credit.seriousDishonest": 1,
      "credit.abnormal": 0,
      "credit.dishonestDebtor": 0,
    });
  });

  it("without a summary, each section counts its numbered records or reads 「未查询到」 as zero", () => {
    const got = read([
      "二、行政处罚信息",
      "1. 武东税罚〔2025〕112号",
      "2. 武市监罚〔2025〕87号",
      "三、经营异常名录信息",
      "未查询到相关信息",
    ]);
    expect(got).toMatchObject({ "credit.penalties": 2, "credit.abnormal": 0 });
    expect(got["credit.seriousDishonest"]).toBeUndefined();
  });

  it("a heading or a record that names a category is not a count", () => {
    const got = read([
      "三、严重失信主体名单信息",
      "1. 重大税收违法失信主体 2025年09月03日列入",
      "四、经营异常名录信息",
    ]);
    expect(got["credit.seriousDishonest"]).toBe(1);
    expect(got["credit.abnormal"]).toBeUndefined();
  });
});
