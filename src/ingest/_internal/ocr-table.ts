/**
 * Ruled tables on scanned pages: the grid of each table found in the pixels and tesseract's words assigned to its
 * cells, so an OCR'd form comes out as the same Table/Cell structure a DOCX gives (merged cells resolved, one
 * Table per ruled table on the page, each with its own columns) and its lines stop at the rules. Tesseract's
 * page pass reads across rules and rows (「注册地4一 … 元） T」, 7318.62 as 「yo1e 6)」); cells it read weakly are
 * read again alone from a crop inside their rules (weakCells, run by ocr-engine.ts), which on the fixture forms
 * turned every such cell right at 5–15% of the page's OCR time.
 *
 * Rules are long dark runs: horizontal ones at least H_MIN of the page width, vertical ones at least V_MIN px
 * tall, and a vertical one must end on horizontal ones at both ends (a cell border), which no character stroke
 * and no fill-in underline does. A band between two horizontal rules that no vertical rule crosses (a heading or
 * a gap between two tables) ends one table and starts the next (findGrids). A page fed crooked (1–3°) has no
 * such runs; when no grid is found, the skew is measured (projection profile of the dark pixels) and, when a
 * long dark line runs along it, the grids looked for again on the page turned straight, which is then the image tesseract reads, so words, rules and
 * cell crops share one frame (findGridDeskewed).
 */
import type { Box, Cell, Line, Table } from "../../model.js";
import { cleanOcrText, wordRuns, type TesseractBlocks, type TesseractWord as Word } from "./ocr-text.js";

/** A horizontal rule spans at least this share of the page width (a narrow cell's border still does, 2 cells). */
const H_MIN = 0.08;
/** Vertical rules at least this tall (px of the prepared ~300 dpi image): one table row. */
const V_MIN = 40;
/** Dark pixels within this many px of a run still continue it (JPEG noise, thin dashes). */
const RUN_GAP = 2;
/** Rule ends and crossings agree within this many px. */
const TOL = 6;

interface HRule {
  y: number;
  x0: number;
  x1: number;
}
interface VRule {
  x: number;
  y0: number;
  y1: number;
}

export interface Grid {
  /** Column boundaries (x) and row boundaries (y), ascending, in prepared-image px. */
  xs: number[];
  ys: number[];
  /** Group id per grid position [row][col]: positions with one id are one merged cell. */
  groups: number[][];
}

function otsu(data: Uint8Array): number {
  const hist = new Float64Array(256);
  for (let i = 0; i < data.length; i++) hist[data[i]!]!++;
  let sum = 0;
  for (let t = 0; t < 256; t++) sum += t * hist[t]!;
  let sumB = 0;
  let weightB = 0;
  let best = -1;
  let threshold = 128;
  for (let t = 0; t < 256; t++) {
    weightB += hist[t]!;
    if (weightB === 0) continue;
    const weightF = data.length - weightB;
    if (weightF === 0) break;
    sumB += t * hist[t]!;
    const between = weightB * weightF * (sumB / weightB - (sum - sumB) / weightF) ** 2;
    if (between > best) {
      best = between;
      threshold = t;
    }
  }
  return threshold;
}

type Run = { at: number; from: number; to: number };

/**
 * Runs of dark pixels at least `hMin` long along rows and `vMin` long down columns, allowing RUN_GAP light
 * pixels inside a run. One row-major pass: columns keep their open run in typed arrays.
 */
