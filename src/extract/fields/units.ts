/**
 * A document's lines as positioned units: OCR/PDF fragments of one phrase, whole table rows (with wrapped
 * cells folded back), DOCX table rows. Every extractor reads units, so layout is decided here once.
 */
import type { Box, Line } from "../../model.js";
import type { DocumentPages } from "../types.js";
import { amountTokens } from "./_internal/amount-token.js";

/** One source line with its place. */
export interface SrcLine {
  text: string;
  file: string;
  page: number;
  box?: Box;
  confidence: number;
  source: Line["source"];
  /** Position in Page.lines. */
  index: number;
  cell?: Line["cell"];
}

/** Source lines read together: OCR/PDF fragments of one phrase, or one DOCX table row. */
export interface Unit {
  text: string;
  parts: SrcLine[];
  file: string;
  page: number;
  box?: Box;
}

export function srcLines(input: DocumentPages): SrcLine[] {
  return input.pages.flatMap(({ file, page }) =>
    page.lines.map((l, index) => ({
      text: l.text, file: file.path, page: page.index, box: l.box, confidence: l.confidence, source: l.source, index, cell: l.cell,
    })),
  );
}

const union = (a: Box, b: Box): Box => {
  const x = Math.min(a.x, b.x), y = Math.min(a.y, b.y);
  return { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y };
};
export const sameRow = (a: Box, b: Box) =>
  Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) >= 0.5 * Math.min(a.h, b.h);

/** A unit from its cells (each cell one or more stacked lines, read without a break: CJK wraps mid-word). */
function unitOf(cells: SrcLine[][]): Unit {
  const parts = cells.flat();
  const first = parts[0]!;
  const box = parts.every((p) => p.box) ? parts.map((p) => p.box!).reduce(union) : undefined;
  const text = cells.map((c) => c.map((p) => p.text.trim()).join("")).join(" ");
  return { text, parts, file: first.file, page: first.page, box };
}

/**
 * Table cells that wrap put their second line on a row of its own. Such a row (no amount in it, fewer
 * cells than the row above, every cell left-aligned under one of that row's cells, no real gap) is folded
 * into the row above, cell by cell. At least one folded line must be narrower than the line above it: a
 * wrap's remainder is shorter than the full line, while a signature block's date under a name is as wide.
 */
function foldWrappedCells(rows: SrcLine[][][]): SrcLine[][][] {
  const out: SrcLine[][][] = [];
  for (const row of rows) {
    const prev = out.at(-1);
    const cells = row.map((c) => c[0]!);
    const top = Math.min(...cells.map((c) => c.box!.y));
    const h = Math.min(...cells.map((c) => c.box!.h));
    const prevBottom = prev ? Math.max(...prev.flat().map((l) => l.box!.y + l.box!.h)) : -Infinity;
    const under = prev && cells.map((c) => prev.findIndex((pc) => Math.abs(pc[0]!.box!.x - c.box!.x) <= Math.max(2, h * 0.3)));
    const narrower = (c: SrcLine, k: number) => c.box!.w < 0.95 * Math.max(...prev![under![k]!]!.map((l) => l.box!.w));
    const fold = prev && under && prev.length >= 2 && row.length < prev.length && under.every((k) => k >= 0) && cells.some(narrower) &&
      top - prevBottom < 0.8 * h && cells.every((c) => amountTokens(c.text).length === 0);
    if (!fold) {
      out.push(row);
      continue;
    }
    row.forEach((c, k) => prev[under[k]!]!.push(...c));
  }
  return out;
}

