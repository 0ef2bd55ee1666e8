/**
 * Lattice tables of text-layer PDFs: the grid the page's own ruling lines draw, on forms printed by producers other
 * than the one the package fixtures use (fixtures/generate/ruled-tables.ts: Chromium, narrow columns, A4 and Letter).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PageSchema, type Page, type Table } from "../../src/model.js";
import { DEFAULT_LIMITS } from "../../src/ingest/context.js";
import { createOcrService, type OcrService } from "../../src/ingest/ocr.js";
import { readPdf } from "../../src/ingest/pdf.js";
import { RULED_TABLE_INTRO, RULED_TABLE_PDFS } from "../../fixtures/generate/ruled-tables.js";
import { parseWithSpec } from "../../src/extract/form/parse.js";
import { FORM_SPECS } from "../../src/extract/form/calls/index.js";
import type { Document, SourceFile } from "../../src/model.js";
import type { CallId } from "../../src/extract/types.js";

const DIR = join(import.meta.dirname, "../../fixtures/pdf");
let ocr: OcrService;
beforeAll(() => {
  ocr = createOcrService({ cacheDir: false, concurrency: 1 });
});
afterAll(() => ocr.close());

const read = async (name: string) =>
  (await readPdf(readFileSync(join(DIR, name)), { fileName: name, ocr, limits: DEFAULT_LIMITS })).pages;

/** The pages as one PDF file of a package, read with the call's form spec. */
const asFile = (pages: Page[], name: string): SourceFile => ({
  path: name, sha256: "", bytes: 0, kind: "pdf", pages, textSource: "text", status: "ok",
});
const parseForm = (pages: Page[], call: CallId) => {
  const f = asFile(pages, "form.pdf");
  return parseWithSpec({ document: { id: "d1" } as Document, pages: pages.map((page) => ({ file: f, page })) }, FORM_SPECS[call]);
};

/** The text of the cell that holds `label` and of the cells right of it, in grid order. */
function rowOf(table: Table, label: string): string[] {
  for (const row of table.rows) {
    const at = row.findIndex((c) => c.text.replace(/\s/g, "") === label);
    if (at < 0) continue;
    const out: string[] = [];
    for (let c = at; c < row.length; c += row[c]!.colSpan) out.push(row[c]!.text);
    return out;
  }
  return [];
}

describe("lattice tables from the page's ruling lines", () => {
  let page: Page;
  beforeAll(async () => {
    page = (await read(RULED_TABLE_PDFS.a4))[0]!;
  });

  it("builds the form's grid with its merged cells, one text per cell however the columns wrap it", () => {
    expect(() => PageSchema.parse(page)).not.toThrow();
    expect(page.tables).toHaveLength(1);
    const table = page.tables[0]!;
    // Wrapped inside their narrow cells, labels and numbers stay whole and never join the value beside them.
    expect(rowOf(table, "统一社会信用代码")).toEqual(["统一社会信用代码", "91420100MA4K2YQX3B"]);
    expect(rowOf(table, "负责人姓名")).toEqual(["负责人姓名", "陈志远", "职务", "总经理", "电话", "13871234567"]);
    expect(rowOf(table, "申报人姓名")).toEqual(["申报人姓名", "刘晓彤", "职务", "项目主管", "电话", "027-87650001"]);
    expect(rowOf(table, "联合体成员单位（如有）")).toEqual(["联合体成员单位（如有）", "无"]);
    // 联系人情况 spans the two contact rows, as the template draws it.
    const merged = table.rows.flat().find((c) => c.text === "联系人情况")!;
    expect(merged.rowSpan).toBe(2);
    // Chromium's ToUnicode maps some glyphs to radicals (⺠, ⼈): the text layer reads them as the characters.
    expect(table.rows.flat().map((c) => c.text).join("")).not.toMatch(/[\u2e80-\u2fdf]/u);
    expect(rowOf(table, "单位性质")[1]).toContain("☑民营企业");
  });

  it("tags every line inside the table with its cell and keeps the title outside", () => {
    const title = page.lines.find((l) => l.text.includes("申报书"))!;
    expect(title.cell).toBeUndefined();
    const code = page.lines.find((l) => l.text.includes("91420100"))!;
    expect(code.cell).toMatchObject({ table: 0 });
    expect(page.lines.indexOf(title)).toBeLessThan(page.tables[0]!.lineIndex);
  });
});

