/**
 * One PDF page → Page: text layer lines, images, OCR of scanned pages and large pasted images, printed
 * page number.
 *
 * Page source: "ocr" when the page has (almost) no text layer and its text was read from images (a scan);
 * "mixed" when a real text layer is complemented by OCR of a large pasted image; "text" / "none" otherwise.
 */
import type { PDFDocumentProxy, PDFPageProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { Box, EmbeddedImage, Line, Page, Seal, Table } from "../../model.js";
import type { ReaderContext } from "../context.js";
import { IngestError, isIngestError } from "../errors.js";
import {
  decodedPixels,
  findImages,
  imageBoxToPage,
  imagePixels,
  ocrLinesToPage,
  type PlacedImage,
} from "./pdf-images.js";
import type { FontStyleLike, TextItemLike } from "./pdf-lines.js";
import { findRules } from "./pdf-rules.js";
import { findGrids } from "./pdf-table.js";
import { linesWithTables } from "./pdf-table-lines.js";
import { detectPrintedPageNumber } from "./pdf-page-number.js";
import { detectSeals } from "./seal-detect.js";

/** Below this many non-space characters a page has no usable text layer. */
export const MIN_TEXT_CHARS = 20;
/** Images covering at least this share of the page are OCR'd; smaller ones (logos, seals) are not. */
export const MIN_OCR_IMAGE_AREA = 0.15;

/** Images drawn smaller than this (pt, either side) are icons or bullets: a seal is at least 2 cm ≈ 57 pt. */
export const MIN_SEAL_SIDE_PT = 42;
/** Pages tiled with many images (a sliced scan) are probed this many times at most. */
const MAX_SEAL_PROBES = 24;

const nonSpace = (s: string) => s.replace(/\s/g, "").length;

function inside(line: Line, box: Box): boolean {
  const b = line.box;
  if (!b) return false;
  const cx = b.x + b.w / 2;
  const cy = b.y + b.h / 2;
  return cx >= box.x && cx <= box.x + box.w && cy >= box.y && cy <= box.y + box.h;
}

/**
 * Images worth OCR: large, and not already covered by text (a searchable scan's invisible text layer, or
 * a background picture behind real text).
 */
function ocrTargets(placed: readonly PlacedImage[], textLines: readonly Line[], pageArea: number): number[] {
  return placed
    .map((img, i) => ({ img, i }))
    .filter(({ img }) => (img.box.w * img.box.h) / pageArea >= MIN_OCR_IMAGE_AREA)
    .filter(
      ({ img }) =>
        nonSpace(
          textLines
            .filter((l) => inside(l, img.box))
            .map((l) => l.text)
            .join(""),
        ) < MIN_TEXT_CHARS,
    )
    .map(({ i }) => i);
}

export interface PageResult {
  page: Page;
  problems: IngestError[];
}

export async function readPage(doc: PDFDocumentProxy, index: number, ctx: ReaderContext): Promise<PageResult> {
  const pdfPage = await doc.getPage(index);
  try {
    return await readLoadedPage(pdfPage, index, ctx);
  } finally {
    pdfPage.cleanup();
  }
}

async function readLoadedPage(pdfPage: PDFPageProxy, index: number, ctx: ReaderContext): Promise<PageResult> {
  const viewport = pdfPage.getViewport({ scale: 1 });
  const vt = viewport.transform;
  const { width, height } = viewport;
  const content = await pdfPage.getTextContent();
  const items = content.items.filter((it): it is TextItemLike & (typeof content.items)[number] => "str" in it);
  const ops = await pdfPage.getOperatorList();
  // Ruled tables of the text layer, on upright pages (a page turned by /Rotate keeps the line reading); a page with
  // no text layer has none to read (its scans bring their own).
  const upright = vt[0]! > 0 && vt[3]! < 0 && vt[1] === 0 && vt[2] === 0;
  const grids = upright && items.length > 0 ? findGrids(findRules(ops, vt)) : [];
  const styles = content.styles as Record<string, FontStyleLike>;
  const { lines: textLines, tables: textTables } = linesWithTables(items, styles, vt, grids, fontNames(pdfPage, items));
  const placed = findImages(ops, vt, width, height);
  const images: EmbeddedImage[] = placed.map((p) => ({ box: p.box, widthPx: p.widthPx, heightPx: p.heightPx }));

  const problems: IngestError[] = [];
  const ocrLines: Line[] = [];
  const ocrTables: Table[] = [];
  const seals: Seal[] = [];
  let largestOcr: { area: number; info: NonNullable<EmbeddedImage["ocr"]> } | undefined;
  for (const i of ocrTargets(placed, textLines, width * height)) {
    ctx.signal?.throwIfAborted();
    const img = placed[i]!;
    if (img.widthPx * img.heightPx > ctx.limits.maxImagePixels) {
      problems.push(
        new IngestError(
          "too-large",
          `第${index}页的图片过大（${img.widthPx}×${img.heightPx}像素），未进行文字识别`,
          "请降低扫描分辨率（建议300dpi）后重新生成PDF",
        ),
      );
      continue;
    }
    const pixels = await imagePixels(pdfPage, img);
    if (!pixels) continue;
    try {
      const result = await ctx.ocr.recognize({ ...pixels, dpi: img.dpi, signal: ctx.signal });
      images[i]!.ocr = result.info;
      // Table numbers run on across the page's images.
      const offset = ocrTables.length;
      ocrTables.push(...result.tables);
      ocrLines.push(
        ...ocrLinesToPage(result, img, vt, i).map((l) =>
          l.cell ? { ...l, cell: { ...l.cell, table: l.cell.table + offset } } : l,
        ),
      );
      for (const s of result.seals ?? [])
        seals.push({
          box: imageBoxToPage(s.box, result.width, result.height, result.info.rotation, img, vt),
          confidence: s.confidence,
          image: i,
        });
      const area = img.box.w * img.box.h;
      if (!largestOcr || area > largestOcr.area) largestOcr = { area, info: result.info };
    } catch (e) {
      if (ctx.signal?.aborted) throw e;
      problems.push(
        isIngestError(e)
          ? new IngestError(e.code, `第${index}页：${e.reason}`, e.advice, { cause: e })
          : new IngestError(
              "ocr-failed",
              `第${index}页的图片文字识别失败`,
              "请确认扫描件清晰、完整，必要时重新扫描后提交",
              { cause: e },
            ),
      );
    }
  }

  const probes = placed
    .map((img, i) => ({ img, i }))
    .filter(({ img, i }) => !images[i]!.ocr && Math.min(img.box.w, img.box.h) >= MIN_SEAL_SIDE_PT);
  seals.push(...(await sealsInImages(pdfPage, probes.slice(0, MAX_SEAL_PROBES), vt, ctx)));

  const scanned = nonSpace(textLines.map((l) => l.text).join("")) < MIN_TEXT_CHARS && ocrLines.length > 0;
  const page: Page = {
    index,
    width: Math.round(width * 100) / 100,
    height: Math.round(height * 100) / 100,
    unit: "pt",
    source: scanned ? "ocr" : ocrLines.length > 0 ? "mixed" : textLines.length > 0 ? "text" : "none",
    lines: scanned ? mergeByPosition(ocrLines, textLines.map(({ cell: _, ...l }) => l)) : [...textLines, ...ocrLines.map(({ cell: _, ...l }) => l)],
    tables: scanned ? [] : textTables,
    images,
  };
  if (scanned && largestOcr) page.ocr = largestOcr.info;
  // A scanned page's ruled tables; on a page with a text layer the OCR'd picture is no table of the page.
  if (scanned)
    page.tables = ocrTables.map((t, k) => ({
      ...t,
      lineIndex: Math.max(
        0,
        page.lines.findIndex((l) => l.cell?.table === k),
      ),
    }));
  if (seals.length > 0) page.seals = seals;
  const printed = detectPrintedPageNumber(scanned ? page.lines : textLines, height);
  if (printed !== undefined) page.printedPageNumber = printed;
  return { page, problems };
}

/**
 * The PostScript name of each font the text uses (「ABCDEF+SimHei-Bold」), for bold marks; pdf.js knows the fonts once
 * the operator list was read. A font it cannot name is left out.
 */
function fontNames(pdfPage: PDFPageProxy, items: readonly TextItemLike[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const id of new Set(items.map((i) => i.fontName))) {
    try {
      const font = pdfPage.commonObjs.has(id) ? (pdfPage.commonObjs.get(id) as { name?: unknown }) : undefined;
      if (typeof font?.name === "string") out[id] = font.name;
    } catch {
      // not resolved: no bold marks from this font
    }
  }
  return out;
}

/**
 * Seals in images that were not OCR'd: electronic seals (a small transparent image over the 盖章 line)
 * and pasted copies. pdf.js has already decoded them for the operator list, so this is one pass over pixels.
 */
async function sealsInImages(
  pdfPage: PDFPageProxy,
  probes: { img: PlacedImage; i: number }[],
  vt: readonly number[],
  ctx: ReaderContext,
): Promise<Seal[]> {
  const out: Seal[] = [];
  for (const { img, i } of probes) {
    if (img.widthPx * img.heightPx > ctx.limits.maxImagePixels) continue;
    const px = await decodedPixels(pdfPage, img);
    if (!px || px.raw.channels < 3) continue;
    for (const s of detectSeals(px.data, px.raw, { dpi: img.dpi }))
      out.push({
        box: imageBoxToPage(s.box, px.raw.width, px.raw.height, 0, img, vt),
        confidence: s.confidence,
        image: i,
      });
  }
  return out;
}

/** A scan with a few text-layer lines (e.g. page numbers stamped by a merge tool): one top-to-bottom order. */
function mergeByPosition(ocr: Line[], text: Line[]): Line[] {
  if (text.length === 0) return ocr;
  const y = (l: Line) => l.box?.y ?? 0;
  const out = [...ocr];
  for (const t of text) {
    const at = out.findIndex((l) => y(l) > y(t));
    out.splice(at < 0 ? out.length : at, 0, t);
  }
  return out;
}
