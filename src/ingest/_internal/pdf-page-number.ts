/**
 * The page number printed in a page's footer or header: "3", "- 3 -", "— 3 —", "第 3 页", "第3页 共10页",
 * "3/10", "Page 3 of 10". Only lines in the top/bottom band of the page with no body text beyond them
 * (only a compact footer block below a footer candidate, likewise above a header candidate) are considered,
 * so numbers in body text and tables are not taken. The footer wins over the header. The caller leaves out lines read from
 * pasted photos (their own footers are not this page's).
 */
import type { Line } from "../../model.js";

const FOOTER_BAND = 0.85;
const HEADER_BAND = 0.12;

const DASHES = "\\-—–－‐‑─━_~·•.";
const PATTERNS: RegExp[] = [
  new RegExp(`^[${DASHES}]*(\\d{1,4})[${DASHES}]*$`),
  /^第(\d{1,4})页(?:[,，;；]?共\d{1,4}页)?$/,
  /^共\d{1,4}页[,，;；]?第(\d{1,4})页$/,
  /^(\d{1,4})\/\d{1,4}$/,
  /^(?:page|p\.?)(\d{1,4})(?:(?:of|\/)\d{1,4})?$/i,
];
/** In a footer/header line with other text (e.g. "申报书 第3页"), only the explicit 第…页 form counts. */
const EMBEDDED = /第(\d{1,4})页/;

/** The page number shown by this line's text, when the whole line is a page-number label. */
export function parsePageLabel(text: string): number | undefined {
  const s = text.replace(/\s+/g, "");
  for (const re of PATTERNS) {
    const m = re.exec(s);
    if (!m) continue;
    const n = Number(m[1]);
    const total = /(?:共|of|\/)(\d+)/i.exec(s);
    if (n < 1 || (total && n > Number(total[1]))) return undefined;
    return n;
  }
  const m = EMBEDDED.exec(s);
  return m ? Number(m[1]) || undefined : undefined;
}

const isNumberOnly = (l: Line) => /^[\d\s.,，-]+$/.test(l.text);

function sameRow(a: Line, b: Line): boolean {
  const ab = a.box!;
  const bb = b.box!;
  return Math.min(ab.y + ab.h, bb.y + bb.h) - Math.max(ab.y, bb.y) > 0.5 * Math.min(ab.h, bb.h);
}

function candidate(lines: readonly Line[], l: Line): number | undefined {
  const n = parsePageLabel(l.text);
  if (n === undefined) return undefined;
  // A lone number among other numbers on its row is a table cell, not a page label.
  if (isNumberOnly(l) && lines.some((o) => o !== l && isNumberOnly(o) && sameRow(o, l))) return undefined;
  return n;
}

/** Lines beyond the candidate (below a footer, above a header) must stay within this many line heights. */
const EDGE_BLOCK_LINES = 3;

export function detectPrintedPageNumber(lines: readonly Line[], pageHeight: number): number | undefined {
  const boxed = lines.filter((l) => l.box);
  const top = (l: Line) => l.box!.y;
  const bottom = (l: Line) => l.box!.y + l.box!.h;
  // A footer label has at most a compact footer block below it; a header label has one above it.
  const atBottomEdge = (l: Line) => boxed.every((o) => top(o) <= bottom(l) || top(o) - bottom(l) <= EDGE_BLOCK_LINES * l.box!.h);
  const atTopEdge = (l: Line) => boxed.every((o) => bottom(o) >= top(l) || top(l) - bottom(o) <= EDGE_BLOCK_LINES * l.box!.h);
  const footer = boxed.filter((l) => top(l) >= pageHeight * FOOTER_BAND && atBottomEdge(l)).sort((a, b) => top(b) - top(a));
  const header = boxed.filter((l) => bottom(l) <= pageHeight * HEADER_BAND && atTopEdge(l)).sort((a, b) => top(a) - top(b));
  for (const l of [...footer, ...header]) {
    const n = candidate(boxed, l);
    if (n !== undefined) return n;
  }
  return undefined;
}