/** Boxed lines: rows by vertical overlap, then fragments split where the horizontal gap exceeds maxGap heights. */
function boxedUnits(lines: SrcLine[], maxGap: number): Unit[] {
  const rows: SrcLine[][] = [];
  for (const l of [...lines].sort((a, b) => a.box!.y - b.box!.y)) {
    const row = rows.find((r) => r.some((o) => sameRow(o.box!, l.box!)));
    if (row) row.push(l);
    else rows.push([l]);
  }
  // Whole rows keep each line as its own cell, for folding wrapped cells back.
  if (maxGap === Infinity) return foldWrappedCells(rows.map((r) => r.sort((a, b) => a.box!.x - b.box!.x).map((l) => [l]))).map(unitOf);
  const out: Unit[] = [];
  for (const row of rows) {
    row.sort((a, b) => a.box!.x - b.box!.x);
    let phrase: SrcLine[] = [];
    for (const l of row) {
      const prev = phrase.at(-1);
      if (prev && l.box!.x - (prev.box!.x + prev.box!.w) > maxGap * Math.min(prev.box!.h, l.box!.h)) {
        out.push(unitOf(phrase.map((p) => [p])));
        phrase = [];
      }
      phrase.push(l);
    }
    if (phrase.length) out.push(unitOf(phrase.map((p) => [p])));
  }
  return out;
}

/**
 * OCR'd lines that table-aware OCR placed in cells: one unit per table row, its cells in column order and
 * each cell's lines top to bottom — the grid decides, not the lines' heights, which a crooked scan skews.
 */
function cellUnits(lines: SrcLine[]): Unit[] {
  const rows = new Map<string, SrcLine[]>();
  for (const l of lines) {
    const key = `${l.cell!.table}:${l.cell!.row}`;
    rows.set(key, [...(rows.get(key) ?? []), l]);
  }
  return [...rows.values()].map((row) => {
    const cols = new Map<number, SrcLine[]>();
    for (const l of [...row].sort((a, b) => a.box!.y - b.box!.y)) cols.set(l.cell!.col, [...(cols.get(l.cell!.col) ?? []), l]);
    return unitOf([...cols.entries()].sort((a, b) => a[0] - b[0]).map(([, c]) => c));
  });
}

/** Units of one page in reading order: by top edge, a table row where its first line stands. */
const byTop = (a: Unit, b: Unit) => (a.box?.y ?? 0) - (b.box?.y ?? 0);

/** Lines without boxes (DOCX): one unit per paragraph, one per table row with its cells in column order. */
function flowUnits(lines: SrcLine[]): Unit[] {
  const groups: SrcLine[][] = [];
  const byRow = new Map<string, SrcLine[]>();
  for (const l of lines) {
    const key = l.cell ? `${l.cell.table}:${l.cell.row}` : null;
    const row = key ? byRow.get(key) : undefined;
    if (row) row.push(l);
    else {
      groups.push([l]);
      if (key) byRow.set(key, groups.at(-1)!);
    }
  }
  return groups.map((g) => {
    const cols = new Map<number, SrcLine[]>();
    for (const l of g) cols.set(l.cell?.col ?? -1, [...(cols.get(l.cell?.col ?? -1) ?? []), l]);
    return unitOf([...cols.entries()].sort((a, b) => a[0] - b[0]).map(([, c]) => c));
  });
}

/**
 * Lines grouped into units, page by page in reading order. Boxed lines on the same row join when the
 * horizontal gap is at most `maxGap` line heights (Infinity: whole table rows; small: one phrase OCR split
 * in two, while the two columns of a licence stay apart). DOCX lines, and with `maxGap` Infinity OCR'd
 * lines in table cells, join per table row.
 */
export function units(input: DocumentPages, maxGap = 1.5): Unit[] {
  return input.pages.flatMap(({ file, page }) => {
    const lines = srcLines({ document: input.document, pages: [{ file, page }] }).filter((l) => l.text.trim());
    const gridded = new Set(maxGap === Infinity ? lines.filter((l) => l.box && l.cell) : []);
    const boxed = [...boxedUnits(lines.filter((l) => l.box && !gridded.has(l)), maxGap), ...cellUnits([...gridded])];
    return [...(gridded.size ? boxed.sort(byTop) : boxed), ...flowUnits(lines.filter((l) => !l.box))];
  });
}
