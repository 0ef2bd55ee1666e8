/**
 * The reader sees every source as cells with neighbours. DOCX and OCR'd scans with ruled tables give the grid
 * (ingest's ocr-table.ts finds the rules); text-layer PDFs and other scans give positioned lines that
 * ./layout.ts groups into cells (see there).
 */
import type { Box, Checkbox, Line } from "../../model.js";
import type { PageRef } from "../types.js";
import { labelKey } from "./label.js";
import { positionedSpace } from "./layout.js";

export interface FormCell {
  /** As written; the lines of a cell joined. */
  text: string;
  lines: Line[];
  ref: PageRef;
  /** Union of the lines' boxes (page units, top-left origin); absent for DOCX. */
  box?: Box;
  checkboxes?: Checkbox[];
  /** The cell's drawn bounds (ruled PDF tables), also when it is blank. */
  bounds?: Box;
  /** 0..1: the lowest line confidence. */
  confidence: number;
  /**
   * grid: the cell's bounds were drawn (DOCX, a PDF's ruling lines, a scan's ruled grid); position: guessed from where
   * lines stand (a table without rules) — a value read there may belong to a neighbouring cell.
   */
  placement: "grid" | "position";
}

export interface CellSpace {
  cells: FormCell[];
  /** The next cell to the right in the same row. */
  right(c: FormCell): FormCell | undefined;
  /** The next cell below in the same column. */
  below(c: FormCell): FormCell | undefined;
  sameRow(a: FormCell, b: FormCell): boolean;
  /** The cell in the row of `row` and the column of `col`. */
  at(row: FormCell, col: FormCell): FormCell | undefined;
  /** Cells above `c` in its column, nearest first. */
  above(c: FormCell): FormCell[];
  /**
   * A ruled table on a page: where a row broken by the page end goes on at the top of the next page's table (the
   * cell under the same columns, the label column left blank). Set by linkPageBreaks.
   */
  continuation?(c: FormCell): FormCell | undefined;
  /**
   * A table that goes on from the previous page without repeating its header row (「营业收入 | 9826.37 | 12483.16」
   * under a 「2023年 | 2024年」 header left on the page before): the previous page's cells over the same columns,
   * nearest first. Set by linkPageBreaks.
   */
  carriedAbove?(c: FormCell): FormCell[];
  /** Grid tables with boxes: the cells of the first row, and whether a cell reaches the last row. */
  firstRow?(): FormCell[];
  inLastRow?(c: FormCell): boolean;
}

/**
 * Rows that a page break split (Word's 「允许跨页断行」, on by default): the last ruled table of a page and the first of
 * the next are linked, so a value cell in the last row reads on into the cell under the same columns in the next
 * table's first row when every cell left of that one is blank.
 */
export function linkPageBreaks(spaces: CellSpace[], labels: readonly string[] = []): void {
  const page = (s: CellSpace) => s.cells[0]?.ref;
  // Ruled tables in page order (cellSpaces gives a page's tables top to bottom, then its loose lines).
  const grids = spaces.filter((s) => s.firstRow && s.inLastRow && page(s));
  for (let i = 0; i + 1 < grids.length; i++) {
    const [a, b] = [grids[i]!, grids[i + 1]!];
    const [pa, pb] = [page(a)!, page(b)!];
    if (pa.file !== pb.file || pb.page.index !== pa.page.index + 1) continue;
    const overlapX = (p: FormCell, q: FormCell) =>
      Math.min(p.bounds!.x + p.bounds!.w, q.bounds!.x + q.bounds!.w) - Math.max(p.bounds!.x, q.bounds!.x) >
      0.5 * Math.min(p.bounds!.w, q.bounds!.w);
    b.carriedAbove = (c) =>
      c.bounds ? a.cells.filter((o) => o.bounds && overlapX(o, c)).sort((x, y) => y.bounds!.y - x.bounds!.y) : [];
    const first = b.firstRow!().sort((x, y) => x.bounds!.x - y.bounds!.x);
    joinSplitLabels(a, first, overlapX, new Set(labels));
    a.continuation = (c) => {
      if (!a.inLastRow!(c) || !c.bounds) return undefined;
      const [l, r] = [c.bounds.x, c.bounds.x + c.bounds.w];
      const overlap = (o: FormCell) => Math.min(r, o.bounds!.x + o.bounds!.w) - Math.max(l, o.bounds!.x);
      const under = first.find((o) => overlap(o) > 0.5 * Math.min(r - l, o.bounds!.w));
      if (!under || under.text.trim() === "") return undefined;
      return first.filter((o) => o.bounds!.x < under.bounds!.x).every((o) => o.text.trim() === "") ? under : undefined;
    };
  }
}

