/**
 * pdf.js text items → Lines in page coordinates (top-left origin, y down, pt).
 *
 * Choice: one Line per contiguous text run on a baseline. Items on one baseline separated by a gap wider
 * than SPLIT_GAP_EM (table cells, columns, tab stops) become separate Lines, so every table cell keeps its
 * own box for later table reconstruction. Order: top-to-bottom, then left-to-right, except inside a
 * detected two-column text block, where the left column is emitted before the right (see pdf-columns.ts).
 * With the fonts' names, text set in a bold face (or drawn twice, fake bold) is marked on its Line (Line.marks).
 */
import type { Line, TextMark } from "../../model.js";
import { unifyRadicals } from "./cjk-radicals.js";
import { orderRows, type Run } from "./pdf-columns.js";

/** The parts of a pdf.js TextItem we use. */
export interface TextItemLike {
  str: string;
  transform: number[];
  width: number;
  height: number;
  fontName: string;
}

export interface FontStyleLike {
  ascent?: number;
  descent?: number;
}

export type Matrix = [number, number, number, number, number, number];

/** One text item placed on the page. */
interface Fragment {
  text: string;
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  size: number;
  bold?: boolean;
}

/** A run with the [start, end) ranges of its raw text that are bold. */
type MarkedRun = Run & { bold?: { start: number; end: number }[] };

/** A bold face by its PostScript name: 「EAAAAA+NotoSansCJKjp-Bold」, 「SimHei-Heavy」, 「…,Bold」, 「…-Black」. */
const BOLD_FONT = /(?:bold|heavy|black|semibold|demibold|ultrabold|extrabold)/i;

/** Gap (in em of the larger font) above which two items on one baseline are separate Lines. */
const SPLIT_GAP_EM = 0.8;
/** Gap between latin words that means a space. */
const SPACE_GAP_EM = 0.2;
/** Between CJK and latin: Word/LibreOffice CJK/latin auto-spacing adds ~¼ em that is not a typed space. */
const CJK_LATIN_SPACE_GAP_EM = 0.5;

