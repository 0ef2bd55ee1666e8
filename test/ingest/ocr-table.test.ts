/**
 * Ruled tables on scanned forms (fixtures/form-scans: LibreOffice forms rasterised at 200 dpi): the grid is found
 * in the pixels, tesseract's words land in its cells, weak cells are read again alone, and the page carries the
 * same Table/Cell structure as a DOCX, also when the sheet was fed crooked (the *-skew*.jpg pages). A page with
 * two ruled tables (two-tables*.jpg: a 资产负债表 and a 利润表 under their headings; the Hunan 申报信息表 page with
 * its 主要经营状况 table) gives two tables, each with its own columns. Licences (frames, no grid) stay plain lines.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { prepareForOcr } from "../../src/ingest/_internal/image-prep.js";
import {
  cellKey,
  findGridDeskewed,
  findGrids,
  linesWithTable,
  type Grid,
} from "../../src/ingest/_internal/ocr-table.js";
import type { TesseractBlocks } from "../../src/ingest/_internal/ocr-text.js";
import { parseApplicationForm } from "../../src/extract/form/parse.js";
import { ingest } from "../../src/ingest/ingest.js";
import type { Page } from "../../src/model.js";
import { sharedCacheDir } from "../_support/cache.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const T = 180_000;

async function prepared(rel: string) {
  return prepareForOcr(await readFile(path.join(ROOT, rel)), { maxPixels: 100_000_000 });
}

async function gridsOf(rel: string) {
  const { grey, width, height } = await prepared(rel);
  return findGrids(grey, width, height);
}

/** Rows × columns of a grid. */
const shape = (g: Grid) => [g.ys.length - 1, g.xs.length - 1];

const cellTexts = (page: Page, t = 0) => page.tables[t]!.rows.map((r) => r.map((c) => c.text.replace(/\s+/g, "")));

async function pageOf(rel: string): Promise<Page> {
  const pkg = await ingest([path.join(ROOT, rel)], { cacheDir: sharedCacheDir() });
  return pkg.files[0]!.pages[0]!;
}

