import { readFileSync } from "node:fs";
import { join } from "node:path";
import { degrees, PDFDocument, StandardFonts } from "pdf-lib";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PageSchema, textSourceOf, type Line, type Page } from "../../src/model.js";
import { DEFAULT_LIMITS, type ReaderContext } from "../../src/ingest/context.js";
import { IngestError } from "../../src/ingest/errors.js";
import { createOcrService, type OcrService } from "../../src/ingest/ocr.js";
import { readPdf } from "../../src/ingest/pdf.js";
import { detectPrintedPageNumber, parsePageLabel } from "../../src/ingest/_internal/pdf-page-number.js";
import { tidyText } from "../../src/ingest/_internal/pdf-lines.js";
import type { ExpectedPage } from "../../fixtures/generate/pdf-samples.js";
import { editDistance } from "../../src/extract/normalize/index.js";

const DIR = join(import.meta.dirname, "../../fixtures/pdf");
const bytes = (name: string) => readFileSync(join(DIR, name));
const expected = (name: string): ExpectedPage[] =>
  JSON.parse(readFileSync(join(DIR, `${name}.expected.json`), "utf8")).pages;
const squash = (s: string) => s.replace(/\s+/g, "");

let ocr: OcrService;
let ocrCalls = 0;
beforeAll(() => {
  const real = createOcrService({ cacheDir: false, concurrency: 1 });
  ocr = {
    get stats() {
      return real.stats;
    },
    close: () => real.close(),
    recognize: (req) => {
      ocrCalls++;
      return real.recognize(req);
    },
  };
});
afterAll(() => ocr.close());

const ctx = (over: Partial<ReaderContext> = {}): ReaderContext => ({
  fileName: "t.pdf",
  ocr,
  limits: DEFAULT_LIMITS,
  ...over,
});
const read = (name: string, over?: Partial<ReaderContext>) => readPdf(bytes(name), ctx(over));

/** Indices of the key lines in the page's lines (exact text, whitespace ignored); -1 when missing. */
const positions = (page: Page, keys: string[]) =>
  keys.map((k) => page.lines.findIndex((l) => squash(l.text) === squash(k)));
function expectInOrder(page: Page, keys: string[]): number[] {
  const idx = positions(page, keys);
  expect(idx, `page ${page.index}: ${JSON.stringify(page.lines.map((l) => l.text))}`).not.toContain(-1);
  expect([...idx].sort((a, b) => a - b)).toEqual(idx);
  return idx;
}

/** OCR may misread a character or two: a key line matches a line within 20% edit distance. */
const ocrFinds = (lines: Line[], key: string) =>
  lines.some((l) => editDistance(squash(l.text), squash(key)) <= Math.ceil(squash(key).length * 0.2));

function expectInPage(page: Page, line: Line) {
  const b = line.box!;
  expect(b.x).toBeGreaterThanOrEqual(0);
  expect(b.y).toBeGreaterThanOrEqual(0);
  expect(b.x + b.w).toBeLessThanOrEqual(page.width + 0.5);
  expect(b.y + b.h).toBeLessThanOrEqual(page.height + 0.5);
}

describe("readPdf: Word-exported form", () => {
  it("reads key lines of every page in reading order, with printed page numbers", async () => {
    const { pages, problems } = await read("word-form.pdf");
    expect(problems).toEqual([]);
    const exp = expected("word-form");
    expect(pages).toHaveLength(exp.length);
    for (const e of exp) {
      const page = pages[e.index - 1]!;
      expectInOrder(page, e.keyLines);
      expect(page.printedPageNumber).toBe(e.printedPageNumber);
      expect(page.source).toBe("text");
      expect(page.unit).toBe("pt");
      PageSchema.parse(page);
    }
  });

  it("has no spaces inside Chinese text but keeps spaces between latin words", async () => {
    const { pages } = await read("word-form.pdf");
    const texts = pages.flatMap((p) => p.lines.map((l) => l.text));
    expect(texts.filter((t) => /[\u4e00-\u9fff]\s+[\u4e00-\u9fff\d]|\d\s+[\u4e00-\u9fff]/.test(t))).toEqual([]);
    expect(texts.some((t) => t.includes("DeepSeek-R1 base model"))).toBe(true);
    expect(texts).toContain("2019年5月8日");
  });

  it("keeps the cells of one table row as separate lines, on one baseline, in x order", async () => {
    const page = (await read("word-form.pdf")).pages[0]!;
    const row = ["单位名称", "武汉示例智能科技有限公司", "成立日期", "2019年5月8日"];
    const idx = positions(page, row);
    expect(idx.map((i) => i - idx[0]!)).toEqual([0, 1, 2, 3]);
    const boxes = idx.map((i) => page.lines[i]!.box!);
    for (const b of boxes) expect(Math.abs(b.y - boxes[0]!.y)).toBeLessThan(1);
    for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.x).toBeGreaterThan(boxes[i - 1]!.x + boxes[i - 1]!.w);
  });

  it("gives boxes inside the page with a top-left origin and font sizes", async () => {
    const page = (await read("word-form.pdf")).pages[0]!;
    expect(page.width).toBeCloseTo(595.3, 1);
    expect(page.height).toBeCloseTo(841.89, 1);
    for (const l of page.lines) expectInPage(page, l);
    const title = page.lines.find((l) => l.text === "武汉市垂直行业模型征集入库申报书")!;
    const footer = page.lines.find((l) => squash(l.text) === "-1-")!;
    expect(title.box!.y).toBeLessThan(page.height * 0.15);
    expect(footer.box!.y).toBeGreaterThan(page.height * 0.85);
    expect(title.fontSize).toBe(18);
    expect(footer.fontSize).toBe(10.5);
  });
});

