/**
 * Reading order of text runs: row by row, left to right, except inside a two-column text block, where the
 * whole left column comes before the right one.
 *
 * A two-column block is a run of consecutive rows sharing a vertical white "gutter" that no run crosses.
 * Tables also have such gutters, and reading a label|value table column-wise would ruin it, so a block
 * counts as prose columns only when it looks like prose: the two sides are about equally wide, each side
 * of a row is a single run (a table row usually has several cells per side), and both sides have lines
 * that fill their column. Only two columns are recognised; three or more fall back to row order.
 */
export interface Run {
  text: string;
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  fontSize?: number;
}

interface Gutter {
  x0: number;
  x1: number;
}

const MIN_GUTTER_EM = 0.8;
const MIN_SIDE_ROWS = 3;
/** The gutter must lie in this middle share of the text area's width. */
const GUTTER_BAND = [0.25, 0.75] as const;

const sizeOf = (r: Run) => r.fontSize ?? r.bottom - r.top;

/** `free` minus the x extents of the row's runs. */
function subtract(free: readonly Gutter[], row: readonly Run[]): Gutter[] {
  let parts = [...free];
  for (const r of row) {
    parts = parts.flatMap((p) => {
      if (r.x1 <= p.x0 || r.x0 >= p.x1) return [p];
      const out: Gutter[] = [];
      if (r.x0 > p.x0) out.push({ x0: p.x0, x1: r.x0 });
      if (r.x1 < p.x1) out.push({ x0: r.x1, x1: p.x1 });
      return out;
    });
  }
  return parts;
}

/**
 * The longest run of rows from `start` that keeps a white vertical strip at least `minWidth` wide in the
 * middle band of the text area, and the widest such strip.
 */
function findBlock(rows: readonly Run[][], start: number, band: Gutter, minWidth: number): { end: number; gutter: Gutter } | null {
  const wide = (parts: Gutter[]) => parts.filter((p) => p.x1 - p.x0 >= minWidth);
  let free = wide(subtract([band], rows[start]!));
  if (free.length === 0) return null;
  let end = start + 1;
  for (; end < rows.length; end++) {
    const next = wide(subtract(free, rows[end]!));
    if (next.length === 0) break;
    free = next;
  }
  const gutter = free.sort((a, b) => b.x1 - b.x0 - (a.x1 - a.x0))[0]!;
  return { end, gutter };
}

function looksLikeProse(rows: readonly Run[][], g: Gutter): boolean {
  const left = rows.map((row) => row.filter((r) => r.x1 <= g.x0));
  const right = rows.map((row) => row.filter((r) => r.x0 >= g.x1));
  if (left.filter((l) => l.length > 0).length < MIN_SIDE_ROWS) return false;
  if (right.filter((r) => r.length > 0).length < MIN_SIDE_ROWS) return false;
  const multi = left.concat(right).filter((side) => side.length > 1).length;
  if (multi > rows.length * 0.1) return false;
  const lx0 = Math.min(...left.flat().map((r) => r.x0));
  const rx1 = Math.max(...right.flat().map((r) => r.x1));
  const lw = g.x0 - lx0;
  const rw = rx1 - g.x1;
  if (Math.min(lw, rw) / Math.max(lw, rw) < 0.6) return false;
  const fills = (side: Run[][], edge: (r: Run) => number, width: number) =>
    side.some((s) => s.length === 1 && edge(s[0]!) >= 0.85 * width);
  return fills(left, (r) => r.x1 - lx0, lw) && fills(right, (r) => rx1 - r.x0, rw);
}

/** Flattens rows of runs (each row sorted by x) into reading order. */
export function orderRows(rows: readonly Run[][]): Run[] {
  const all = rows.flat();
  if (all.length === 0) return [];
  const left = Math.min(...all.map((r) => r.x0));
  const width = Math.max(...all.map((r) => r.x1)) - left;
  const band = { x0: left + width * GUTTER_BAND[0], x1: left + width * GUTTER_BAND[1] };
  const out: Run[] = [];
  let i = 0;
  while (i < rows.length) {
    const row = rows[i]!;
    const block = findBlock(rows, i, band, MIN_GUTTER_EM * Math.max(...row.map(sizeOf)));
    if (block && block.end - i >= 2 * MIN_SIDE_ROWS && looksLikeProse(rows.slice(i, block.end), block.gutter)) {
      const { end, gutter } = block;
      for (const r of rows.slice(i, end)) out.push(...r.filter((x) => x.x1 <= gutter.x0));
      for (const r of rows.slice(i, end)) out.push(...r.filter((x) => x.x0 >= gutter.x1));
      i = end;
    } else {
      out.push(...row);
      i++;
    }
  }
  return out;
}