describe("findGrids", () => {
  it("finds the rules of the Wuhan form's 单位基本情况 table, merged cells included", async () => {
    const grids = await gridsOf("fixtures/form-scans/wuhan-vertical-a-p2.jpg");
    expect(grids).toHaveLength(1);
    const grid = grids[0]!;
    // 6 columns (联系人情况 rows split into name, 职务 and 电话 cells), 10 rows.
    expect(grid.xs).toHaveLength(7);
    expect(grid.ys).toHaveLength(11);
    // 单位名称's value spans the five right-hand columns; 联系人情况 spans two rows.
    expect(new Set(grid.groups[0]!.slice(1)).size).toBe(1);
    expect(grid.groups[5]![0]).toBe(grid.groups[6]![0]);
    expect(grid.groups[5]![1]).not.toBe(grid.groups[6]![1]);
  });

  it("finds the same grid on the Wuhan page fed 1.5° crooked, once the page is turned straight", async () => {
    const [straight] = await gridsOf("fixtures/form-scans/wuhan-vertical-a-p2.jpg");
    const { grey, width, height } = await prepared("fixtures/form-scans/wuhan-vertical-a-p2-skew1.5.jpg");
    // As given, no rule is one straight run of pixels.
    expect(findGrids(grey, width, height)).toEqual([]);
    const found = findGridDeskewed(grey, width, height)!;
    expect((found.skew * 180) / Math.PI).toBeCloseTo(1.5, 1);
    expect(found.grids).toHaveLength(1);
    expect(found.grids[0]!.xs).toHaveLength(straight!.xs.length);
    expect(found.grids[0]!.ys).toHaveLength(straight!.ys.length);
    expect(found.grids[0]!.groups).toEqual(straight!.groups);
  });

  it("leaves a straight page as it is", async () => {
    const { grey, width, height } = await prepared("fixtures/form-scans/hunan-ai-model-b-p4.jpg");
    const found = findGridDeskewed(grey, width, height)!;
    expect(found.skew).toBe(0);
    expect(found.grey).toBe(grey);
  });

  it("finds two tables, each with its own columns, on a page with a 资产负债表 above a 利润表", async () => {
    const grids = await gridsOf("fixtures/form-scans/two-tables.jpg");
    // 项目/行次/期末余额/期初余额 over 7 rows; 项目/本期金额/上期金额 over 5 rows; the heading between is in neither.
    expect(grids.map(shape)).toEqual([
      [7, 4],
      [5, 3],
    ]);
    const [balance, income] = grids as [Grid, Grid];
    expect(balance.ys.at(-1)!).toBeLessThan(income.ys[0]!);
    // The 利润表's inner rules stand where the 资产负债表 has none: its cells are not cut by the other's columns.
    for (const x of income.xs.slice(1, -1)) expect(balance.xs.every((b) => Math.abs(b - x) > 20)).toBe(true);
    // Plain tables: every grid position its own cell.
    for (const g of grids) expect(new Set(g.groups.flat()).size).toBe(g.groups.flat().length);
  });

  it("finds the same two tables on that page fed 1.5° crooked", async () => {
    const straight = await gridsOf("fixtures/form-scans/two-tables.jpg");
    const { grey, width, height } = await prepared("fixtures/form-scans/two-tables-skew1.5.jpg");
    const found = findGridDeskewed(grey, width, height)!;
    expect((found.skew * 180) / Math.PI).toBeCloseTo(1.5, 1);
    expect(found.grids.map(shape)).toEqual(straight.map(shape));
  });

  it("splits the Hunan 申报信息表 page into 单位基本信息 and 主要经营状况, and keeps one-table pages one table", async () => {
    const hunan = await gridsOf("fixtures/form-scans/hunan-ai-model-b-p4.jpg");
    expect(hunan.map(shape)).toEqual([
      [12, 5],
      [10, 3],
    ]);
    for (const [rel, rows, cols] of [
      ["fixtures/form-scans/wuhan-vertical-a-p2.jpg", 10, 6],
      ["fixtures/form-scans/wuhan-vertical-a-p3.jpg", 9, 3],
      ["fixtures/form-scans/hunan-ai-model-b-p5.jpg", 12, 4],
    ] as const) {
      expect((await gridsOf(rel)).map(shape), rel).toEqual([[rows, cols]]);
    }
  });

  it("finds no table on licences: a frame, dashed or solid, is no grid", async () => {
    for (const rel of [
      "fixtures/ocr/license-clean.png",
      "fixtures/ocr/license-degraded.jpg",
      "fixtures/packages/wuhan-vertical-a/营业执照.jpg",
    ]) {
      expect(await gridsOf(rel), rel).toEqual([]);
    }
  });
});

describe("linesWithTable", () => {
  // Three 2×2 grids stacked: 0 at y 0–200, 1 at y 300–500 (left half merged across both rows), 2 at y 600–800.
  const plain = (y: number): Grid => ({
    xs: [0, 100, 200],
    ys: [y, y + 100, y + 200],
    groups: [
      [0, 1],
      [2, 3],
    ],
  });
  const grids: Grid[] = [
    plain(0),
    {
      ...plain(300),
      groups: [
        [0, 1],
        [0, 3],
      ],
    },
    plain(600),
  ];
  const word = (text: string, x: number, y: number) => ({
    text,
    confidence: 90,
    bbox: { x0: x, y0: y, x1: x + 40, y1: y + 20 },
  });
  const page = (...words: ReturnType<typeof word>[]): TesseractBlocks => ({
    blocks: [{ paragraphs: words.map((w) => ({ lines: [{ ...w, words: [w] }] })) }],
  });

  it("numbers each table's cells by its own rows and columns, and skips a grid no word fell in", () => {
    const { lines, tables } = linesWithTable(
      page(word("标题", 20, 250), word("甲", 20, 420), word("乙", 120, 420), word("丙", 120, 720)),
      grids,
      1,
    );
    // Grid 0 holds nothing: grid 1 is table 0, grid 2 table 1.
    expect(tables).toHaveLength(2);
    expect(lines.map((l) => [l.text, l.cell])).toEqual([
      ["标题", undefined],
      ["甲", { table: 0, row: 0, col: 0 }],
      ["乙", { table: 0, row: 1, col: 1 }],
      ["丙", { table: 1, row: 1, col: 1 }],
    ]);
    expect(tables[0]!.rows.map((r) => r.map((c) => c.text))).toEqual([
      ["甲", ""],
      ["甲", "乙"],
    ]);
    expect(tables[0]!.rows[1]![0]).toMatchObject({ rowSpan: 2, origin: [0, 0] });
    expect(tables.map((t) => t.lineIndex)).toEqual([1, 3]);
  });

  it("puts a cell read again in its own table, not in the same group of another", () => {
    const reread = new Map([[cellKey(2, 3), page(word("丁", 110, 710))]]);
    const { tables } = linesWithTable(page(word("甲", 20, 20), word("x|", 120, 720)), grids, 1, reread);
    expect(tables.map((t) => t.rows[1]![1]!.text)).toEqual(["", "丁"]);
  });
});