function darkRuns(
  data: Uint8Array,
  width: number,
  height: number,
  dark: number,
  hMin: number,
  vMin: number,
): { h: Run[]; v: Run[] } {
  const h: Run[] = [];
  const v: Run[] = [];
  const vStart = new Int32Array(width).fill(-1);
  const vLast = new Int32Array(width).fill(-1);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let start = -1;
    let last = -1;
    for (let x = 0; x < width; x++) {
      if (data[row + x]! > dark) continue;
      if (start >= 0 && x - last > RUN_GAP + 1) {
        if (last - start + 1 >= hMin) h.push({ at: y, from: start, to: last });
        start = x;
      } else if (start < 0) start = x;
      last = x;
      if (vStart[x]! >= 0 && y - vLast[x]! > RUN_GAP + 1) {
        if (vLast[x]! - vStart[x]! + 1 >= vMin) v.push({ at: x, from: vStart[x]!, to: vLast[x]! });
        vStart[x] = y;
      } else if (vStart[x]! < 0) vStart[x] = y;
      vLast[x] = y;
    }
    if (start >= 0 && last - start + 1 >= hMin) h.push({ at: y, from: start, to: last });
  }
  for (let x = 0; x < width; x++) {
    if (vStart[x]! >= 0 && vLast[x]! - vStart[x]! + 1 >= vMin) v.push({ at: x, from: vStart[x]!, to: vLast[x]! });
  }
  v.sort((a, b) => a.at - b.at || a.from - b.from);
  return { h, v };
}

/** A rule is at most this many scan lines thick; more is a solid block (a filled cell, a logo). */
const MAX_THICKNESS = 12;

/**
 * Runs on neighbouring scan lines that overlap are one rule (rules are 1–5 px thick). Thickness counts scan
 * lines, not runs: on a page turned straight, a rule drawn grey across two columns is one long run beside many
 * short ones.
 */
function mergeRuns<T>(found: Run[], make: (at: number, from: number, to: number) => T): T[] {
  const open: { at: number[]; from: number; to: number; lastAt: number }[] = [];
  const done: typeof open = [];
  for (const r of found) {
    const o = open.find((x) => r.at - x.lastAt <= 1 + RUN_GAP && r.from <= x.to && r.to >= x.from);
    if (o) {
      o.at.push(r.at);
      o.from = Math.min(o.from, r.from);
      o.to = Math.max(o.to, r.to);
      o.lastAt = r.at;
    } else open.push({ at: [r.at], from: r.from, to: r.to, lastAt: r.at });
    for (let i = open.length - 1; i >= 0; i--) {
      if (r.at - open[i]!.lastAt > 1 + RUN_GAP) done.push(...open.splice(i, 1));
    }
  }
  return [...done, ...open]
    .filter((o) => new Set(o.at).size <= MAX_THICKNESS)
    .map((o) => make(Math.round(o.at.reduce((s, v) => s + v, 0) / o.at.length), o.from, o.to));
}

function cluster(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const v of sorted) {
    const last = out.at(-1);
    if (last && v - last.at(-1)! <= TOL) last.push(v);
    else out.push([v]);
  }
  return out.map((c) => Math.round(c.reduce((s, v) => s + v, 0) / c.length));
}

/** The rules of a greyscale page that bound cells: verticals ending on horizontals, horizontals crossing two. */
function cellRules(data: Uint8Array, width: number, height: number): { h: HRule[]; v: VRule[] } | null {
  const dark = otsu(data);
  const found = darkRuns(data, width, height, dark, Math.round(H_MIN * width), V_MIN);
  if (found.h.length === 0 || found.v.length === 0) return null;
  const hRules = mergeRuns<HRule>(found.h, (y, x0, x1) => ({ y, x0, x1 }));
  const vAll = mergeRuns<VRule>(found.v, (x, y0, y1) => ({ x, y0, y1 }));
  const onH = (x: number, y: number) =>
    hRules.some((h) => Math.abs(h.y - y) <= TOL && x >= h.x0 - TOL && x <= h.x1 + TOL);
  const v = vAll.filter((r) => onH(r.x, r.y0) && onH(r.x, r.y1));
  const crossings = (h: HRule) =>
    v.filter((r) => r.x >= h.x0 - TOL && r.x <= h.x1 + TOL && h.y >= r.y0 - TOL && h.y <= r.y1 + TOL).length;
  return { h: hRules.filter((h) => crossings(h) >= 2), v };
}

