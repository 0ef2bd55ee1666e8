/**
 * Ruling lines a PDF page draws, from pdf.js's operator list: stroked path segments (moveTo/lineTo, the edges of
 * `re` rectangles) and thin filled rectangles (Chromium and some Office exports draw every border as a 1-px filled
 * box), under the current transformation matrix, in page space (top-left origin, pt). Only horizontal and vertical
 * rules are kept; curves, white (invisible) paint and clipping paths are not rules. This is the input of lattice
 * table detection (./pdf-table.ts), as in pdfplumber's and Camelot's lattice mode.
 */
import { OPS } from "pdfjs-dist/legacy/build/pdf.mjs";
import { applyMatrix, multiply, type Matrix } from "./pdf-lines.js";

/** An axis-aligned rule: horizontal (y fixed, x0 < x1) or vertical (x fixed, y0 < y1). */
export interface Rule {
  dir: "h" | "v";
  /** The fixed coordinate (y of a horizontal rule, x of a vertical one). */
  at: number;
  from: number;
  to: number;
}

/** A filled rectangle at most this thick (pt) is a rule, when it is at least RULE_ASPECT times longer. */
const MAX_RULE_THICKNESS = 2.5;
const RULE_ASPECT = 3;
/** A segment whose ends differ by less than this across its direction (pt) is straight. */
const STRAIGHT = 1;
/** Shorter rules (pt) are ticks, underscores of a checkbox glyph or noise. */
const MIN_RULE = 4;
/** Pages that draw more path segments than this (maps, charts) are not forms; rules are not searched. */
const MAX_SEGMENTS = 20_000;

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

const DRAW = { moveTo: 0, lineTo: 1, curveTo: 2, quadraticCurveTo: 3, closePath: 4 } as const;