describe("a narrow-column form from another producer reads like the project's own", () => {
  const parse = (f: SourceFile) => parseForm(f.pages, "hubei-industrial-model-2026");
  const values = (f: SourceFile) => Object.fromEntries(parse(f).fields.map((x) => [x.key, x.value]));
  const EXPECTED = {
    "applicant.name": "武汉云帆智算科技有限公司",
    "applicant.uscc": "91420100MA4K2YQX3B",
    "applicant.address": "武汉市东湖新技术开发区高新大道999号龙山创新园一期B1栋",
    "applicant.nature": "民营企业",
    "principal.name": "陈志远",
    "principal.phone": "13871234567",
    "contact.name": "刘晓彤",
    "contact.phone": "027-87650001",
    "finance.revenue.2025": 12483.16,
    "finance.aiRevenue.2025": 3260.5,
    "staff.total": 203,
    "staff.rd": 121,
  };

  it("A4: every field, label and value in one cell (「单位名称：…」) and a spaced-out label (「单 位 地 址」) included", async () => {
    const f = asFile(await read(RULED_TABLE_PDFS.a4), RULED_TABLE_PDFS.a4);
    expect(values(f)).toMatchObject(EXPECTED);
    expect(parse(f).fields.every((x) => x.confidence === 1)).toBe(true);
  });

  it("Letter, the table running on to a second page: every field, each on its page", async () => {
    const f = asFile(await read(RULED_TABLE_PDFS.letterSpill), RULED_TABLE_PDFS.letterSpill);
    expect(f.pages.map((p) => p.tables.length)).toEqual([1, 1]);
    expect(values(f)).toMatchObject(EXPECTED);
    const onPage = (key: string) => parse(f).fields.find((x) => x.key === key)!.evidence[0]!.page;
    expect(onPage("applicant.uscc")).toBe(1);
    expect(onPage("staff.rd")).toBe(2);
  });
});

describe("a row that a page break cut open", () => {
  it("closes the open fragments and reads the long value on across the page end, quoting both places", async () => {
    const pages = await read(RULED_TABLE_PDFS.rowSplit);
    expect(pages.map((p) => p.tables.length)).toEqual([1, 1]);
    const parse = parseForm(pages, "hubei-industrial-model-2026");
    const intro = parse.fields.find((x) => x.key === "applicant.intro")!;
    expect(String(intro.value).replace(/\s/g, "")).toBe(RULED_TABLE_INTRO.repeat(3));
    expect(intro.evidence.map((e) => e.page)).toEqual([1, 2]);
  });
});

describe("a matrix whose header row stays on the page before", () => {
  it("reads each year's value under the header the previous page's table printed", async () => {
    const pages = await read(RULED_TABLE_PDFS.matrixSpill);
    expect(pages.map((p) => p.tables.length)).toEqual([1, 1]);
    const parse = parseForm(pages, "hunan-ai-model-2025");
    const values = Object.fromEntries(parse.fields.map((x) => [x.key, x.value]));
    expect(values).toMatchObject({
      "finance.totalAssets.2023": 15862.43,
      "finance.revenue.2023": 9826.37,
      "finance.revenue.2024": 12483.16,
      "finance.aiRevenue.2024": 7865.39,
      "staff.total.2024": 281,
      "staff.total": 281,
      "staff.rd.2023": 138,
    });
    expect(parse.fields.find((x) => x.key === "finance.revenue.2024")!.evidence[0]!.page).toBe(2);
  });
});

describe("a cover whose lines wrap under their labels", () => {
  it("reads the value beside the label on across the wrap, without the 加盖公章 prompt", async () => {
    const pages = await read(RULED_TABLE_PDFS.coverWrap);
    const parse = parseForm(pages, "wuhan-ai-governance-2026/scenario");
    const values = Object.fromEntries(parse.fields.map((x) => [x.key, x.value]));
    expect(values).toMatchObject({
      "cover.applicant": "武汉江城数智城市运营集团有限公司",
      "cover.caseName": "“江城慧眼”城市事件智能发现与协同处置场景",
      "cover.date": "2026-07-03",
    });
  });
});