const crossesY = (v: VRule, y: number) => y >= v.y0 - TOL && y <= v.y1 + TOL;

/**
 * Where one table ends and the next begins: the middle of each band between neighbouring horizontal rules that
 * no vertical rule crosses. Inside a table every row has its side borders at least; between two tables (a
 * heading, a gap) there is none.
 */
function tableCuts(ys: number[], v: VRule[]): number[] {
  const cuts: number[] = [];
  for (let r = 0; r + 1 < ys.length; r++) {
    const ym = (ys[r]! + ys[r + 1]!) / 2;
    if (!v.some((rule) => crossesY(rule, ym))) cuts.push(ym);
  }
  return cuts;
}

/** The grid of one table's rules, or null when they make no table of at least two rows and two columns. */
function gridOf(hKept: HRule[], vRules: VRule[]): Grid | null {
  if (hKept.length < 3 || vRules.length < 2) return null;
  const xs = cluster(vRules.map((v) => v.x));
  const ys = cluster(hKept.map((h) => h.y));
  if (xs.length < 2 || ys.length < 2) return null;
  const rows = ys.length - 1;
  const cols = xs.length - 1;
  const parent = Array.from({ length: rows * cols }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const join = (a: number, b: number) => (parent[find(a)] = find(b));
  const vAt = (x: number, y: number) => vRules.some((v) => Math.abs(v.x - x) <= TOL && crossesY(v, y));
  const hAt = (x: number, y: number) =>
    hKept.some((h) => Math.abs(h.y - y) <= TOL && x >= h.x0 - TOL && x <= h.x1 + TOL);
  for (let r = 0; r < rows; r++) {
    const ym = (ys[r]! + ys[r + 1]!) / 2;
    for (let c = 0; c < cols; c++) {
      const xm = (xs[c]! + xs[c + 1]!) / 2;
      if (c + 1 < cols && !vAt(xs[c + 1]!, ym)) join(r * cols + c, r * cols + c + 1);
      if (r + 1 < rows && !hAt(xm, ys[r + 1]!)) join(r * cols + c, (r + 1) * cols + c);
    }
  }
  const groups = Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => find(r * cols + c)));
  return { xs, ys, groups };
}

/**
 * The ruled tables of a greyscale page (one byte per pixel), top to bottom, each with its own columns: a
 * 资产负债表 above a 利润表 gives two grids, not one whose columns cut both. Empty when the page has no table of
 * at least two rows and two columns.
 */
export function findGrids(data: Uint8Array, width: number, height: number): Grid[] {
  const rules = cellRules(data, width, height);
  if (!rules) return [];
  const bounds = [-Infinity, ...tableCuts(cluster(rules.h.map((h) => h.y)), rules.v), Infinity];
  const grids: Grid[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const inside = (y: number) => y > bounds[i]! && y < bounds[i + 1]!;
    const grid = gridOf(
      rules.h.filter((h) => inside(h.y)),
      rules.v.filter((v) => inside((v.y0 + v.y1) / 2)),
    );
    if (grid) grids.push(grid);
  }
  return grids;
}

/** Skew searched for, either way (radians): a page fed up to 5° crooked. */
const MAX_SKEW = (5 * Math.PI) / 180;
/** Angle steps of the coarse and the fine search (radians); the fine one is ~1 px across an A4 page at 300 dpi. */
const COARSE_STEP = (0.2 * Math.PI) / 180;
const FINE_STEP = (0.02 * Math.PI) / 180;
/**
 * Below this skew findGrids finds the rules as they are (measured on the Wuhan form: all of them at 0.2°, one
 * column lost at 0.3°), so smaller angles are not worth turning the page for.
 */