const STROKES = new Set<number>([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
const FILLS = new Set<number>([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);

interface State {
  ctm: Matrix;
  lineWidth: number;
  strokeWhite: boolean;
  fillWhite: boolean;
}

type Point = [number, number];

/** "#ffffff"-like colours (and near-white) paint nothing a reader sees as a rule. */
function isWhite(args: unknown[]): boolean {
  const c = args[0];
  if (typeof c !== "string" || !/^#[0-9a-f]{6}$/i.test(c)) return false;
  const v = [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
  return v.every((x) => x >= 235);
}

/** Subpaths of a pdf.js path (DrawOPS-coded numbers) as point lists; curves end a straight run. */
function subpaths(data: ArrayLike<number>): { points: Point[]; closed: boolean; curved: boolean }[] {
  const out: { points: Point[]; closed: boolean; curved: boolean }[] = [];
  let cur: { points: Point[]; closed: boolean; curved: boolean } | undefined;
  for (let i = 0; i < data.length; ) {
    const op = data[i++];
    switch (op) {
      case DRAW.moveTo:
        cur = { points: [[data[i]!, data[i + 1]!]], closed: false, curved: false };
        out.push(cur);
        i += 2;
        break;
      case DRAW.lineTo:
        if (!cur) {
          cur = { points: [], closed: false, curved: false };
          out.push(cur);
        }
        cur.points.push([data[i]!, data[i + 1]!]);
        i += 2;
        break;
      case DRAW.curveTo:
        if (cur) cur.curved = true;
        cur?.points.push([data[i + 4]!, data[i + 5]!]);
        i += 6;
        break;
      case DRAW.quadraticCurveTo:
        if (cur) cur.curved = true;
        cur?.points.push([data[i + 2]!, data[i + 3]!]);
        i += 4;
        break;
      case DRAW.closePath:
        if (cur) cur.closed = true;
        break;
      default:
        return out; // unknown code: stop rather than misread the rest
    }
  }
  return out;
}

function pathData(args: unknown[]): ArrayLike<number> | null {
  const data = args[1];
  const first = Array.isArray(data) ? data[0] : undefined;
  if (first && typeof first === "object" && "length" in first) return first as ArrayLike<number>;
  return null;
}

/** An axis-aligned segment in page space, or null when it is slanted or a point. */
function segment(a: Point, b: Point): Rule | null {
  const [dx, dy] = [Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1])];
  if (dy < STRAIGHT && dx >= MIN_RULE) return { dir: "h", at: (a[1] + b[1]) / 2, from: Math.min(a[0], b[0]), to: Math.max(a[0], b[0]) };
  if (dx < STRAIGHT && dy >= MIN_RULE) return { dir: "v", at: (a[0] + b[0]) / 2, from: Math.min(a[1], b[1]), to: Math.max(a[1], b[1]) };
  return null;
}

/** A thin filled axis-aligned rectangle → the rule along its middle. */
function thinRect(points: Point[]): Rule | null {
  const pts = points.length === 5 && points[0]![0] === points[4]![0] && points[0]![1] === points[4]![1] ? points.slice(0, 4) : points;
  if (pts.length !== 4) return null;
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  // Axis-aligned: every point sits on a corner of the bounding box.
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const corner = (p: Point) => (Math.abs(p[0] - x0) < 0.5 || Math.abs(p[0] - x1) < 0.5) && (Math.abs(p[1] - y0) < 0.5 || Math.abs(p[1] - y1) < 0.5);
  if (!pts.every(corner)) return null;
  const [w, h] = [x1 - x0, y1 - y0];
  if (h <= MAX_RULE_THICKNESS && w >= RULE_ASPECT * h && w >= MIN_RULE) return { dir: "h", at: (y0 + y1) / 2, from: x0, to: x1 };
  if (w <= MAX_RULE_THICKNESS && h >= RULE_ASPECT * w && h >= MIN_RULE) return { dir: "v", at: (x0 + x1) / 2, from: y0, to: y1 };
  return null;
}

/**
 * Every horizontal and vertical rule the page draws, in page space.
 * @param vt the viewport transform (PDF user space → top-left page space)
 */
export function findRules(ops: { fnArray: number[]; argsArray: unknown[][] }, vt: readonly number[]): Rule[] {
  const stack: State[] = [];
  let st: State = { ctm: IDENTITY, lineWidth: 1, strokeWhite: false, fillWhite: false };
  const out: Rule[] = [];
  let segments = 0;
  for (let i = 0; i < ops.fnArray.length; i++) {
    const args = ops.argsArray[i] ?? [];
    switch (ops.fnArray[i]) {
      case OPS.save:
        stack.push(st);
        st = { ...st };
        break;
      case OPS.restore:
        st = stack.pop() ?? st;
        break;
      case OPS.transform:
        st.ctm = multiply(st.ctm, args as number[]);
        break;
      case OPS.paintFormXObjectBegin:
        stack.push(st);
        st = { ...st };
        if (Array.isArray(args[0])) st.ctm = multiply(st.ctm, args[0] as number[]);
        break;
      case OPS.paintFormXObjectEnd:
        st = stack.pop() ?? st;
        break;
      case OPS.setLineWidth:
        st.lineWidth = Number(args[0]) || 0;
        break;
      case OPS.setStrokeRGBColor:
        st.strokeWhite = isWhite(args);
        break;
      case OPS.setFillRGBColor:
        st.fillWhite = isWhite(args);
        break;
      case OPS.constructPath: {
        const paint = Number(args[0]);
        const data = pathData(args);
        if (!data) break;
        const stroke = STROKES.has(paint) && !st.strokeWhite;
        const fill = FILLS.has(paint) && !st.fillWhite;
        if (!stroke && !fill) break;
        const m = multiply(vt, st.ctm);
        for (const sp of subpaths(data)) {
          if (++segments > MAX_SEGMENTS) return [];
          const pts = sp.points.map((p) => applyMatrix(m, p[0], p[1]) as Point);
          if (fill && !sp.curved) {
            const r = thinRect(pts);
            if (r) {
              out.push(r);
              continue;
            }
          }
          if (!stroke || sp.curved) continue;
          // A stroke is a rule unless it is drawn so wide that it is a bar (a shaded heading band).
          const width = st.lineWidth * Math.hypot(m[0], m[1]);
          if (width > MAX_RULE_THICKNESS * 2) continue;
          const ring = sp.closed && pts.length > 1 ? [...pts, pts[0]!] : pts;
          for (let k = 0; k + 1 < ring.length; k++) {
            const s = segment(ring[k]!, ring[k + 1]!);
            if (s) out.push(s);
          }
        }
        break;
      }
    }
  }
  return out.filter((r) => Number.isFinite(r.at) && Number.isFinite(r.from) && Number.isFinite(r.to));
}
