/**
 * Tesseract output → lines: column gaps split a line that ran across a licence's two columns, a frame edge
 * read as a trailing 「1」 is dropped, a period between 汉字 becomes the name dot. Real scans from the fixtures.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cleanOcrText, linesFromTesseract, type TesseractBlocks } from "../../src/ingest/_internal/ocr-text.js";
import { ingest } from "../../src/ingest/ingest.js";
import type { Line } from "../../src/model.js";
import { sharedCacheDir } from "../_support/cache.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const T = 180_000;

async function linesOf(rel: string): Promise<Line[]> {
  const pkg = await ingest([path.join(ROOT, rel)], { cacheDir: sharedCacheDir() });
  return pkg.files[0]!.pages.flatMap((p) => p.lines);
}

/** One tesseract line from [text, x0, confidence] words of one character height (40 px). */
function page(words: [string, number, number][]): TesseractBlocks {
  const ws = words.map(([text, x0, confidence]) => ({
    text,
    confidence,
    bbox: { x0, y0: 100, x1: x0 + 40 * [...text].length, y1: 140 },
  }));
  const bbox = { x0: ws[0]!.bbox.x0, y0: 100, x1: ws.at(-1)!.bbox.x1, y1: 140 };
  return {
    blocks: [
      { paragraphs: [{ lines: [{ text: words.map((w) => w[0]).join(" "), confidence: 90, bbox, words: ws }] }] },
    ],
  };
}

describe("linesFromTesseract", () => {
  it("splits a line at a gap of more than 8 character heights, keeping letter-spaced labels and label gaps", () => {
    const lines = linesFromTesseract(
      page([
        ["住", 0, 90],
        ["所", 100, 90],
        ["武", 260, 95],
        ["汉", 300, 95],
        ["厦", 700, 95],
        ["16层", 740, 95],
      ]),
      1,
    );
    expect(lines.map((l) => l.text)).toEqual(["住所武汉", "厦16层"]);
    expect(lines[1]!.box).toEqual({ x: 700, y: 100, w: 160, h: 40 });
    expect(
      linesFromTesseract(
        page([
          ["住", 0, 90],
          ["所", 100, 90],
          ["武", 400, 95],
        ]),
        1,
      ),
    ).toHaveLength(1);
  });

  it("drops a low-confidence bar-like glyph ending a line, not a confidently read 1", () => {
    expect(
      linesFromTesseract(
        page([
          ["999", 0, 91],
          ["号", 120, 86],
          ["1", 180, 56],
          ["‖", 220, 56],
        ]),
        1,
      )[0]!.text,
    ).toBe("999号");
    expect(
      linesFromTesseract(
        page([
          ["999", 0, 91],
          ["号", 120, 86],
          ["1", 160, 95],
        ]),
        1,
      )[0]!.text,
    ).toBe("999号1");
  });
});

describe("cleanOcrText", () => {
  it("reads a period between 汉字 as the middle dot of a name, and leaves decimals and latin alone", () => {
    expect(cleanOcrText("云 帆 . 工 质 多 模 态 大 模 型")).toBe("云帆·工质多模态大模型");
    expect(cleanOcrText("训 练 数 据 量 3.6 TB")).toBe("训练数据量3.6 TB");
    expect(cleanOcrText("Qwen2.5 - VL")).toBe("Qwen2.5 - VL");
  });
});

describe("OCR of licence scans", () => {
  it(
    "reads the 住所 value's second line apart from the 经营范围 text beside it",
    async () => {
      const lines = await linesOf("fixtures/packages/wuhan-governance-scenario-f/营业执照（副本）.jpg");
      expect(lines.some((l) => l.text.startsWith("厦16层"))).toBe(true);
      expect(lines.some((l) => l.text.includes("支持服") && l.text.includes("厦16层"))).toBe(false);
    },
    T,
  );

  it(
    "does not read the dashed frame right of the 住所 value as a character",
    async () => {
      const lines = await linesOf("fixtures/packages/wuhan-vertical-a/营业执照.jpg");
      const address = lines.find((l) => l.text.includes("高新大道999"))!;
      expect(address.text).toMatch(/999号$/u);
    },
    T,
  );
});
