/**
 * Lattice tables of a text-layer PDF page: the grid the page's ruling lines (./pdf-rules.ts) draw, its merged
 * cells, and the cell each text line belongs to — the same Table/Cell grid that DOCX and scanned tables produce, so
 * the form reader has one path for all three. Learnt from pdfplumber's and Camelot's lattice mode: rules are
 * snapped and joined, tables are the connected sets of crossing rules, two neighbouring grid slots are one cell
 * when no rule separates them.
 */
import type { Box, Cell, Table } from "../../model.js";
import type { Rule } from "./pdf-rules.js";

/** Rules closer than this (pt) across their direction are one rule (double borders, 1-px boxes' two edges). */
const SNAP = 2.5;
/** Collinear pieces with a gap up to this (pt) join; a rule reaches a crossing rule within it. */
const JOIN = 3;
/** Grid bands thinner than this (pt) hold no text: the second line of a double border. */
const MIN_BAND = 4;
/** At most this many grid slots per table (a hatched drawing is no form). */
const MAX_SLOTS = 5_000;

export interface Grid {
  /** Column edges left to right and row edges top to bottom (pt, page space). */
  xs: number[];
  ys: number[];
  /** Cell boxes by origin, with their span. */
  cells: GridCell[];
  /** [row][col] → index into cells. */
  slots: number[][];
  box: Box;
}

export interface GridCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  box: Box;
}

function cluster(values: number[], tol: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const v of sorted) {
    const last = out.at(-1);
    if (last && v - last.at(-1)! <= tol) last.push(v);
    else out.push([v]);
  }
  return out.map((g) => g.reduce((a, b) => a + b, 0) / g.length);
}

/** Snaps rules of one direction onto shared positions and joins collinear pieces. */
function mergeRules(rules: Rule[]): Rule[] {
  const positions = cluster(
    rules.map((r) => r.at),
    SNAP,
  );
  const snap = (v: number) => positions.reduce((best, p) => (Math.abs(p - v) < Math.abs(best - v) ? p : best), positions[0]!);
  const byPos = new Map<number, Rule[]>();
  for (const r of rules) {
    const p = snap(r.at);
    byPos.set(p, [...(byPos.get(p) ?? []), { ...r, at: p }]);
  }
  const out: Rule[] = [];
  for (const group of byPos.values()) {
    group.sort((a, b) => a.from - b.from);
    let cur = { ...group[0]! };
    for (const r of group.slice(1)) {
      if (r.from <= cur.to + JOIN) cur.to = Math.max(cur.to, r.to);
      else {
        out.push(cur);
        cur = { ...r };
      }
    }
    out.push(cur);
  }
  return out;
}

const crosses = (h: Rule, v: Rule) =>
  v.at >= h.from - JOIN && v.at <= h.to + JOIN && h.at >= v.from - JOIN && h.at <= v.to + JOIN;

/** Connected sets of crossing rules: one per table drawn on the page. */
function components(hs: Rule[], vs: Rule[]): { hs: Rule[]; vs: Rule[] }[] {
  const all = [...hs, ...vs];
  const parent = all.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  hs.forEach((h, i) =>
    vs.forEach((v, j) => {
      if (crosses(h, v)) parent[find(i)] = find(hs.length + j);
    }),
  );
  const groups = new Map<number, { hs: Rule[]; vs: Rule[] }>();
  all.forEach((r, i) => {
    const root = find(i);
    const g = groups.get(root) ?? { hs: [], vs: [] };
    (r.dir === "h" ? g.hs : g.vs).push(r);
    groups.set(root, g);
  });
  return [...groups.values()];
}

/** Edges that bound bands of at least MIN_BAND; the rest are the other half of a double border. */
function edges(values: number[]): number[] {
  const out: number[] = [];
  for (const v of cluster(values, SNAP)) if (out.length === 0 || v - out.at(-1)! >= MIN_BAND) out.push(v);
  return out;
}

/**
 * Edges where the rules of the other direction run on past the last rule of this one: a table drawn without side
 * borders (horizontal rules reach past the outer verticals), a row a page break cut open (Chromium draws the cut
 * fragment without its bottom or top border, the verticals run to the page end). The open side is closed there.
 */
function openEdges(edgesAt: number[], crossFrom: number, crossTo: number): { first?: number; last?: number } {
  return {
    ...(edgesAt[0]! - crossFrom >= MIN_BAND ? { first: crossFrom } : {}),
    ...(crossTo - edgesAt.at(-1)! >= MIN_BAND ? { last: crossTo } : {}),
  };
}

