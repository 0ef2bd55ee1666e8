/**
 * Cells from positioned lines (text-layer PDF in pt, OCR in px). A table cell's text starts at the cell's left
 * margin, so lines of one cell share their left x and follow each other at the line pitch; cells of one row
 * are centred on the row, so they overlap vertically. Nothing here depends on the order the lines arrive in.
 */
import type { Box, Line } from "../../model.js";
import type { PageRef } from "../types.js";
import { matchKey, normalizeForMatch } from "../normalize/index.js";
import type { CellSpace, FormCell } from "./cells.js";

/** Lines of one cell are at most this many font sizes apart (top to top); rows are further apart. */
const PITCH = 1.65;
/** Left edges of one cell's lines agree within this many font sizes (OCR boxes wobble more). */
const ALIGN_TEXT = 0.35;
const ALIGN_OCR = 0.8;

type Placed = Line & { box: Box };

/** `labels`: normalised labels of the form, used to split OCR lines that run across cells. */
export function positionedSpace(ref: PageRef, labels: readonly string[] = [], only?: readonly Line[]): CellSpace {
  const ocr = ref.page.source === "ocr";
  const lines = (only ?? ref.page.lines)
    .filter((l): l is Placed => l.box !== undefined)
    .flatMap((l) => (l.source === "ocr" ? splitOcrLine(l, labels) : [{ ...l, text: l.text.trim() }]))
    .filter((l) => l.text !== "")
    .sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x);
  // OCR boxes of a line that ran across cells are tall; the page's typical line height is the better size.
  const typical = median(lines.map((l) => l.box.h));
  const sizeFor = (l: Placed) => (ocr ? typical : sizeOf(l));
  // OCR pitch is irregular; a line that starts with a form label starts a cell.
  const startsCell = (l: Placed) => {
    const key = normalizeForMatch(l.text);
    return ocr && key.length >= 4 && labels.some((k) => k.length >= 4 && (key.startsWith(k) || k.startsWith(key)));
  };
  const groups: Placed[][] = [];
  for (const line of lines) {
    const size = sizeFor(line);
    const tol = size * (ocr ? ALIGN_OCR : ALIGN_TEXT);
    let target: Placed[] | undefined;
    for (const g of startsCell(line) ? [] : groups) {
      const last = g.at(-1)!;
      const pitch = line.box.y - last.box.y;
      if (Math.abs(last.box.x - line.box.x) > tol || pitch <= size * 0.5) continue;
      if (pitch > PITCH * Math.max(size, sizeFor(last))) continue;
      if (!target || last.box.y > target.at(-1)!.box.y) target = g;
    }
    if (target) target.push(line);
    else groups.push([line]);
  }
  const cells = groups.map((g) => toCell(ref, g));
  return spaceOf(cells, ocr);
}

const BAR = /\s*[|‖丨｜]+\s*/gu;

/** OCR reads table rules as bars; drop them at the ends of a piece, with the specks OCR puts beside them. */
function cleanText(text: string): string {
  return text.replace(/^[\s|‖丨｜、“”"'‘’，,.。:：;；]+|[\s|‖丨｜]+$/gu, "");
}

/**
 * OCR often reads a whole table row as one line. Cut it where it read a rule (a bar) and before a form label
 * of 4+ characters inside a short line; each piece gets the share of the box its characters take.
 */
function splitOcrLine(line: Placed, labels: readonly string[]): Placed[] {
  const cuts = new Set<number>([0, line.text.length]);
  const bars = [...line.text.matchAll(BAR)];
  for (const m of bars) [m.index, m.index + m[0].length].forEach((i) => cuts.add(i));
  const edges = [0, ...bars.flatMap((m) => [m.index, m.index + m[0].length]), line.text.length];
  for (let i = 0; i + 1 < edges.length; i += 2) cutAtLabels(line.text, edges[i]!, edges[i + 1]!, labels, cuts);
  const points = [...cuts].sort((a, b) => a - b);
  const n = line.text.length || 1;
  const pieces: Placed[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i]!, points[i + 1]!];
    const text = cleanText(line.text.slice(from, to));
    if (text === "") continue;
    const box = { ...line.box, x: line.box.x + (line.box.w * from) / n, w: (line.box.w * (to - from)) / n };
    pieces.push({ ...line, text, box });
  }
  return pieces;
}

/** Cut points before labels inside text[from, to); short labels (职务, 电话) only in short pieces, not sentences. */
function cutAtLabels(text: string, from: number, to: number, labels: readonly string[], cuts: Set<number>): void {
  const piece = text.slice(from, to);
  if (piece.length > 40) return;
  const key = matchKey(piece);
  for (const label of labels) {
    if (label.length < (piece.length <= 20 ? 2 : 4)) continue;
    for (let at = key.text.indexOf(label, 1); at > 0; at = key.text.indexOf(label, at + 1)) cuts.add(from + key.offsets[at]!);
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function sizeOf(l: Placed): number {
  return l.fontSize ?? l.box.h;
}

function toCell(ref: PageRef, lines: Placed[]): FormCell {
  const x = Math.min(...lines.map((l) => l.box.x));
  const y = Math.min(...lines.map((l) => l.box.y));
  const right = Math.max(...lines.map((l) => l.box.x + l.box.w));
  const bottom = Math.max(...lines.map((l) => l.box.y + l.box.h));
  return {
    text: lines.map((l) => l.text).join(""),
    lines,
    ref,
    box: { x, y, w: right - x, h: bottom - y },
    confidence: Math.min(...lines.map((l) => l.confidence)),
    placement: "position",
  };
}

const top = (c: FormCell) => c.box!.y;
const bottom = (c: FormCell) => c.box!.y + c.box!.h;
const left = (c: FormCell) => c.box!.x;
const rightEdge = (c: FormCell) => c.box!.x + c.box!.w;

function overlapY(a: FormCell, b: FormCell): boolean {
  return Math.min(bottom(a), bottom(b)) - Math.max(top(a), top(b)) > 0;
}

function overlapX(a: FormCell, b: FormCell): boolean {
  return Math.min(rightEdge(a), rightEdge(b)) - Math.max(left(a), left(b)) > 0;
}

function spaceOf(cells: FormCell[], ocr: boolean): CellSpace {
  const slack = (c: FormCell) => (c.lines[0] ? sizeOf(c.lines[0] as Placed) * 0.5 : 0);
  // OCR lines that ran across a rule start left of where the cell does; their right end still lies beyond.
  const rightOf = (o: FormCell, c: FormCell) =>
    ocr ? left(o) > left(c) + slack(c) && rightEdge(o) > rightEdge(c) + slack(c) : left(o) >= rightEdge(c) - slack(c);
  return {
    cells,
    right: (c) =>
      cells
        .filter((o) => o !== c && rightOf(o, c) && overlapY(o, c))
        .sort((a, b) => left(a) - left(b))[0],
    // Only the next row: a blank cell has no lines, and the first text further down belongs to another row.
    below: (c) =>
      cells
        .filter((o) => o !== c && top(o) >= bottom(c) - slack(c) && top(o) - bottom(c) <= 6 * slack(c) && overlapX(o, c))
        .sort((a, b) => top(a) - top(b))[0],
    sameRow: overlapY,
    at: (row, col) =>
      cells
        .filter((o) => overlapY(o, row) && overlapX(o, col) && o !== col)
        .sort((a, b) => Math.abs(left(a) - left(col)) - Math.abs(left(b) - left(col)))[0],
    above: (c) =>
      cells.filter((o) => o !== c && bottom(o) <= top(c) + slack(c) && overlapX(o, c)).sort((a, b) => top(b) - top(a)),
  };
}
