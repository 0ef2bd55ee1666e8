import { describe, expect, it } from "vitest";
import { splitDocuments } from "../../../src/extract/classify.js";
import { registry } from "../../../src/extract/fields/index.js";
import type { DocType, Field, Package } from "../../../src/model.js";
import { asDocument, byKey, ingestFile } from "./helpers.js";
import { FIELD_SAMPLES, FILING_SAMPLE, packageCases, score } from "./truth.js";

const T = 180_000;
const HUNAN = "fixtures/packages/hunan-ai-model-b/2025年湖南省人工智能大模型项目申报书（湘江智语）.pdf";

async function extract(rel: string, type: DocType, pages?: [number, number]): Promise<Field[]> {
  const [file] = await ingestFile(rel);
  const doc = asDocument(file!, type, pages);
  return registry.filter((e) => e.docTypes.includes(type)).flatMap((e) => e.extract(doc, {}));
}

describe("generated samples (fixtures/fields)", () => {
  it.each(FIELD_SAMPLES.map((c) => [c.file, c] as const))("%s", async (_f, c) => {
    const fields = await extract(c.file, c.type);
    expect(score(c.truth, fields).misses).toEqual([]);
    for (const f of fields) {
      expect(f.evidence.length).toBeGreaterThan(0);
      for (const e of f.evidence) expect(e.quote.trim()).not.toBe("");
    }
  }, T);

  it.each(FIELD_SAMPLES.map((c) => [c.file, c] as const))("%s is classified as one document of its type", async (_f, c) => {
    const files = await ingestFile(c.file);
    const pkg: Package = { name: "sample", files, findings: [], stats: { ingest_ms: 0, ocr_pages: 0, ocr_cached: 0 } };
    expect(splitDocuments(pkg).map((d) => [d.type, d.pages])).toEqual([[c.type, [1, files[0]!.pages.length]]]);
  }, T);

  it("filing proof: every number found, validated, dated", async () => {
    const fields = await extract(FILING_SAMPLE.file, "filing-proof");
    const numbers = fields.filter((f) => f.key === "model.filingNumber");
    expect(numbers.map((f) => f.value)).toEqual(FILING_SAMPLE.numbers);
    expect(numbers.every((f) => f.confidence === 1)).toBe(true);
    expect(fields.filter((f) => f.key === "model.filingDate").map((f) => f.value)).toEqual(FILING_SAMPLE.dates);
    // The 登记编号 wraps onto the next line: both lines are the evidence.
    expect(numbers[1]!.evidence.map((e) => e.quote)).toHaveLength(2);
  }, T);
});

describe("audit report and A100000 in the Hunan package", () => {
  const audit = packageCases().find((c) => c.type === "audit-report")!;

  it("reads opinion, firm, number, year and the current-year figures in 万元", async () => {
    const fields = await extract(audit.file, "audit-report", audit.pages);
    expect(score(audit.truth, fields).misses).toEqual([]);
    const revenue = fields.find((f) => f.key === "finance.revenue.2024")!;
    expect(revenue).toMatchObject({ value: 12483.16, raw: "124,831,600.00", unit: "万元" });
    // Not the prior-year column (98,263,700.00 → 9826.37).
    expect(byKey(fields)["finance.netProfit.2024"]).toBe(1426.73);
    expect(byKey(fields)["audit.cpas"]).toEqual(["王建国", "李娟"]);
  }, T);

  it("A100000 line 1 equals the audited 营业收入", async () => {
    const a100 = packageCases().find((c) => c.type === "tax-return-a100000")!;
    const tax = byKey(await extract(a100.file, "tax-return-a100000", a100.pages));
    const aud = byKey(await extract(audit.file, "audit-report", audit.pages));
    expect(tax["tax.a100000.line1"]).toBe(aud["finance.revenue.2024"]);
    expect(tax["finance.revenue.2024"]).toBe(12483.16);
    expect(tax["tax.a100000.line31"]).toBe(128.4057);
  }, T);
});

describe("pledges in the packages", () => {
  it("an unsigned signature line in the Word-exported form", async () => {
    const got = byKey(await extract("fixtures/packages/wuhan-vertical-a/武汉市垂直行业模型项目申报书.pdf", "pledge", [5, 5]));
    expect(got).toMatchObject({ "pledge.present": true, "pledge.signed": false, "pledge.date": "2025-10-20" });
  }, T);

  it("a signed, stamped scan", async () => {
    const got = byKey(await extract("fixtures/packages/wuhan-vertical-c/承诺书（盖章扫描件）.pdf", "pledge"));
    expect(got).toMatchObject({ "pledge.present": true, "pledge.signed": true, "pledge.date": "2025-10-20" });
  }, T);

  it("the Hunan form's pledge page is not signed", async () => {
    const got = byKey(await extract(HUNAN, "pledge", [3, 3]));
    expect(got["pledge.signed"]).toBe(false);
  }, T);
});