const CJK = /[\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;

export function multiply(m: readonly number[], n: readonly number[]): Matrix {
  return [
    m[0]! * n[0]! + m[2]! * n[1]!,
    m[1]! * n[0]! + m[3]! * n[1]!,
    m[0]! * n[2]! + m[2]! * n[3]!,
    m[1]! * n[2]! + m[3]! * n[3]!,
    m[0]! * n[4]! + m[2]! * n[5]! + m[4]!,
    m[1]! * n[4]! + m[3]! * n[5]! + m[5]!,
  ];
}

export function applyMatrix(m: readonly number[], x: number, y: number): [number, number] {
  return [m[0]! * x + m[2]! * y + m[4]!, m[1]! * x + m[3]! * y + m[5]!];
}

const round2 = (v: number) => Math.round(v * 100) / 100;

const CJK_CJK_SPACE = new RegExp(`(${CJK.source}) (?=${CJK.source})`, "g");
const CJK_DIGIT_SPACE = new RegExp(`(${CJK.source}) (?=\\d)|(\\d) (?=${CJK.source})`, "g");

/**
 * Collapses whitespace and removes it between two CJK characters and between CJK and digits ("2019 年
 * 5 月" → "2019年5月"): Chinese text has no word spaces, and such gaps come from letter spacing or the
 * word processor's CJK/latin auto-spacing. Spaces next to latin letters are kept ("基于 DeepSeek").
 */
export function tidyText(s: string): string {
  return unifyRadicals(s)
    .replace(/\s+/g, " ")
    .replace(CJK_CJK_SPACE, "$1")
    .replace(CJK_DIGIT_SPACE, "$1$2")
    .trim();
}

function place(item: TextItemLike, style: FontStyleLike | undefined, vt: readonly number[]): Fragment | { across: Run } {
  const m = multiply(vt, item.transform);
  const size = Math.hypot(m[2], m[3]);
  const len = Math.hypot(m[0], m[1]) || 1;
  const [ux, uy] = [m[0] / len, m[1] / len];
  // pdf.js reports ascent/descent 0 when font metrics are unavailable.
  const ascent = style?.ascent && style.ascent > 0 ? style.ascent : 0.8;
  const descent = style?.descent && style.descent < 0 ? style.descent : -0.2;
  if (Math.abs(uy) < 0.05 && ux > 0) {
    return { text: item.str, x0: m[4], x1: m[4] + item.width, top: m[5] - size * ascent, bottom: m[5] - size * descent, size };
  }
  // Text across the main direction (stamps, side notes): its own Line, boxed by the run's corners.
  const [nx, ny] = [-uy, ux];
  const corners = [0, item.width].flatMap((a) =>
    [-descent * size, -ascent * size].map((b) => [m[4] + ux * a - nx * b, m[5] + uy * a - ny * b] as const),
  );
  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { across: { text: item.str, x0: x, x1: Math.max(...xs), top: y, bottom: Math.max(...ys), fontSize: size } };
}

function overlapRatio(a: { top: number; bottom: number }, b: { top: number; bottom: number }): number {
  const ov = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  const h = Math.min(a.bottom - a.top, b.bottom - b.top);
  return h > 0 ? ov / h : 0;
}

/** Groups fragments into rows (shared baseline band), each sorted by x. */
function toRows(frags: Fragment[]): Fragment[][] {
  const sorted = [...frags].sort((a, b) => a.bottom - b.bottom || a.x0 - b.x0);
  const rows: { band: Fragment; items: Fragment[] }[] = [];
  for (const f of sorted) {
    const row = rows.at(-1);
    if (row && overlapRatio(row.band, f) >= 0.5) {
      row.items.push(f);
      if (f.size > row.band.size) row.band = f;
    } else {
      rows.push({ band: f, items: [f] });
    }
  }
  return rows.map((r) => r.items.sort((a, b) => a.x0 - b.x0));
}

function needsSpace(prev: string, next: string, gap: number, size: number): boolean {
  if (/\s$/.test(prev) || /^\s/.test(next)) return false;
  const a = prev.at(-1) ?? "";
  const b = next[0] ?? "";
  const cjkA = CJK.test(a);
  const cjkB = CJK.test(b);
  if (cjkA && cjkB) return false;
  return gap > (cjkA || cjkB ? CJK_LATIN_SPACE_GAP_EM : SPACE_GAP_EM) * size;
}

/** Splits one row into runs at wide gaps, joining the text of each run. */
function toRuns(row: Fragment[]): MarkedRun[] {
  const runs: (MarkedRun & { parts: Fragment[]; bold: { start: number; end: number }[] })[] = [];
  let cur: (typeof runs)[number] | undefined;
  const markBold = (f: Fragment, start: number) => {
    const last = cur!.bold.at(-1);
    if (last && last.end >= start) last.end = start + f.text.length;
    else cur!.bold.push({ start, end: start + f.text.length });
  };
  for (const f of row) {
    // Fake bold: the same text drawn twice with a tiny offset.
    const twice = cur?.parts.find((p) => p.text === f.text && Math.abs(p.x0 - f.x0) < 0.2 * f.size);
    if (twice) {
      if (f.text.trim() && !twice.bold) {
        twice.bold = true;
        const at = cur!.text.lastIndexOf(f.text);
        if (at >= 0) markBold(f, at);
      }
      continue;
    }
    const gap = cur ? f.x0 - cur.x1 : 0;
    if (!cur || gap > SPLIT_GAP_EM * Math.max(f.size, cur.parts.at(-1)!.size)) {
      cur = { text: f.text, x0: f.x0, x1: f.x1, top: f.top, bottom: f.bottom, parts: [f], bold: [] };
      runs.push(cur);
      if (f.bold) markBold(f, 0);
      continue;
    }
    if (needsSpace(cur.text, f.text, gap, f.size)) cur.text += " ";
    if (f.bold) markBold(f, cur.text.length);
    cur.text += f.text;
    cur.x1 = Math.max(cur.x1, f.x1);
    cur.top = Math.min(cur.top, f.top);
    cur.bottom = Math.max(cur.bottom, f.bottom);
    cur.parts.push(f);
  }
  return runs.map(({ parts, bold, ...r }) => ({ ...r, fontSize: dominantSize(parts), ...(bold.length ? { bold } : {}) }));
}

function dominantSize(parts: Fragment[]): number {
  const weight = new Map<number, number>();
  for (const p of parts) {
    const k = round2(p.size);
    weight.set(k, (weight.get(k) ?? 0) + p.text.length);
  }
  return [...weight].sort((a, b) => b[1] - a[1])[0]![0];
}

const rotation = (quarter: number): Matrix => {
  const c = Math.round(Math.cos((quarter * Math.PI) / 2));
  const sn = Math.round(Math.sin((quarter * Math.PI) / 2));
  return [c, sn, -sn, c, 0, 0];
};

/** The quarter turn (0..3, clockwise on screen) of most of the page's text. */
function dominantQuarter(items: readonly TextItemLike[], vt: readonly number[]): number {
  const weight = [0, 0, 0, 0];
  for (const item of items) {
    const m = multiply(vt, item.transform);
    const q = (((Math.round(Math.atan2(m[1], m[0]) / (Math.PI / 2)) % 4) + 4) % 4);
    weight[q]! += item.str.trim().length;
  }
  return weight.indexOf(Math.max(...weight));
}

/** Box of a frame-space run, mapped back to page space by `back`. */
function toBox(r: Run, back: Matrix): Line["box"] {
  const pts = [applyMatrix(back, r.x0, r.top), applyMatrix(back, r.x1, r.bottom)];
  const x = Math.min(pts[0]![0], pts[1]![0]);
  const y = Math.min(pts[0]![1], pts[1]![1]);
  return { x: round2(x), y: round2(y), w: round2(Math.abs(pts[0]![0] - pts[1]![0])), h: round2(Math.abs(pts[0]![1] - pts[1]![1])) };
}

/**
 * Builds the text Lines of one page. Lines are grouped in the direction most of the text runs, so a
 * sideways page (rotated in a viewer, or landscape content without /Rotate) still reads line by line;
 * boxes are always in page space. Text across that direction comes last, one Line per item.
 * @param vt the viewport transform (PDF user space → top-left page space, respecting /Rotate and the view box)
 * @param fontNames optional: the PostScript name of each item's font (pdf.js `commonObjs.get(fontName).name`, known
 *   once the operator list was read); text in a bold face then gets a "bold" mark.
 */
export function buildLines(
  items: readonly TextItemLike[],
  styles: Record<string, FontStyleLike>,
  vt: readonly number[],
  fontNames?: Readonly<Record<string, string>>,
): Line[] {
  const kept = items.filter((it) => it.str.trim());
  const quarter = dominantQuarter(kept, vt);
  const frame = multiply(rotation(-quarter), vt);
  const back = rotation(quarter);
  const frags: Fragment[] = [];
  const across: Run[] = [];
  for (const item of kept) {
    const placed = place(item, styles[item.fontName], frame);
    if ("across" in placed) across.push(placed.across);
    else frags.push(BOLD_FONT.test(fontNames?.[item.fontName] ?? "") ? { ...placed, bold: true } : placed);
  }
  const lines: Line[] = [];
  for (const r of [...orderRows(toRows(frags).map(toRuns)), ...across] as MarkedRun[]) {
    const text = tidyText(r.text);
    if (!text) continue;
    const marks = r.bold ? tidyMarks(r.text, text, r.bold) : [];
    lines.push({
      text,
      box: toBox(r, back),
      source: "text",
      confidence: 1,
      fontSize: round2(r.fontSize ?? 0),
      ...(marks.length ? { marks } : {}),
    });
  }
  return lines;
}

/**
 * Bold ranges of a run's raw text carried over to its tidied text. tidyText only removes or collapses whitespace
 * (and maps radicals one to one), so the non-space characters correspond in order; a space inside a bold stretch
 * stays in it.
 */
function tidyMarks(raw: string, tidy: string, bold: readonly { start: number; end: number }[]): TextMark[] {
  // UTF-16 units throughout: the ranges are string offsets, and a surrogate pair is two non-space units on both sides.
  const flags: boolean[] = [];
  for (let i = 0; i < raw.length; i++) if (!/\s/.test(raw[i]!)) flags.push(bold.some((b) => b.start <= i && i < b.end));
  if (tidy.replace(/\s/g, "").length !== flags.length) return [];
  const out: TextMark[] = [];
  let k = 0;
  for (let i = 0; i < tidy.length; i++) {
    if (/\s/.test(tidy[i]!) || !flags[k++]) continue;
    const last = out.at(-1);
    if (last && /^\s*$/.test(tidy.slice(last.end, i))) last.end = i + 1;
    else out.push({ start: i, end: i + 1, kind: "bold" });
  }
  return out;
}