const MIN_DESKEW = (0.15 * Math.PI) / 180;
/**
 * Every SAMPLE-th pixel of each row is counted for the skew. Every row: skipping rows would favour 0°, where the
 * points fall into only the rows kept.
 */
const SAMPLE = 4;

/**
 * A crooked page is only turned to look for a grid when a dark line along its skew spans this share of the
 * page width. Measured: the ruled fixture pages 0.74–0.75, licence and text scans 0.22–0.29 — turning those
 * (≈ 100–170 ms at 300 dpi) found nothing.
 */
const RULED_LINE = 0.4;

/** The coarse search counts every COARSE_POINTS-th dark point only. */
const COARSE_POINTS = 8;

/**
 * Sum of squared counts of the dark points (every `stride`-th) projected along lines of slope tan(angle): it
 * peaks when rules and text lines lie along the projection.
 */
function profileScore(
  points: { xs: Int32Array; ys: Int32Array; n: number },
  stride: number,
  angle: number,
  bins: Float64Array,
  offset: number,
): number {
  const { xs, ys, n } = points;
  bins.fill(0);
  const t = Math.tan(angle);
  for (let i = 0; i < n; i += stride) bins[Math.round(ys[i]! - xs[i]! * t) + offset]!++;
  let score = 0;
  for (let i = 0; i < bins.length; i++) score += bins[i]! * bins[i]!;
  return score;
}

function bestAngle(score: (angle: number) => number, from: number, to: number, step: number): number {
  let best = 0;
  let bestScore = -1;
  for (let a = from; a <= to + step / 2; a += step) {
    const s = score(a);
    if (s > bestScore) {
      bestScore = s;
      best = a;
    }
  }
  return best;
}

/**
 * The page's skew in radians, positive when its lines fall to the right (turned clockwise), in the y-down
 * image frame; and the longest dark line along it, as a share of the page width (a table rule or a frame
 * spans much of it, while no single pixel row of a text line is dark for more than a third of it).
 */
export function measureSkew(data: Uint8Array, width: number, height: number): { angle: number; longestLine: number } {
  const dark = otsu(data);
  // Counted first, so the point arrays hold the dark points only (a few % of the page), not every sample.
  let cap = 0;
  for (let y = 0; y < height; y++)
    for (let x = 0, row = y * width; x < width; x += SAMPLE) if (data[row + x]! <= dark) cap++;
  const xs = new Int32Array(cap);
  const ys = new Int32Array(cap);
  let n = 0;
  for (let y = 0; y < height; y++)
    for (let x = 0, row = y * width; x < width; x += SAMPLE)
      if (data[row + x]! <= dark) {
        xs[n] = x;
        ys[n++] = y;
      }
  if (n === 0) return { angle: 0, longestLine: 0 };
  const offset = Math.ceil(width * Math.tan(MAX_SKEW + COARSE_STEP)) + 1;
  const bins = new Float64Array(height + 2 * offset);
  const points = { xs, ys, n };
  const coarse = bestAngle(
    (a) => profileScore(points, COARSE_POINTS, a, bins, offset),
    -MAX_SKEW,
    MAX_SKEW,
    COARSE_STEP,
  );
  const fine = (a: number) => profileScore(points, 1, a, bins, offset);
  const angle = bestAngle(fine, coarse - COARSE_STEP, coarse + COARSE_STEP, FINE_STEP);
  profileScore(points, 1, angle, bins, offset);
  let peak = 0;
  for (let i = 0; i < bins.length; i++) peak = Math.max(peak, bins[i]!);
  return { angle, longestLine: peak / Math.ceil(width / SAMPLE) };
}

/**
 * The greyscale page turned by -angle about its centre (bilinear, same size, white brought in), so a page
 * skewed by `angle` comes out straight.
 */
