/**
 * Ruled tables on scanned forms (fixtures/form-scans: LibreOffice forms rasterised at 200 dpi): the grid is found
 * in the pixels, tesseract's words land in its cells, weak cells are read again alone, and the page carries the
 * same Table/Cell structure as a DOCX, also when the sheet was fed crooked (the *-skew*.jpg pages). Licences
 * (frames, no grid) stay plain lines.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { prepareForOcr } from "../../src/ingest/_internal/image-prep.js";
import { findGrid, findGridDeskewed } from "../../src/ingest/_internal/ocr-table.js";
import { parseApplicationForm } from "../../src/extract/form/parse.js";
import { ingest } from "../../src/ingest/ingest.js";
import type { Page } from "../../src/model.js";
import { sharedCacheDir } from "../_support/cache.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const T = 180_000;

async function prepared(rel: string) {
  return prepareForOcr(await readFile(path.join(ROOT, rel)), { maxPixels: 100_000_000 });
}

async function gridOf(rel: string) {
  const { grey, width, height } = await prepared(rel);
  return findGrid(grey, width, height);
}

const cellTexts = (page: Page) => page.tables[0]!.rows.map((r) => r.map((c) => c.text.replace(/\s+/g, "")));

async function pageOf(rel: string): Promise<Page> {
  const pkg = await ingest([path.join(ROOT, rel)], { cacheDir: sharedCacheDir() });
  return pkg.files[0]!.pages[0]!;
}

describe("findGrid", () => {
  it("finds the rules of the Wuhan form's 单位基本情况 table, merged cells included", async () => {
    const grid = (await gridOf("fixtures/form-scans/wuhan-vertical-a-p2.jpg"))!;
    // 6 columns (联系人情况 rows split into name, 职务 and 电话 cells), 10 rows.
    expect(grid.xs).toHaveLength(7);
    expect(grid.ys).toHaveLength(11);
    // 单位名称's value spans the five right-hand columns; 联系人情况 spans two rows.
    expect(new Set(grid.groups[0]!.slice(1)).size).toBe(1);
    expect(grid.groups[5]![0]).toBe(grid.groups[6]![0]);
    expect(grid.groups[5]![1]).not.toBe(grid.groups[6]![1]);
  });

  it("finds the same grid on the Wuhan page fed 1.5° crooked, once the page is turned straight", async () => {
    const straight = (await gridOf("fixtures/form-scans/wuhan-vertical-a-p2.jpg"))!;
    const { grey, width, height } = await prepared("fixtures/form-scans/wuhan-vertical-a-p2-skew1.5.jpg");
    // As given, no rule is one straight run of pixels.
    expect(findGrid(grey, width, height)).toBeNull();
    const found = findGridDeskewed(grey, width, height)!;
    expect((found.skew * 180) / Math.PI).toBeCloseTo(1.5, 1);
    expect(found.grid.xs).toHaveLength(straight.xs.length);
    expect(found.grid.ys).toHaveLength(straight.ys.length);
    expect(found.grid.groups).toEqual(straight.groups);
  });

  it("leaves a straight page as it is", async () => {
    const { grey, width, height } = await prepared("fixtures/form-scans/hunan-ai-model-b-p4.jpg");
    const found = findGridDeskewed(grey, width, height)!;
    expect(found.skew).toBe(0);
    expect(found.grey).toBe(grey);
  });

  it("finds no table on licences: a frame, dashed or solid, is no grid", async () => {
    for (const rel of [
      "fixtures/ocr/license-clean.png",
      "fixtures/ocr/license-degraded.jpg",
      "fixtures/packages/wuhan-vertical-a/营业执照.jpg",
    ]) {
      expect(await gridOf(rel), rel).toBeNull();
    }
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
    "gives a scanned PDF page (the form scan as its only image) the same table",
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
        expect(page.tables).toHaveLength(1);
        const cells = page.tables[0]!.rows.flat().map((c) => c.text.replace(/\s+/g, ""));
        expect(cells).toContain("湖南湘江智语科技有限公司");
        expect(cells).toContain("5000");
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
      expect(file.pages[0]!.tables).toHaveLength(1);
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