describe("readPdf: layout", () => {
  it("reads a two-column page column by column", async () => {
    const { pages } = await read("two-column.pdf");
    expectInOrder(pages[0]!, expected("two-column")[0]!.keyLines);
    expect(pages[0]!.printedPageNumber).toBe(1);
  });

  it("respects /Rotate: width and height swap, sideways text still reads line by line inside the page", async () => {
    const doc = await PDFDocument.load(bytes("word-form.pdf"));
    doc.getPage(0).setRotation(degrees(90));
    const { pages } = await readPdf(Buffer.from(await doc.save()), ctx());
    const page = pages[0]!;
    expect(page.width).toBeCloseTo(841.89, 1);
    expect(page.height).toBeCloseTo(595.3, 1);
    for (const l of page.lines) expectInPage(page, l);
    const idx = expectInOrder(page, expected("word-form")[0]!.keyLines);
    // Rotated 90° clockwise: the title, at the top of the upright page, is now at the right edge.
    const title = page.lines[idx[0]!]!.box!;
    expect(title.x).toBeGreaterThan(page.width * 0.8);
    expect(title.h).toBeGreaterThan(title.w);
  });
});

describe("readPdf: scans", () => {
  it("OCRs a scanned page and maps the OCR lines into page points", async () => {
    const before = ocrCalls;
    const { pages } = await read("scanned.pdf");
    const page = pages[0]!;
    expect(ocrCalls - before).toBe(1);
    expect(page.source).toBe("ocr");
    expect(page.ocr?.confidence).toBeGreaterThan(0.5);
    expect(page.images).toHaveLength(1);
    expect(page.images[0]).toMatchObject({ widthPx: 875, heightPx: 1241, box: { x: 0, y: 0, w: 420, h: 595 } });
    for (const key of expected("scanned")[0]!.keyLines) expect(ocrFinds(page.lines, key), key).toBe(true);
    for (const l of page.lines) {
      expect(l.source).toBe("ocr");
      expect(l.image).toBe(0);
      expectInPage(page, l);
    }
    // The title is centred near the top of the A5 page.
    const title = page.lines.find((l) => ocrFinds([l], "营业执照"))!;
    expect(title.box!.y).toBeLessThan(100);
    expect(Math.abs(title.box!.x + title.box!.w / 2 - 210)).toBeLessThan(30);
  });

  it("decides page by page in a mixed PDF and OCRs a large pasted photo", async () => {
    const { pages, problems } = await read("mixed.pdf");
    expect(problems).toEqual([]);
    for (const p of pages) PageSchema.parse(p);
    expect(pages.map((p) => p.source)).toEqual(["text", "ocr", "mixed"]);
    expect(textSourceOf(pages)).toBe("mixed");
    const exp = expected("mixed");
    expect(pages.map((p) => p.printedPageNumber)).toEqual(exp.map((e) => e.printedPageNumber));
    const photoPage = pages[2]!;
    const text = photoPage.lines.filter((l) => l.source === "text");
    const fromPhoto = photoPage.lines.filter((l) => l.source === "ocr");
    expect(positions({ ...photoPage, lines: text }, exp[2]!.keyLines.slice(0, 2))).toEqual([0, 1]);
    expect(fromPhoto.length).toBeGreaterThan(0);
    expect(photoPage.ocr).toBeUndefined();
    expect(photoPage.images[0]!.ocr).toBeDefined();
    for (const key of exp[2]!.keyLines.slice(2)) expect(ocrFinds(fromPhoto, key), key).toBe(true);
    const photo = photoPage.images[0]!.box!;
    for (const l of fromPhoto) {
      expect(l.image).toBe(0);
      expect(l.box!.x).toBeGreaterThanOrEqual(photo.x - 1);
      expect(l.box!.y + l.box!.h).toBeLessThanOrEqual(photo.y + photo.h + 1);
    }
  });

  it("records small images (logos) without OCR", async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#c00" } })
      .png()
      .toBuffer();
    const page = doc.addPage([595, 842]);
    page.drawImage(await doc.embedPng(png), { x: 40, y: 760, width: 48, height: 48 });
    page.drawText("Annual report of the applicant company, page body text.", { x: 40, y: 700, size: 12, font });
    const before = ocrCalls;
    const { pages } = await readPdf(Buffer.from(await doc.save()), ctx());
    expect(ocrCalls).toBe(before);
    expect(pages[0]!.source).toBe("text");
    expect(pages[0]!.images).toEqual([{ box: { x: 40, y: 34, w: 48, h: 48 }, widthPx: 64, heightPx: 64 }]);
  });
});