/**
 * One space per DOCX table; one per positioned page. DOCX lines outside tables are not cells. `labels` (normalised)
 * help cut OCR lines that run across cells.
 */
export function cellSpaces(ref: PageRef, labels: readonly string[] = []): CellSpace[] {
  const positioned = ref.page.unit !== "none" && ref.page.lines.some((l) => l.box);
  if (ref.page.tables.length === 0) return positioned ? [positionedSpace(ref, labels)] : [];
  const tables = ref.page.tables.map((_, t) => docxSpace(ref, t));
  // A text layer's lines outside its ruled tables (a table without rules beside one with them, 「单位名称：…」 lines)
  // are read by position; an OCR'd page's are not: there they are headings and specks around the grid.
  if (!positioned || ref.page.source === "ocr") return tables;
  const loose = ref.page.lines.filter((l) => l.box && !l.cell);
  return loose.length > 0 ? [...tables, positionedSpace(ref, labels, loose)] : tables;
}

interface GridPos {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
}

function union(a: Box, b: Box): Box {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y };
}

function docxSpace(ref: PageRef, t: number): CellSpace {
  const table = ref.page.tables[t]!;
  const pos = new Map<FormCell, GridPos>();
  const byOrigin = new Map<string, FormCell>();
  const cells: FormCell[] = [];
  table.rows.forEach((row) =>
    row.forEach((cell) => {
      const [r, c] = cell.origin;
      const id = `${r},${c}`;
      if (byOrigin.has(id)) return;
      const lines = ref.page.lines.filter((l) => l.cell?.table === t && l.cell.row === r && l.cell.col === c);
      // OCR'd tables (scanned forms) have positioned lines: the cell has their box and weakest confidence.
      const boxes = lines.flatMap((l) => (l.box ? [l.box] : []));
      const fc: FormCell = {
        text: cell.text,
        lines,
        ref,
        confidence: Math.min(1, ...lines.map((l) => l.confidence)),
        placement: "grid",
        ...(cell.box ? { bounds: cell.box } : {}),
        ...(boxes.length > 0 && boxes.length === lines.length ? { box: boxes.reduce(union) } : {}),
        ...(cell.checkboxes ? { checkboxes: cell.checkboxes } : {}),
      };
      byOrigin.set(id, fc);
      pos.set(fc, { row: r, col: c, rowSpan: cell.rowSpan, colSpan: cell.colSpan });
      cells.push(fc);
    }),
  );
  const slot = (r: number, c: number): FormCell | undefined => {
    const cell = table.rows[r]?.[c];
    return cell ? byOrigin.get(`${cell.origin[0]},${cell.origin[1]}`) : undefined;
  };
  const p = (c: FormCell) => pos.get(c)!;
  const inRow = (c: FormCell, r: number) => p(c).row <= r && r < p(c).row + p(c).rowSpan;
  const boxed = cells.every((c) => c.bounds);
  return {
    ...(boxed
      ? {
          firstRow: () => cells.filter((c) => p(c).row === 0),
          inLastRow: (c: FormCell) => p(c).row + p(c).rowSpan === table.rows.length,
        }
      : {}),
    cells,
    right: (c) => {
      const { row, col, colSpan } = p(c);
      return slot(row, col + colSpan);
    },
    below: (c) => {
      const { row, col, rowSpan } = p(c);
      return slot(row + rowSpan, col);
    },
    sameRow: (a, b) => inRow(a, p(b).row) || inRow(b, p(a).row),
    at: (row, col) => slot(p(row).row, p(col).col),
    above: (c) => {
      const out: FormCell[] = [];
      for (let r = p(c).row - 1; r >= 0; r--) {
        const s = slot(r, p(c).col);
        if (s && s !== out.at(-1) && s !== c) out.push(s);
      }
      return out;
    },
  };
}

/**
 * A label the page break cut in two (「营业收」 at the foot of one page, 「入（万元）」 at the head of the next): when the
 * two parts make a label of the form and the first alone does not, the first cell takes the whole label and the
 * second is left blank, so the row reads as one.
 */
function joinSplitLabels(
  a: CellSpace,
  first: readonly FormCell[],
  overlapX: (p: FormCell, q: FormCell) => boolean,
  labels: ReadonlySet<string>,
): void {
  if (labels.size === 0) return;
  for (const top of a.cells.filter((c) => c.bounds && a.inLastRow!(c))) {
    const under = first.find((o) => overlapX(top, o));
    if (!under || !top.text.trim() || !under.text.trim() || labels.has(labelKey(top.text))) continue;
    if (!labels.has(labelKey(top.text + under.text))) continue;
    top.text += under.text;
    top.lines = [...top.lines, ...under.lines];
    under.text = "";
    under.lines = [];
  }
}