function gridOf(hs: Rule[], vs: Rule[]): Grid | null {
  const xs = edges(vs.map((v) => v.at));
  const ys = edges(hs.map((h) => h.at));
  if (xs.length < 1 || ys.length < 1) return null;
  const openX = openEdges(xs, Math.min(...hs.map((h) => h.from)), Math.max(...hs.map((h) => h.to)));
  const openY = openEdges(ys, Math.min(...vs.map((v) => v.from)), Math.max(...vs.map((v) => v.to)));
  if (openX.first !== undefined) xs.unshift(openX.first);
  if (openX.last !== undefined) xs.push(openX.last);
  if (openY.first !== undefined) ys.unshift(openY.first);
  if (openY.last !== undefined) ys.push(openY.last);
  if (xs.length < 2 || ys.length < 2 || (xs.length - 1) * (ys.length - 1) > MAX_SLOTS) return null;
  const near = (a: number, b: number) => Math.abs(a - b) <= SNAP + 0.5;
  const closesX = (j: number) => (j === 0 && openX.first !== undefined) || (j === xs.length - 1 && openX.last !== undefined);
  const closesY = (i: number) => (i === 0 && openY.first !== undefined) || (i === ys.length - 1 && openY.last !== undefined);
  // Is the slot boundary at column edge j between rows r and r+1 drawn?
  const vDrawn = (j: number, r: number) =>
    closesX(j) || vs.some((v) => near(v.at, xs[j]!) && v.from <= ys[r]! + JOIN && v.to >= ys[r + 1]! - JOIN);
  const hDrawn = (i: number, c: number) =>
    closesY(i) || hs.some((h) => near(h.at, ys[i]!) && h.from <= xs[c]! + JOIN && h.to >= xs[c + 1]! - JOIN);
  const rows = ys.length - 1;
  const cols = xs.length - 1;
  const id = (r: number, c: number) => r * cols + c;
  const parent = Array.from({ length: rows * cols }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const join = (a: number, b: number) => (parent[find(a)] = find(b));
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      if (c + 1 < cols && !vDrawn(c + 1, r)) join(id(r, c), id(r, c + 1));
      if (r + 1 < rows && !hDrawn(r + 1, c)) join(id(r, c), id(r + 1, c));
    }
  const spans = new Map<number, { r0: number; r1: number; c0: number; c1: number }>();
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const root = find(id(r, c));
      const s = spans.get(root);
      if (!s) spans.set(root, { r0: r, r1: r, c0: c, c1: c });
      else Object.assign(s, { r0: Math.min(s.r0, r), r1: Math.max(s.r1, r), c0: Math.min(s.c0, c), c1: Math.max(s.c1, c) });
    }
  // A span that is not a rectangle of its own slots (an L-shaped hole in the rules) takes its bounding rectangle;
  // slots it then covers belong to it, in row-major order of first claim.
  const slots: number[][] = Array.from({ length: rows }, () => Array<number>(cols).fill(-1));
  const cells: GridCell[] = [];
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      if (slots[r]![c]! >= 0) continue;
      const s = spans.get(find(id(r, c)))!;
      let c1 = s.c1;
      let r1 = s.r1;
      // Never claim a slot already taken.
      for (let cc = c; cc <= c1; cc++) if (slots[r]![cc]! >= 0) c1 = cc - 1;
      for (let rr = r; rr <= r1; rr++) if (slots[rr]!.slice(c, c1 + 1).some((x) => x >= 0)) r1 = rr - 1;
      const k = cells.length;
      for (let rr = r; rr <= r1; rr++) for (let cc = c; cc <= c1; cc++) slots[rr]![cc] = k;
      cells.push({
        row: r,
        col: c,
        rowSpan: r1 - r + 1,
        colSpan: c1 - c + 1,
        box: { x: xs[c]!, y: ys[r]!, w: xs[c1 + 1]! - xs[c]!, h: ys[r1 + 1]! - ys[r]! },
      });
    }
  // A frame around text, or a box with separators (a single column): not a table of labels and values.
  if (cells.length < 2 || cols < 2) return null;
  const box = { x: xs[0]!, y: ys[0]!, w: xs.at(-1)! - xs[0]!, h: ys.at(-1)! - ys[0]! };
  return { xs, ys, cells, slots, box };
}

/** The ruled tables of a page, top to bottom. */
export function findGrids(rules: readonly Rule[]): Grid[] {
  const hs = mergeRules(rules.filter((r) => r.dir === "h"));
  const vs = mergeRules(rules.filter((r) => r.dir === "v"));
  return components(hs, vs)
    // Crossing rules of both directions; one of a direction is enough when the other closes it (a fragment of a row
    // a page break cut: its verticals and one border).
    .filter((g) => g.hs.length >= 1 && g.vs.length >= 1 && g.hs.length + g.vs.length >= 3)
    .map((g) => gridOf(g.hs, g.vs))
    .filter((g): g is Grid => g !== null)
    .sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x);
}

/** The cell (index into grid.cells) whose box holds the point, or -1. */
export function cellAt(grid: Grid, x: number, y: number): number {
  const col = grid.xs.findIndex((v, i) => i + 1 < grid.xs.length && x >= v && x < grid.xs[i + 1]!);
  const row = grid.ys.findIndex((v, i) => i + 1 < grid.ys.length && y >= v && y < grid.ys[i + 1]!);
  return col < 0 || row < 0 ? -1 : grid.slots[row]![col]!;
}

/**
 * Lines of one cell joined as one text: CJK wraps mid-word and a number broken across lines (「027-8765000」
 * 「1」) is one number, so lines join without a space, except between two Latin letters (a wrapped English phrase).
 */
export function joinCellLines(texts: readonly string[]): string {
  let out = "";
  for (const t of texts.map((s) => s.trim()).filter((s) => s !== "")) {
    out += out !== "" && /[A-Za-z]$/.test(out) && /^[A-Za-z]/.test(t) ? ` ${t}` : t;
  }
  return out;
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/** The grid as the model's Table: every slot holds its cell's text, span and origin. */
export function toTable(grid: Grid, texts: readonly string[], lineIndex: number): Table {
  const rows: Cell[][] = grid.slots.map((row) =>
    row.map((k) => {
      const c = grid.cells[k]!;
      const box = { x: round2(c.box.x), y: round2(c.box.y), w: round2(c.box.w), h: round2(c.box.h) };
      return { text: texts[k] ?? "", rowSpan: c.rowSpan, colSpan: c.colSpan, origin: [c.row, c.col] as [number, number], box };
    }),
  );
  return { rows, lineIndex };
}
