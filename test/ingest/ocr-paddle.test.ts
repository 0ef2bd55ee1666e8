/**
 * The PP-OCR engine (ocr-paddle*.ts) behind the OCR service, on real images: the licence fixtures read with a CER
 * bound tesseract.js does not meet on the degraded scan (measured side by side in bench/ingest.ts → ocr-engines.json),
 * quarter turns found by the page vote, output in the tesseract path's shape (boxes in the upright source image,
 * confidences 0..1, ruled tables as cells), and the engine in the cache key.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registry } from "../../src/extract/fields/index.js";
import { ingest } from "../../src/ingest/ingest.js";
import { createOcrService, resolveOcrEngine, type OcrService } from "../../src/ingest/ocr.js";
import { ctcDecode, loadDictionary } from "../../src/ingest/_internal/ocr-paddle-rec.js";
import { minAreaRect } from "../../src/ingest/_internal/ocr-paddle-db.js";
import { asDocument } from "../extract/fields/helpers.js";
import { packageCases, sameValue } from "../extract/fields/truth.js";
import { cer, fixture, groundTruth, textOf } from "./ocr-helpers.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const T = 180_000;
let cacheDir: string;
let ocr: OcrService;

beforeAll(() => {
  cacheDir = mkdtempSync(path.join(os.tmpdir(), "shenbao-paddle-test-"));
  ocr = createOcrService({ engine: "paddle", cacheDir, concurrency: 2 });
});

afterAll(async () => {
  await ocr?.close();
  rmSync(cacheDir, { recursive: true, force: true });
});

describe("PP-OCR engine", () => {
  it(
    "reads the clean and the degraded licence (2° skew, 170 dpi, noise, seal over text) with CER ≤ 2%",
    async () => {
      const [clean, degraded] = await Promise.all(
        ["license-clean.png", "license-degraded.jpg"].map((f) => ocr.recognize({ image: fixture(f) })),
      );
      expect(cer(textOf(clean!.lines), groundTruth("license-clean.png"))).toBeLessThanOrEqual(0.02);
      expect(cer(textOf(degraded!.lines), groundTruth("license-degraded.jpg"))).toBeLessThanOrEqual(0.02);
      expect(clean!.info.engine).toMatch(/^pp-ocrv4@/);
      expect(clean!.info).toMatchObject({ rotation: 0, cached: false });
      expect([clean!.width, clean!.height]).toEqual([2008, 1150]);
      // The crooked scan's boxes are in the page turned straight, the turn reported like tesseract's deskew.
      expect(degraded!.info.skew).toBeGreaterThan(1.5);
      expect(degraded!.info.skew).toBeLessThan(2.5);
      for (const line of clean!.lines) {
        expect(line.confidence).toBeGreaterThan(0.5);
        expect(line.confidence).toBeLessThanOrEqual(1);
        expect(line.box!.x).toBeGreaterThanOrEqual(0);
        expect(line.box!.x + line.box!.w).toBeLessThanOrEqual(2008 + 0.5);
        expect(line.box!.y + line.box!.h).toBeLessThanOrEqual(1150 + 0.5);
      }
      // Reading order and boxes: 名称 below 统一社会信用代码, the same text as tesseract's lines (no spaces between 汉字).
      const uscc = clean!.lines.find((l) => l.text.includes("91420100MA4K7Q2X42"))!;
      const name = clean!.lines.find((l) => l.text.includes("武汉云帆智算科技有限公司"))!;
      expect(uscc.box!.y).toBeLessThan(name.box!.y);
      expect(name.text).toBe("名称武汉云帆智算科技有限公司");
    },
    T,
  );

  it(
    "finds a page turned 180° and one turned 90° by the classifier's page vote",
    async () => {
      const r180 = await ocr.recognize({ image: fixture("license-rot180.png") });
      expect(r180.info.rotation).toBe(180);
      expect(cer(textOf(r180.lines), groundTruth("license-rot180.png"))).toBeLessThanOrEqual(0.02);
      const r90 = await ocr.recognize({ image: fixture("license-rot90.png") });
      expect(r90.info.rotation).toBe(270);
      expect(cer(textOf(r90.lines), groundTruth("license-rot90.png"))).toBeLessThanOrEqual(0.02);
      expect([r90.width, r90.height]).toEqual([2008, 1150]);
    },
    T,
  );

  it(
    "reads every licence field of a package's licence scan exactly",
    async () => {
      const c = packageCases().find((x) => x.file.endsWith("wuhan-vertical-a/营业执照.jpg"))!;
      const { files } = await ingest([path.join(ROOT, c.file)], { ocr, cacheDir: false });
      const doc = asDocument(files[0]!, c.type, c.pages);
      const fields = registry.filter((e) => e.docTypes.includes(c.type)).flatMap((e) => e.extract(doc, {}));
      const wrong = Object.entries(c.truth)
        .filter(([k, v]) => !fields.some((f) => f.key === k && sameValue(v, f.value)))
        .map(
          ([k, v]) =>
            `${k}: ${JSON.stringify(v)} → ${JSON.stringify(fields.filter((f) => f.key === k).map((f) => f.value))}`,
        );
      expect(wrong).toEqual([]);
    },
    T,
  );

  it(
    "puts the words of a ruled form scan into the grid's cells",
    async () => {
      const image = await readFile(path.join(ROOT, "fixtures/form-scans/wuhan-vertical-a-p2.jpg"));
      const r = await ocr.recognize({ image });
      expect(r.tables).toHaveLength(1);
      const cells = r.tables[0]!.rows.map((row) => row.map((c) => c.text.replace(/\s+/g, "")));
      expect(cells[0]![0]).toContain("单位名称");
      expect(cells[0]![1]).toContain("武汉云帆智算科技有限公司");
      expect(r.lines.some((l) => l.cell?.row === 0 && l.cell.col === 1)).toBe(true);
    },
    T,
  );

  it(
    "keys its cache by engine: a tesseract service does not get the PP-OCR result",
    async () => {
      const image = fixture("license-clean.png");
      expect((await ocr.recognize({ image })).info.cached).toBe(true);
      const other = createOcrService({ engine: "tesseract", cacheDir, concurrency: 1 });
      try {
        const r = await other.recognize({ image });
        expect(r.info.cached).toBe(false);
        expect(r.info.engine).toMatch(/^tesseract\.js@/);
      } finally {
        await other.close();
      }
    },
    T,
  );
});

describe("engine choice", () => {
  it("defaults to tesseract, follows SHENBAO_OCR_ENGINE and refuses unknown names", () => {
    const saved = process.env.SHENBAO_OCR_ENGINE;
    try {
      delete process.env.SHENBAO_OCR_ENGINE;
      expect(resolveOcrEngine()).toBe("tesseract");
      process.env.SHENBAO_OCR_ENGINE = "paddle";
      expect(resolveOcrEngine()).toBe("paddle");
      expect(resolveOcrEngine("tesseract")).toBe("tesseract");
      process.env.SHENBAO_OCR_ENGINE = "easyocr";
      expect(() => resolveOcrEngine()).toThrow(/未知的文字识别引擎/);
    } finally {
      if (saved === undefined) delete process.env.SHENBAO_OCR_ENGINE;
      else process.env.SHENBAO_OCR_ENGINE = saved;
    }
  });
});

describe("post-processing pieces", () => {
  it("decodes CTC with the dictionary's trailing space class, merging repeats and dropping blanks", () => {
    const dict = loadDictionary("营\n业\n执\n照\n");
    expect(dict).toEqual(["", "营", "业", "执", "照", " "]);
    const classes = dict.length;
    const steps = [1, 1, 0, 2, 5, 3, 3, 0, 3];
    const probs = new Float32Array(steps.length * classes);
    steps.forEach((c, t) => (probs[t * classes + c] = 0.9));
    expect(
      ctcDecode(probs, steps.length, classes, dict)
        .map((d) => d.char)
        .join(""),
    ).toBe("营业 执执");
  });

  it("finds the minimum-area rectangle of a slanted bar", () => {
    const pts: [number, number][] = [];
    const a = (2 * Math.PI) / 180;
    for (let u = 0; u <= 100; u++)
      for (const v of [0, 10]) pts.push([u * Math.cos(a) - v * Math.sin(a), u * Math.sin(a) + v * Math.cos(a)]);
    pts.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
    const r = minAreaRect(pts);
    expect(r.w).toBeCloseTo(100, 0);
    expect(r.h).toBeCloseTo(10, 0);
    expect((r.angle * 180) / Math.PI).toBeCloseTo(2, 1);
  });
});