describe("readPdf: errors and limits", () => {
  it("rejects an encrypted PDF without the right password, reads it with the password", async () => {
    for (const password of [undefined, "wrong"]) {
      const err = await read("encrypted.pdf", { password }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(IngestError);
      expect((err as IngestError).code).toBe("encrypted");
      expect((err as IngestError).reason).toBe("PDF文件已加密，无法读取内容");
    }
    const { pages } = await read("encrypted.pdf", { password: "user" });
    expect(pages.map((p) => p.printedPageNumber)).toEqual([1, 2, 3]);
    expectInOrder(pages[0]!, expected("encrypted")[0]!.keyLines);
  });

  it("reports a truncated PDF as corrupt, or returns the readable pages with a problem per failed page", async () => {
    const result = await read("truncated.pdf").catch((e: unknown) => e);
    if (result instanceof IngestError) {
      expect(result.code).toBe("corrupt");
      expect(result.advice).toContain("重新导出PDF");
    } else {
      const { pages, problems } = result as Awaited<ReturnType<typeof readPdf>>;
      expect(pages.length).toBeLessThan(3);
      expect(problems.some((p) => p.code === "corrupt" && /第\d+页/.test(p.reason))).toBe(true);
    }
  });

  it("returns the readable pages of a damaged file and a problem naming the broken page", async () => {
    const { pages, problems } = await read("damaged-page.pdf");
    const exp = expected("damaged-page");
    expect(pages.map((p) => p.printedPageNumber)).toEqual(exp.map((e) => e.printedPageNumber));
    for (const [i, e] of exp.entries()) expectInOrder(pages[i]!, e.keyLines);
    expect(problems.map((p) => [p.code, p.reason])).toEqual([["corrupt", "第2页已损坏，无法读取"]]);
  });

  it("reports a renamed non-PDF file as corrupt", async () => {
    await expect(read("not-a-pdf.pdf")).rejects.toMatchObject({ code: "corrupt" });
  });

  it("reports a PDF without content as empty", async () => {
    const doc = await PDFDocument.create();
    await expect(readPdf(Buffer.from(await doc.save()), ctx())).rejects.toMatchObject({ code: "empty" });
  });

  it("reads at most maxPages pages and says which were left out", async () => {
    const { pages, problems } = await read("word-form.pdf", { limits: { ...DEFAULT_LIMITS, maxPages: 2 } });
    expect(pages).toHaveLength(2);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.reason).toContain("第3–3页未读取");
  });

  it("stops when the signal is aborted", async () => {
    const signal = AbortSignal.abort(new Error("cancelled"));
    await expect(read("word-form.pdf", { signal })).rejects.toThrow("cancelled");
    await expect(
      read("word-form.pdf", { signal: AbortSignal.abort(new DOMException("t", "TimeoutError")) }),
    ).rejects.toMatchObject({ code: "timeout" });
  });
});

describe("printed page numbers and text tidying", () => {
  it.each([
    ["3", 3],
    ["- 3 -", 3],
    ["— 3 —", 3],
    ["－12－", 12],
    ["第 3 页", 3],
    ["第3页 共10页", 3],
    ["共10页 第3页", 3],
    ["3/10", 3],
    ["Page 3", 3],
    ["Page 3 of 10", 3],
    ["申报书 第5页", 5],
  ])("parses %s", (text, n) => expect(parsePageLabel(text)).toBe(n));

  it.each(["12/3", "2019年5月8日", "共3页", "第0页", "单位名称", "3.5万元"])("rejects %s", (text) => {
    expect(parsePageLabel(text)).toBeUndefined();
  });

  const line = (text: string, y: number, x = 280): Line => ({
    text,
    box: { x, y, w: 20, h: 10 },
    source: "text",
    confidence: 1,
  });
  it("takes the number from the footer, not from body text or a table row", () => {
    expect(detectPrintedPageNumber([line("正文", 100), line("7", 400), line("- 4 -", 800)], 842)).toBe(4);
    // A number in the body, nothing in the footer.
    expect(detectPrintedPageNumber([line("正文", 100), line("7", 400)], 842)).toBeUndefined();
    // A table row at the bottom of the page: numbers side by side are cells.
    expect(detectPrintedPageNumber([line("1", 780, 100), line("2", 780, 300)], 842)).toBeUndefined();
    // Body text below the number: it is not a footer.
    expect(detectPrintedPageNumber([line("5", 730), line("正文最后一行", 790)], 842)).toBeUndefined();
    expect(detectPrintedPageNumber([line("第 2 页", 30), line("正文", 200)], 842)).toBe(2);
  });

  it("removes spaces between CJK characters and digits but not between latin words", () => {
    expect(tidyText("申 报  书 2019 年 5 月")).toBe("申报书2019年5月");
    expect(tidyText("基于 DeepSeek-R1 base model 进行")).toBe("基于 DeepSeek-R1 base model 进行");
  });
});