export function rotateGrey(data: Uint8Array, width: number, height: number, angle: number): Uint8Array {
  const out = new Uint8Array(width * height).fill(255);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  for (let y = 0; y < height; y++) {
    // Source point of output (x, y): the output point turned by +angle about the centre.
    let sx = cx - cos * cx - sin * (y - cy);
    let sy = cy - sin * cx + cos * (y - cy);
    for (let x = 0, o = y * width; x < width; x++, o++, sx += cos, sy += sin) {
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= width || y0 + 1 >= height) continue;
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * width + x0;
      const top = data[i]! + (data[i + 1]! - data[i]!) * fx;
      const bottom = data[i + width]! + (data[i + width + 1]! - data[i + width]!) * fx;
      out[o] = Math.round(top + (bottom - top) * fy);
    }
  }
  return out;
}

/**
 * The grids of the page as given, or else of the page turned straight when it is skewed: `grey` is the image the
 * grids were found in (the given one when `skew` is 0), the one to read and crop cells from.
 */
export function findGridDeskewed(
  data: Uint8Array,
  width: number,
  height: number,
): { grids: Grid[]; grey: Uint8Array; skew: number } | null {
  const grids = findGrids(data, width, height);
  if (grids.length > 0) return { grids, grey: data, skew: 0 };
  const { angle: skew, longestLine } = measureSkew(data, width, height);
  if (Math.abs(skew) < MIN_DESKEW || longestLine < RULED_LINE) return null;
  const grey = rotateGrey(data, width, height, skew);
  const straight = findGrids(grey, width, height);
  return straight.length > 0 ? { grids: straight, grey, skew } : null;
}

function indexIn(bounds: number[], v: number): number {
  for (let i = 0; i + 1 < bounds.length; i++) if (v >= bounds[i]! && v < bounds[i + 1]!) return i;
  return -1;
}

/** One merged cell of the page: its table (index into the page's grids) and its group in that table's grid. */
export type CellKey = `${number}:${number}`;
export const cellKey = (table: number, group: number): CellKey => `${table}:${group}`;

