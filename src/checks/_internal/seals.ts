/**
 * Seals (公章) as ingest found them on the pages (Page.seals, red ring blobs), for the rules that ask whether a
 * stamped PDF or scan carries one. Word files are the editable version and never carry a physical seal.
 */
import { sealsOn } from "../../extract/fields/seal.js";
import type { PageRef } from "../../extract/types.js";
import type { Document, Evidence } from "../../model.js";
import type { RuleContext } from "../types.js";

/** The line that asks for the seal: 「申报单位（加盖公章）」「申请单位（盖章）：」「（盖单位公章）」. */
const SEAL_LINE = /盖\s*(?:单位)?\s*(?:公\s*)?章|公\s*章/u;

/** The document's pages (all, or only the first: a cover), with their file. */
export function pagesOf(ctx: RuleContext, doc: Document, firstOnly = false): PageRef[] {
  const file = ctx.pkg.files.find((f) => f.path === doc.file);
  if (!file) return [];
  const to = firstOnly ? doc.pages[0] : doc.pages[1];
  return file.pages.filter((p) => p.index >= doc.pages[0] && p.index <= to).map((page) => ({ file, page }));
}

/** True when a seal (above the detector's confidence floor) is on any of the pages. */
export function hasSeal(pages: readonly PageRef[]): boolean {
  return sealsOn(pages).length > 0;
}

/**
 * Every page is a picture (a scan or an image file): the detector saw all of it, so "no seal" is a finding.
 * On a text-layer page a seal may be vector graphics or a signature annotation the detector never sees.
 */
export function wholePagesSeen(pages: readonly PageRef[]): boolean {
  return pages.length > 0 && pages.every(({ page }) => page.source === "ocr") && !monochrome(pages);
}

/** A page scanned in black and white: a red seal cannot show on it, so none found says nothing. */
export function monochrome(pages: readonly PageRef[]): boolean {
  return pages.some(({ page }) => page.ocr?.monochrome === true || page.images.some((i) => i.ocr?.monochrome === true));
}

/**
 * The first line on the pages that asks for the seal (「申报单位____（加盖公章）」 comes before the 推荐单位's on a
 * cover; the 牵头人 before the members on a 联合体协议书), if any.
 */
export function sealLine(pages: readonly PageRef[]): Evidence | undefined {
  for (const { file, page } of pages) {
    const line = page.lines.find((l) => SEAL_LINE.test(l.text));
    if (line)
      return { file: file.path, page: page.index, quote: line.text.trim(), ...(line.box ? { box: line.box } : {}) };
  }
  return undefined;
}

/** Where to point: the 「盖章」 line on the pages, else the document's first page. */
export function sealPlace(doc: Document, pages: readonly PageRef[]): Evidence {
  return sealLine(pages) ?? { file: doc.file, page: doc.pages[0], quote: doc.title };
}
