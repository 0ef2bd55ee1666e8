/**
 * A text-layer page's lines with its ruled tables: every text item goes to the table cell whose box holds its
 * centre (an item that runs across a column rule is cut there first), lines are built per cell, so a narrow
 * column's wrapped label 「统一社会 / 信用代码」 stays one cell and never joins the value beside it. Lines outside
 * tables are built as before; each table's lines come where the table starts in reading order.
 */
import type { Line, Table } from "../../model.js";
import { buildLines, multiply, type FontStyleLike, type TextItemLike } from "./pdf-lines.js";
import { cellAt, joinCellLines, toTable, type Grid } from "./pdf-table.js";

export interface TabledLines {
  lines: Line[];
  tables: Table[];
}

const WIDE = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/u;

/** Rough advance of each character in em: full-width 1, space ¼, other ½. */
function advances(s: string): number[] {
  return [...s].map((c) => (WIDE.test(c) ? 1 : /\s/.test(c) ? 0.25 : 0.5));
}

interface Placed {
  item: TextItemLike;
  x0: number;
  x1: number;
  cy: number;
}

/** Page-space extent of an upright item, or null for text in another direction (assigned by its origin). */
function placeItem(item: TextItemLike, vt: readonly number[]): Placed {
  const m = multiply(vt, item.transform);
  const size = Math.hypot(m[2], m[3]);
  const upright = Math.abs(m[1]) < 0.05 * Math.abs(m[0]) && m[0] > 0;
  const x0 = m[4];
  const x1 = upright ? m[4] + item.width * Math.abs(vt[0] || 1) : m[4];
  return { item, x0, x1, cy: upright ? m[5] - 0.3 * size : m[5] };
}

/**
 * Cuts an upright item where it runs across an inner column rule at a blank (one run of text set over several cells,
 * as report generators do). Text that simply overflows its cell (Chromium lets an unbreakable number run past the
 * rule) has no blank there and stays whole; the item then belongs where it starts.
 */
function cutAt(p: Placed, grid: Grid, vt: readonly number[]): (Placed & { ax: number })[] {
  const inner = grid.xs.slice(1, -1).filter((x) => x > p.x0 + 1 && x < p.x1 - 1);
  const chars = [...p.item.str];
  if (inner.length === 0 || chars.length < 2 || p.x1 <= p.x0) return [firstChar(p)];
  const adv = advances(p.item.str);
  const scale = (p.x1 - p.x0) / (adv.reduce((a, b) => a + b, 0) || 1);
  const starts: number[] = [];
  for (let i = 0, x = p.x0; i < chars.length; x += adv[i++]! * scale) starts.push(x);
  const cuts: number[] = [];
  for (const edge of inner) {
    const at = starts.findIndex((x, i) => x + (adv[i]! * scale) / 2 >= edge);
    if (at <= 0) continue;
    const blank = [at - 2, at - 1, at, at + 1].find((i) => i > 0 && i < chars.length && /\s/.test(chars[i]!));
    if (blank !== undefined && !cuts.includes(blank)) cuts.push(blank);
  }
  if (cuts.length === 0) return [firstChar(p)];
  const out: (Placed & { ax: number })[] = [];
  const sx = vt[0] || 1;
  for (const [from, to] of [0, ...cuts.sort((a, b) => a - b)].map((c, i, all) => [c, all[i + 1] ?? chars.length] as const)) {
    const str = chars.slice(from, to).join("");
    if (!str.trim()) continue;
    const x0 = starts[from]!;
    const x1 = to < chars.length ? starts[to]! : p.x1;
    const transform = [...p.item.transform];
    transform[4] = transform[4]! + (x0 - p.x0) / sx;
    out.push(firstChar({ item: { ...p.item, str, width: (x1 - x0) / Math.abs(sx), transform }, x0, x1, cy: p.cy }));
  }
  return out;
}

/** Where an item is placed: the middle of its first character (≈ half an em in from its start). */
function firstChar(p: Placed): Placed & { ax: number } {
  const em = (p.x1 - p.x0) / Math.max(1, advances(p.item.str).reduce((a, b) => a + b, 0));
  return { ...p, ax: p.x0 + Math.min(em / 2, (p.x1 - p.x0) / 2) };
}

/** Lines of one cell, read top to bottom: runs on one baseline joined by a space, wrapped lines joined. */
function cellText(lines: readonly Line[]): string {
  const rows: Line[][] = [];
  for (const l of lines) {
    const row = rows.find((r) => r[0]!.box && l.box && Math.abs(r[0]!.box.y - l.box.y) < 0.5 * Math.min(r[0]!.box.h, l.box.h));
    if (row) row.push(l);
    else rows.push([l]);
  }
  return joinCellLines(rows.map((r) => r.sort((a, b) => (a.box?.x ?? 0) - (b.box?.x ?? 0)).map((l) => l.text).join(" ")));
}

export function linesWithTables(
  items: readonly TextItemLike[],
  styles: Record<string, FontStyleLike>,
  vt: readonly number[],
  grids: readonly Grid[],
  fontNames?: Readonly<Record<string, string>>,
): TabledLines {
  if (grids.length === 0) return { lines: buildLines(items, styles, vt, fontNames), tables: [] };
  const free: TextItemLike[] = [];
  const inCell = grids.map((g) => g.cells.map(() => [] as TextItemLike[]));
  for (const item of items) {
    if (!item.str.trim()) continue;
    const p = placeItem(item, vt);
    const g = grids.findIndex((gr) => p.cy >= gr.box.y && p.cy <= gr.box.y + gr.box.h && p.x1 > gr.box.x && p.x0 < gr.box.x + gr.box.w);
    if (g < 0) {
      free.push(item);
      continue;
    }
    const grid = grids[g]!;
    for (const piece of cutAt(p, grid, vt)) {
      const k = cellAt(grid, piece.ax, piece.cy);
      if (k < 0) free.push(piece.item);
      else inCell[g]![k]!.push(piece.item);
    }
  }
  const freeLines = buildLines(free, styles, vt, fontNames);
  const blocks = grids.map((grid, t) => {
    const lines: Line[] = [];
    const texts: string[] = [];
    grid.cells.forEach((cell, k) => {
      const own = buildLines(inCell[t]![k]!, styles, vt, fontNames).map((l) => ({ ...l, cell: { table: t, row: cell.row, col: cell.col } }));
      texts.push(cellText(own));
      lines.push(...own);
    });
    return { grid, lines, texts };
  });
  // Reading order: each table where it starts among the free lines.
  const lines: Line[] = [];
  const tables: Table[] = [];
  let next = 0;
  for (const l of freeLines) {
    while (next < blocks.length && (l.box?.y ?? 0) > blocks[next]!.grid.box.y) emit(blocks[next++]!);
    lines.push(l);
  }
  while (next < blocks.length) emit(blocks[next++]!);
  return { lines, tables };

  function emit(b: (typeof blocks)[number]): void {
    tables.push(toTable(b.grid, b.texts, lines.length));
    lines.push(...b.lines);
  }
}