/** A cell whose words are re-read from its own crop, in prepared-image px (inside its rules). */
export interface CellCrop {
  cell: CellKey;
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Cells re-read when their words' mean confidence is below this (tesseract reading across rules scores 30–80). */
const WEAK_CONFIDENCE = 85;
/** An empty cell with at least this share of ink pixels is re-read too (text the page pass did not find). */
const INK_SHARE = 0.004;
/** Px kept clear of the rules around a crop. */
const INSET = 6;
/** Bounds the extra cost on a page of many small cells. */
const MAX_REREAD = 60;

function groupRects(grid: Grid): Map<number, { r0: number; c0: number; r1: number; c1: number }> {
  const rects = new Map<number, { r0: number; c0: number; r1: number; c1: number }>();
  grid.groups.forEach((row, r) =>
    row.forEach((g, c) => {
      const o = rects.get(g);
      if (!o) rects.set(g, { r0: r, c0: c, r1: r, c1: c });
      else {
        o.r1 = Math.max(o.r1, r);
        o.c1 = Math.max(o.c1, c);
      }
    }),
  );
  return rects;
}

function groupAt(grid: Grid, w: Word): number | null {
  const r = indexIn(grid.ys, (w.bbox.y0 + w.bbox.y1) / 2);
  const c = indexIn(grid.xs, (w.bbox.x0 + w.bbox.x1) / 2);
  return r < 0 || c < 0 ? null : grid.groups[r]![c]!;
}

/** The cell of the page a word's centre falls in, or null outside every table. */
function cellAt(grids: readonly Grid[], w: Word): CellKey | null {
  for (let t = 0; t < grids.length; t++) {
    const g = groupAt(grids[t]!, w);
    if (g !== null) return cellKey(t, g);
  }
  return null;
}

/** The crop inside a merged cell's rules, or null when too small to read. */
function cropOf(grid: Grid, cell: CellKey, r: { r0: number; c0: number; r1: number; c1: number }): CellCrop | null {
  const left = grid.xs[r.c0]! + INSET;
  const top = grid.ys[r.r0]! + INSET;
  const width = grid.xs[r.c1 + 1]! - INSET - left;
  const height = grid.ys[r.r1 + 1]! - INSET - top;
  return width < 2 * INSET || height < 2 * INSET ? null : { cell, left, top, width, height };
}

function inkShare(crop: CellCrop, grey: Uint8Array, width: number, dark: number): number {
  let ink = 0;
  for (let y = crop.top; y < crop.top + crop.height; y++)
    for (let x = crop.left; x < crop.left + crop.width; x++) if (grey[y * width + x]! <= dark) ink++;
  return ink / (crop.width * crop.height);
}

/**
 * The cells worth reading again on their own: words read with low confidence, a rule read as a bar, or ink
 * where the page pass found no text. Alone in its crop, a cell's text is one block with no rule beside it.
 */
export function weakCells(page: TesseractBlocks, grids: readonly Grid[], grey: Uint8Array, width: number): CellCrop[] {
  const words = new Map<CellKey, Word[]>();
  for (const block of page.blocks ?? [])
    for (const para of block.paragraphs)
      for (const line of para.lines)
        for (const w of line.words ?? []) {
          const cell = w.text.trim() ? cellAt(grids, w) : null;
          if (cell !== null) words.set(cell, [...(words.get(cell) ?? []), w]);
        }
  const dark = otsu(grey);
  const out: CellCrop[] = [];
  grids.forEach((grid, t) => {
    for (const [group, rect] of groupRects(grid)) {
      const crop = cropOf(grid, cellKey(t, group), rect);
      if (!crop) continue;
      const ws = words.get(crop.cell) ?? [];
      if (ws.length > 0) {
        const mean = ws.reduce((s, w) => s + w.confidence, 0) / ws.length;
        if (mean < WEAK_CONFIDENCE || ws.some((w) => /[|‖丨｜]/u.test(w.text))) out.push(crop);
      } else if (inkShare(crop, grey, width, dark) >= INK_SHARE) out.push(crop);
    }
  });
  return out.slice(0, MAX_REREAD);
}

/** Each grid's merged cells by key: table index and the top-left and bottom-right grid positions. */
function cellPlaces(
  grids: readonly Grid[],
): Map<CellKey, { table: number; origin: [number, number]; end: [number, number] }> {
  const places = new Map<CellKey, { table: number; origin: [number, number]; end: [number, number] }>();
  grids.forEach((grid, table) =>
    grid.groups.forEach((row, r) =>
      row.forEach((g, c) => {
        const key = cellKey(table, g);
        const place = places.get(key);
        if (place) place.end = [r, c];
        else places.set(key, { table, origin: [r, c], end: [r, c] });
      }),
    ),
  );
  return places;
}

type Piece = { cell: CellKey | null; words: Word[] };

/** A tesseract line cut where its words change cell. */
function piecesOf(words: Word[], grids: readonly Grid[]): Piece[] {
  const pieces: Piece[] = [];
  for (const w of words) {
    const cell = cellAt(grids, w);
    const last = pieces.at(-1);
    if (last && last.cell === cell) last.words.push(w);
    else pieces.push({ cell, words: [w] });
  }
  return pieces;
}

function lineOf(words: Word[], scale: number): Line | null {
  const text = cleanOcrText(words.map((w) => w.text).join(" "));
  if (!text) return null;
  const x0 = Math.min(...words.map((w) => w.bbox.x0));
  const y0 = Math.min(...words.map((w) => w.bbox.y0));
  const x1 = Math.max(...words.map((w) => w.bbox.x1));
  const y1 = Math.max(...words.map((w) => w.bbox.y1));
  const box: Box = {
    x: round1(x0 / scale),
    y: round1(y0 / scale),
    w: round1((x1 - x0) / scale),
    h: round1((y1 - y0) / scale),
  };
  const confidence = words.reduce((s, w) => s + w.confidence, 0) / words.length / 100;
  return { text, box, source: "ocr", confidence: Math.min(1, Math.max(0, confidence)) };
}

const wordsOf = (line: Word & { words?: Word[] }) => (line.words ?? [line]).filter((w) => w.text.trim());

/**
 * Lines and tables of a tesseract page over its grids: each tesseract line is cut where its words change cell,
 * pieces inside a grid carry `cell` (the grid's table index, the merged cell's top-left grid position), and each
 * table holds every grid position of its grid with its merged cell's text. A grid none of whose cells holds a
 * line gives no table, and the tables after it take its index. Boxes are divided by `scale` (prepared → source px).
 */
export function linesWithTable(
  page: TesseractBlocks,
  grids: readonly Grid[],
  scale: number,
  reread: ReadonlyMap<CellKey, TesseractBlocks> = new Map(),
): { lines: Line[]; tables: Table[] } {
  const places = cellPlaces(grids);
  const lines: Line[] = [];
  const texts = new Map<CellKey, { text: string; y: number; x: number }[]>();
  const emitted = new Set<CellKey>();
  const emit = (piece: Piece) => {
    if (piece.words.length === 0) return;
    const line = lineOf(piece.words, scale);
    if (!line) return;
    if (piece.cell !== null) {
      const { table, origin } = places.get(piece.cell)!;
      line.cell = { table, row: origin[0], col: origin[1] };
      const at = {
        y: Math.min(...piece.words.map((w) => w.bbox.y0)),
        x: Math.min(...piece.words.map((w) => w.bbox.x0)),
      };
      texts.set(piece.cell, [...(texts.get(piece.cell) ?? []), { text: line.text, ...at }]);
    }
    lines.push(line);
  };
  const emitReread = (cell: CellKey) => {
    emitted.add(cell);
    for (const block of reread.get(cell)!.blocks ?? [])
      for (const para of block.paragraphs)
        for (const line of para.lines.flatMap(wordRuns)) emit({ cell, words: wordsOf(line) });
  };
  for (const block of page.blocks ?? [])
    for (const para of block.paragraphs)
      for (const line of para.lines.flatMap(wordRuns))
        for (const piece of piecesOf(wordsOf(line), grids)) {
          if (piece.cell === null || !reread.has(piece.cell)) emit(piece);
          else if (!emitted.has(piece.cell)) emitReread(piece.cell);
        }
  for (const cell of reread.keys()) if (!emitted.has(cell)) emitReread(cell);
  return { lines, tables: tablesOf(grids, places, texts, lines) };
}

/** The tables of the grids that hold lines, renumbered in `lines` when an empty grid drops out. */
function tablesOf(
  grids: readonly Grid[],
  places: ReturnType<typeof cellPlaces>,
  texts: Map<CellKey, { text: string; y: number; x: number }[]>,
  lines: Line[],
): Table[] {
  const cellText = (key: CellKey) =>
    (texts.get(key) ?? [])
      .sort((a, b) => a.y - b.y || a.x - b.x)
      .map((t) => t.text)
      .join("");
  const tables: Table[] = [];
  grids.forEach((grid, t) => {
    const first = lines.findIndex((l) => l.cell?.table === t);
    if (first < 0) return;
    const rows: Cell[][] = grid.groups.map((row) =>
      row.map((g) => {
        const { origin, end } = places.get(cellKey(t, g))!;
        const [r0, c0] = origin;
        return {
          text: cellText(cellKey(t, g)),
          rowSpan: end[0] - r0 + 1,
          colSpan: end[1] - c0 + 1,
          origin: [r0, c0] as [number, number],
        };
      }),
    );
    for (const l of lines) if (l.cell?.table === t) l.cell = { ...l.cell, table: tables.length };
    tables.push({ rows, lineIndex: first });
  });
  return tables;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
