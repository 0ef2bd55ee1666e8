/**
 * Reads a .docx straight from its OOXML parts.
 *
 * Why not mammoth (checked with 1.13 on fixtures/docx): it writes HTML for display. It does keep
 * colspan/rowspan (only on the origin <td>, so grid positions must be rebuilt), turns content-control and
 * FORMCHECKBOX boxes into <input type=checkbox> and Wingdings boxes into 🞎/🗹; but it drops every page break
 * and w:lastRenderedPageBreak (no pages), recognises headings only by English style names (not 「标题 1」
 * nor w:outlineLvl), and box labels and cell grids would have to be parsed back out of its HTML.
 *
 * DOCX has no layout: pages are cut at the w:lastRenderedPageBreak markers Word leaves where it last
 * laid out page breaks (they match the printed pages), or, when a file has none (generated or converted
 * files), at explicit page breaks, pageBreakBefore and new-page section breaks.
 */
import type { Cell, EmbeddedImage, Line, Page, Seal, Table, TextMark } from "../model.js";
import type { ReadResult, ReaderContext } from "./context.js";
import type { IngestError } from "./errors.js";
import { parseCheckboxes } from "./_internal/docx-checkboxes.js";
import { readFlow, type Block } from "./_internal/docx-flow.js";
import { createImageReader, type ImageReading } from "./_internal/docx-images.js";
import { openDocx } from "./_internal/docx-package.js";
import type { ImageRef } from "./_internal/docx-runs.js";
import { readStyles } from "./_internal/docx-styles.js";
import { gridRowsToCells } from "./_internal/docx-tables.js";

type Item =
  | { kind: "para"; text: string; headingLevel?: number; marks?: TextMark[] }
  | { kind: "table"; rows: Cell[][]; marks: Map<Cell, TextMark[]> }
  | { kind: "image"; ref: ImageRef };

export async function readDocx(buf: Buffer, ctx: ReaderContext): Promise<ReadResult> {
  const pkg = await openDocx(buf, ctx.limits);
  const stylesRel = [...pkg.rels.values()].find((r) => r.type.endsWith("/styles") && !r.external);
  const styles = readStyles(await pkg.xmlPart(stylesRel?.target ?? "word/styles.xml"));
  const drafts = paginate(readFlow(pkg.body, styles));

  // Start every image (and its OCR) at once; the OCR service queues and caches.
  const readImage = createImageReader(pkg, ctx);
  const readings = new Map<ImageRef, Promise<ImageReading | undefined>>();
  drafts.forEach((items, p) => {
    for (const it of items) if (it.kind === "image") readings.set(it.ref, readImage(it.ref, p + 1));
  });
  await Promise.all(readings.values());

  const problems: IngestError[] = [];
  const pages: Page[] = [];
  for (const [p, items] of drafts.entries()) {
    const lines: Line[] = [];
    const tables: Table[] = [];
    const images: EmbeddedImage[] = [];
    const seals: Seal[] = [];
    for (const it of items) {
      if (it.kind === "para") {
        lines.push(docxLine(it.text, it.headingLevel, it.marks));
      } else if (it.kind === "table") {
        const table = tables.length;
        tables.push({ rows: it.rows, lineIndex: lines.length });
        it.rows.forEach((row, r) =>
          row.forEach((cell, c) => {
            if (cell.origin[0] !== r || cell.origin[1] !== c || !cell.text) return;
            lines.push({ ...docxLine(cell.text, undefined, it.marks.get(cell)), cell: { table, row: r, col: c } });
          }),
        );
      } else {
        const reading = await readings.get(it.ref);
        if (!reading) continue;
        if (reading.problem) problems.push(reading.problem);
        const index = images.length;
        images.push({ ...reading.image, lineIndex: lines.length });
        for (const confidence of reading.seals) seals.push({ confidence, image: index });
        lines.push(...reading.lines.map((l) => ({ ...l, image: index })));
      }
    }
    pages.push({ index: p + 1, width: 0, height: 0, unit: "none", source: pageSource(lines), lines, tables, images, ...(seals.length ? { seals } : {}) });
  }
  return { pages, problems };
}

function docxLine(text: string, headingLevel?: number, marks?: TextMark[]): Line {
  const boxes = parseCheckboxes(text);
  return {
    text,
    source: "docx",
    confidence: 1,
    ...(headingLevel !== undefined ? { headingLevel } : {}),
    ...(boxes.length ? { checkboxes: boxes } : {}),
    ...(marks?.length ? { marks } : {}),
  };
}

function pageSource(lines: Line[]): Page["source"] {
  const ocr = lines.filter((l) => l.source === "ocr").length;
  if (ocr === 0) return "docx";
  return ocr === lines.length ? "ocr" : "mixed";
}

/** Cuts the flow into pages: at rendered breaks when the file has any, else at explicit ones. */
function paginate(blocks: Block[]): Item[][] {
  const rendered = blocks.some(
    (b) => (b.kind === "break" && b.type === "rendered") || (b.kind === "table" && b.grid.renderedBreakRows.length > 0),
  );
  const pages: Item[][] = [[]];
  const newPage = (soft: boolean) => {
    if (soft && pages.at(-1)!.length === 0) return;
    pages.push([]);
  };
  for (const b of blocks) {
    const page = () => pages.at(-1)!;
    if (b.kind === "break") {
      if (rendered ? b.type === "rendered" : b.type !== "rendered") newPage(b.type === "soft");
    } else if (b.kind === "para") {
      if (b.text)
        page().push({
          kind: "para",
          text: b.text,
          ...(b.headingLevel !== undefined ? { headingLevel: b.headingLevel } : {}),
          ...(b.marks ? { marks: b.marks } : {}),
        });
      for (const ref of b.images) page().push({ kind: "image", ref });
    } else {
      const cuts = rendered ? b.grid.renderedBreakRows : [];
      const bounds = [0, ...cuts.filter((r) => r > 0), b.grid.slots.length];
      if (cuts.includes(0)) newPage(false);
      for (let i = 0; i + 1 < bounds.length; i++) {
        if (i > 0) newPage(false);
        const from = bounds[i]!;
        const to = bounds[i + 1]!;
        const marks = new Map<Cell, TextMark[]>();
        page().push({ kind: "table", rows: gridRowsToCells(b.grid, from, to, marks), marks });
        for (let r = from; r < to; r++) {
          for (const cell of new Set(b.grid.slots[r])) if (cell.row === r) for (const ref of cell.images) page().push({ kind: "image", ref });
        }
      }
    }
  }
  return pages;
}
