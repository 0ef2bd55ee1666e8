/**
 * Word tables as grids. A w:tc covers `gridSpan` grid columns; vertical merges are a "restart" cell
 * followed by "continue" cells in the rows below at the same grid column. Both are resolved so every grid
 * position holds its merged cell, and the grid can be cut into per-page pieces at row boundaries.
 */
import type { Cell, TextMark } from "../../model.js";
import { parseCheckboxes } from "./docx-checkboxes.js";
import { joinPieces, paragraphPieces, paragraphText, sliceMarks, type ImageRef } from "./docx-runs.js";
import { attr, child, children, localName, type Element } from "./docx-xml.js";

export interface GridCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  /** The cell's paragraphs (nested tables flattened into them). */
  paragraphs: string[];
  /** Run emphasis of each paragraph, as ranges of its text (./docx-runs.ts); parallel to `paragraphs`. */
  marks: TextMark[][];
  images: ImageRef[];
}

export interface Grid {
  /** slots[row][col]: the cell covering that grid position. */
  slots: GridCell[][];
  /** Rows that Word laid out at the top of a new page (a w:lastRenderedPageBreak inside them). */
  renderedBreakRows: number[];
}

/**
 * Word allows 63 columns; a table claiming more (`<w:gridSpan w:val="2000000000"/>` in a 64 KB file once aborted the
 * process filling two billion grid slots) is read up to this width.
 */
const MAX_GRID_COLUMNS = 256;

/** A span or skip count from the XML as a sane integer: at least `min`, at most the grid width. */
function clampSpan(value: string | undefined, min: number): number {
  const n = Math.trunc(Number(value));
  return Number.isFinite(n) ? Math.min(MAX_GRID_COLUMNS, Math.max(min, n)) : min;
}

/** Row-level and cell-level wrappers (content controls, custom XML) around w:tr / w:tc. */
function unwrap(el: Element, name: string): Element[] {
  const out: Element[] = [];
  for (const c of children(el)) {
    const n = localName(c);
    if (n === name) out.push(c);
    else if (n === "sdt") out.push(...unwrap(child(c, "sdtContent") ?? c, name));
    else if (n === "customXml" || n === "sdtContent") out.push(...unwrap(c, name));
  }
  return out;
}

export function readGrid(tbl: Element): Grid {
  const slots: GridCell[][] = [];
  const renderedBreakRows: number[] = [];
  unwrap(tbl, "tr").forEach((tr, r) => {
    const row: GridCell[] = (slots[r] = []);
    let col = clampSpan(attr(child(child(tr, "trPr"), "gridBefore"), "val"), 0);
    let rendered = false;
    for (const tc of unwrap(tr, "tc")) {
      const tcPr = child(tc, "tcPr");
      const span = clampSpan(attr(child(tcPr, "gridSpan"), "val"), 1);
      // A row wider than any Word table (63 columns) is a damaged or hostile file: the rest of it is dropped.
      if (col + span > MAX_GRID_COLUMNS) break;
      const vMerge = child(tcPr, "vMerge");
      const content = readCellContent(tc);
      rendered ||= content.rendered;
      const above = slots[r - 1]?.[col];
      const continues = vMerge !== undefined && attr(vMerge, "val") !== "restart";
      let cell: GridCell;
      if (continues && above && above.col === col && above.row + above.rowSpan === r) {
        cell = above;
        cell.rowSpan += 1;
        // Word empties continuation cells when merging; keep any text that is there anyway.
        content.paragraphs.forEach((p, i) => {
          if (!p.trim()) return;
          cell.paragraphs.push(p);
          cell.marks.push(content.marks[i]!);
        });
        cell.images.push(...content.images);
      } else {
        cell = { row: r, col, rowSpan: 1, colSpan: span, paragraphs: content.paragraphs, marks: content.marks, images: content.images };
      }
      for (let c = col; c < col + span; c++) row[c] = cell;
      col += span;
    }
    if (rendered) renderedBreakRows.push(r);
  });
  // Ragged rows (gridBefore/gridAfter, hand-made XML): fill the holes with empty cells.
  const width = Math.max(0, ...slots.map((r) => r.length));
  slots.forEach((row, r) => {
    for (let c = 0; c < width; c++) {
      row[c] ??= { row: r, col: c, rowSpan: 1, colSpan: 1, paragraphs: [], marks: [], images: [] };
    }
  });
  return { slots, renderedBreakRows };
}

function readCellContent(tc: Element): { paragraphs: string[]; marks: TextMark[][]; images: ImageRef[]; rendered: boolean } {
  const paragraphs: string[] = [];
  const marks: TextMark[][] = [];
  const images: ImageRef[] = [];
  let rendered = false;
  const visit = (el: Element) => {
    for (const c of children(el)) {
      const n = localName(c);
      if (n === "p") {
        const pieces = paragraphPieces(c);
        for (const piece of pieces) {
          if (piece.kind === "image") images.push(piece.ref);
          else if (piece.kind === "break" && piece.type === "rendered") rendered = true;
        }
        const joined = joinPieces(pieces);
        paragraphs.push(joined.text);
        marks.push(joined.marks);
      } else if (n === "tbl") {
        for (const row of nestedTableText(c)) {
          paragraphs.push(row);
          marks.push([]);
        }
      } else if (n === "sdt") {
        visit(child(c, "sdtContent") ?? c);
      } else if (n === "customXml") {
        visit(c);
      }
    }
  };
  visit(tc);
  return { paragraphs, marks, images, rendered };
}

/** A nested table as text: one paragraph per row, its cells separated by tabs. */
function nestedTableText(tbl: Element): string[] {
  return unwrap(tbl, "tr").map((tr) =>
    unwrap(tr, "tc")
      .map((tc) => children(tc, "p").map(paragraphText).join(" ").trim())
      .join("\t"),
  );
}

export function cellText(cell: GridCell): string {
  return markedCellText(cell).text;
}

/** The cell's text (paragraphs trimmed, one per line) and its paragraphs' marks as ranges of that text. */
function markedCellText(cell: GridCell): { text: string; marks: TextMark[] } {
  let joined = "";
  const marks: TextMark[] = [];
  cell.paragraphs.forEach((p, i) => {
    if (i > 0) joined += "\n";
    const lead = p.length - p.trimStart().length;
    const t = p.trim();
    marks.push(...sliceMarks(cell.marks[i] ?? [], lead, lead + t.length, joined.length));
    joined += t;
  });
  const lead = joined.length - joined.trimStart().length;
  const text = joined.trim();
  return { text, marks: sliceMarks(marks, lead, lead + text.length) };
}

/**
 * The model cells of grid rows [from, to): merged cells that cross the cut are clipped to it, so each
 * page's table is a complete grid of its own. `cellMarks`, when given, receives each cell's run emphasis as
 * ranges of its text (for the cell's Line).
 */
export function gridRowsToCells(grid: Grid, from: number, to: number, cellMarks?: Map<Cell, TextMark[]>): Cell[][] {
  const made = new Map<GridCell, Cell>();
  return grid.slots.slice(from, to).map((row) =>
    row.map((g) => {
      let cell = made.get(g);
      if (!cell) {
        const top = Math.max(g.row, from);
        const { text, marks } = markedCellText(g);
        const boxes = parseCheckboxes(text);
        cell = {
          text,
          rowSpan: Math.min(g.row + g.rowSpan, to) - top,
          colSpan: g.colSpan,
          origin: [top - from, g.col],
          ...(boxes.length ? { checkboxes: boxes } : {}),
        };
        if (marks.length) cellMarks?.set(cell, marks);
        made.set(g, cell);
      }
      return cell;
    }),
  );
}