describe("OCR of a scanned form", () => {
  it(
    "gives the page a table whose cells hold their own text, and lines that stop at the rules",
    async () => {
      const page = await pageOf("fixtures/form-scans/wuhan-vertical-a-p2.jpg");
      expect(page.tables).toHaveLength(1);
      const rows = cellTexts(page);
      const row = (label: string) => rows.find((r) => r[0] === label);
      expect(row("单位名称")?.[1]).toBe("武汉云帆智算科技有限公司");
      expect(row("统一社会信用代码")?.[1]).toBe("91420100MA4KQ7U39D");
      // Cells tesseract read across the rules (「yo1e 6)」 for 7318.62) are read again on their own.
      expect(rows.some((r) => r.includes("7318.62"))).toBe(true);
      expect(rows.some((r) => r.includes("4865.27"))).toBe(true);
      const cellLines = page.lines.filter((l) => l.cell);
      expect(cellLines.length).toBeGreaterThan(20);
      for (const l of cellLines) {
        expect(l.box).toBeDefined();
        expect(l.confidence).toBeLessThan(1);
      }
      expect(page.tables[0]!.lineIndex).toBe(page.lines.findIndex((l) => l.cell));
    },
    T,
  );

  it(
    "gives a scanned PDF page (the form scan as its only image) the same tables",
    async () => {
      const pdf = await PDFDocument.create();
      const jpg = await pdf.embedJpg(await readFile(path.join(ROOT, "fixtures/form-scans/hunan-ai-model-b-p4.jpg")));
      pdf.addPage([595.28, 841.89]).drawImage(jpg, { x: 0, y: 0, width: 595.28, height: 841.89 });
      const dir = await mkdtemp(path.join(os.tmpdir(), "shenbao-ocr-table-"));
      try {
        const file = path.join(dir, "申报信息表扫描件.pdf");
        await writeFile(file, await pdf.save());
        const page = (await ingest([file], { cacheDir: sharedCacheDir() })).files[0]!.pages[0]!;
        expect(page.source).toBe("ocr");
        // 单位基本信息 and, under its own heading, 主要经营状况 (指标, 2023年, 2024年).
        expect(page.tables).toHaveLength(2);
        const cells = page.tables[0]!.rows.flat().map((c) => c.text.replace(/\s+/g, ""));
        expect(cells).toContain("湖南湘江智语科技有限公司");
        expect(cells).toContain("5000");
        const revenue = cellTexts(page, 1).find((r) => r[0] === "营业收入（万元）");
        expect(revenue).toEqual(["营业收入（万元）", "9826.37", "12483.16"]);
        // Boxes in page points, like every line of a PDF page.
        const line = page.lines.find((l) => l.cell && l.text.includes("湘江智语"))!;
        expect(line.box!.x + line.box!.w).toBeLessThan(595.28);
        expect(page.tables[0]!.lineIndex).toBe(page.lines.findIndex((l) => l.cell?.table === 0));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    T,
  );

  it(
    "gives a page fed 1.5° crooked the same table, its values in their cells",
    async () => {
      const page = await pageOf("fixtures/form-scans/wuhan-vertical-a-p2-skew1.5.jpg");
      expect(page.tables).toHaveLength(1);
      const rows = cellTexts(page);
      expect(rows).toHaveLength(10);
      const row = (label: string) => rows.find((r) => r[0] === label);
      expect(row("单位名称")?.[1]).toBe("武汉云帆智算科技有限公司");
      expect(row("统一社会信用代码")?.[1]).toBe("91420100MA4KQ7U39D");
      expect(rows.some((r) => r.includes("7318.62"))).toBe(true);
      expect(rows.some((r) => r.includes("4865.27"))).toBe(true);
      // Boxes in the page's own pixels: a line inside the 1654 px wide scan.
      const line = page.lines.find((l) => l.cell && l.text.includes("云帆智算"))!;
      expect(line.box!.x + line.box!.w).toBeLessThan(1654);
    },
    T,
  );

  it(
    "lets the form reader read the Hunan 申报信息表 from cells on a page fed 2° crooked",
    async () => {
      const rel = "fixtures/form-scans/hunan-ai-model-b-p4-skew-2.jpg";
      const file = (await ingest([path.join(ROOT, rel)], { cacheDir: sharedCacheDir() })).files[0]!;
      expect(file.pages[0]!.tables).toHaveLength(2);
      const doc = {
        document: {
          id: "form-scan",
          type: "application-form" as const,
          title: "申报书",
          file: file.path,
          pages: [1, 1] as [number, number],
          confidence: 1,
          classifiedBy: "rule" as const,
        },
        pages: [{ file, page: file.pages[0]! }],
      };
      const fields = parseApplicationForm(doc, "hunan-ai-model-2025").fields;
      const value = (key: string) => fields.find((f) => f.key === key)?.value;
      expect(value("applicant.name")).toBe("湖南湘江智语科技有限公司");
      expect(value("applicant.uscc")).toBe("91430104MA4R8N2C6D");
      expect(value("contact.name")).toBe("罗俊峰");
      expect(value("contact.phone")).toBe("18673125506");
      expect(value("finance.revenue.2024")).toBe(12483.16);
    },
    T,
  );

  it.each([
    ["straight", "fixtures/form-scans/two-tables.jpg"],
    ["fed 1.5° crooked", "fixtures/form-scans/two-tables-skew1.5.jpg"],
  ])(
    "gives a page with two ruled tables (%s) two tables, each value in its own table, row and column",
    async (_, rel) => {
      const page = await pageOf(rel);
      expect(page.tables).toHaveLength(2);
      const balance = cellTexts(page, 0);
      const income = cellTexts(page, 1);
      expect([balance.length, balance[0]!.length]).toEqual([7, 4]);
      expect([income.length, income[0]!.length]).toEqual([5, 3]);
      expect(balance[0]![1]).toBe("行次");
      expect(balance[4]).toEqual(["资产总计", "4", "19637.58", "15862.43"]);
      expect(balance[6]).toEqual(["所有者权益合计", "6", "11421.54", "8935.02"]);
      expect(income[0]).toEqual(["项目", "本期金额", "上期金额"]);
      expect(income[1]).toEqual(["营业收入", "12483.16", "9826.37"]);
      expect(income[4]).toEqual(["净利润", "1426.73", "1035.62"]);
      // The lines carry their table's own cell, as a DOCX's do; the heading between the tables is in neither.
      const cellOf = (text: string) => page.lines.find((l) => l.text.replace(/\s+/g, "") === text)?.cell;
      expect(cellOf("12483.16")).toEqual({ table: 1, row: 1, col: 1 });
      expect(cellOf("8935.02")).toEqual({ table: 0, row: 6, col: 3 });
      const heading = page.lines.find((l) => l.text.includes("利润表"))!;
      expect(heading.cell).toBeUndefined();
      expect(page.tables[1]!.lineIndex).toBe(page.lines.findIndex((l) => l.cell?.table === 1));
      expect(page.tables[1]!.lineIndex).toBeGreaterThan(page.lines.indexOf(heading));
    },
    T,
  );

  it(
    "keeps a licence scan as plain lines",
    async () => {
      const page = await pageOf("fixtures/packages/wuhan-governance-scenario-f/营业执照（副本）.jpg");
      expect(page.tables).toEqual([]);
      expect(page.lines.some((l) => l.cell)).toBe(false);
    },
    T,
  );
});
