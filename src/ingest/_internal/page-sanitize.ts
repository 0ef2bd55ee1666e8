/**
 * Values a damaged file makes a reader produce (NaN or Infinity coordinates from a bit-flipped content stream,
 * absurd sizes) are dropped where the pages are made, so nothing downstream — extraction, checks, the report's
 * schema — ever sees them. Returns how many values were dropped per page, so the reader can say so.
 */
import type { Box, Page } from "../../model.js";
import type { ReadResult } from "../context.js";
import { IngestError } from "../errors.js";

/** Coordinates beyond this (pt or px) are not on any real page: 1e6 pt is 350 m. */
const MAX_COORD = 1e6;

const finite = (n: unknown): n is number => typeof n === "number" && Number.isFinite(n) && Math.abs(n) <= MAX_COORD;

function okBox(box: Box | undefined): boolean {
  return box === undefined || (finite(box.x) && finite(box.y) && finite(box.w) && finite(box.h));
}

const unit = (n: number) => (Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0);
const count = (n: number) => (finite(n) ? Math.max(0, Math.round(n)) : 0);

/** Cleans `pages` in place and returns, per 1-based page index, how many values were dropped there. */
export function sanitizePages(pages: Page[]): Map<number, number> {
  const dropped = new Map<number, number>();
  for (const page of pages) {
    let n = 0;
    const fixBox = <T extends { box?: Box }>(o: T): T => {
      if (okBox(o.box)) return o;
      n++;
      const { box: _box, ...rest } = o;
      return rest as T;
    };
    if (!finite(page.width) || page.width < 0) (page.width = 0), n++;
    if (!finite(page.height) || page.height < 0) (page.height = 0), n++;
    if (page.printedPageNumber !== undefined && !(Number.isSafeInteger(page.printedPageNumber) && page.printedPageNumber >= 0)) {
      delete page.printedPageNumber;
      n++;
    }
    page.lines = page.lines.map((line) => {
      let l = fixBox(line);
      if (l.fontSize !== undefined && !(finite(l.fontSize) && l.fontSize >= 0)) {
        const { fontSize: _f, ...rest } = l;
        l = rest;
        n++;
      }
      if (!Number.isFinite(l.confidence) || l.confidence < 0 || l.confidence > 1) (l = { ...l, confidence: unit(l.confidence) }), n++;
      return l;
    });
    page.images = page.images.map((image) => {
      const i = fixBox(image);
      if (!Number.isSafeInteger(i.widthPx) || !Number.isSafeInteger(i.heightPx) || i.widthPx < 0 || i.heightPx < 0) {
        n++;
        return { ...i, widthPx: count(i.widthPx), heightPx: count(i.heightPx) };
      }
      return i;
    });
    if (page.seals) page.seals = page.seals.map((s) => ({ ...fixBox(s), confidence: unit(s.confidence) }));
    for (const ocr of [page.ocr, ...page.images.map((i) => i.ocr)]) {
      if (!ocr) continue;
      if (!Number.isFinite(ocr.confidence)) (ocr.confidence = 0), n++;
      if (!Number.isFinite(ocr.ms)) ocr.ms = 0;
      if (ocr.skew !== undefined && !Number.isFinite(ocr.skew)) delete ocr.skew;
    }
    if (n > 0) dropped.set(page.index, n);
  }
  return dropped;
}

/** The reader's result with invalid values dropped, and one problem per page that had any. */
export function sanitizedResult(result: ReadResult): ReadResult {
  const dropped = sanitizePages(result.pages);
  const problems = [...result.problems];
  for (const [page, n] of dropped) {
    problems.push(
      new IngestError(
        "invalid-values",
        `页面数据中有${n}处坐标或数值无效（文件可能已损坏），已忽略这些位置信息`,
        "如该页内容与原件不符，请重新导出PDF后提交",
        { page },
      ),
    );
  }
  return { ...result, problems };
}
