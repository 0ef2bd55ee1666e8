/** The document's lines in reading order, for the parts of a form that are paragraphs rather than cells. */
import type { Box, Evidence, Field, Line } from "../../model.js";
import type { PageRef } from "../types.js";

export interface FlowLine {
  line: Line;
  ref: PageRef;
}

const FOOTER = /^(?:[-—–－\s]*\d+[-—–－\s]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?)$/u;

/**
 * DOCX lines come in document order; positioned lines are sorted top to bottom, and left to right within a
 * baseline band, so a text layer written column by column reads the same as one written row by row.
 */
export function flowLines(pages: readonly PageRef[]): FlowLine[] {
  const out: FlowLine[] = [];
  for (const ref of pages) {
    const lines = ref.page.lines.filter((l) => !FOOTER.test(l.text.trim()) && l.text.trim() !== "");
    const sorted = lines.every((l) => l.box) ? sortByPosition(lines as (Line & { box: Box })[]) : lines;
    for (const line of sorted) out.push({ line, ref });
  }
  return out;
}

function sortByPosition(lines: (Line & { box: Box })[]): Line[] {
  const byTop = [...lines].sort((a, b) => a.box.y - b.box.y);
  const bands: (Line & { box: Box })[][] = [];
  for (const l of byTop) {
    const band = bands.at(-1);
    const ref = band?.[0];
    if (band && ref && Math.abs(l.box.y - ref.box.y) < Math.min(l.box.h, ref.box.h) * 0.5) band.push(l);
    else bands.push([l]);
  }
  return bands.flatMap((b) => b.sort((x, y) => x.box.x - y.box.x));
}

/** Union of the boxes of `lines` on one page. */
export function unionBox(lines: readonly Line[]): Box | undefined {
  const boxes = lines.map((l) => l.box).filter((b): b is Box => b !== undefined);
  if (boxes.length === 0) return undefined;
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  const r = Math.max(...boxes.map((b) => b.x + b.w));
  const btm = Math.max(...boxes.map((b) => b.y + b.h));
  return { x, y, w: r - x, h: btm - y };
}

/** One evidence entry per page the lines are on: the union of their boxes, the first body line as quote. */
export function evidenceOf(lines: FlowLine[]): Evidence[] {
  const byPage = new Map<PageRef, FlowLine[]>();
  for (const l of lines) byPage.set(l.ref, [...(byPage.get(l.ref) ?? []), l]);
  return [...byPage].map(([ref, ls]) => {
    const box = unionBox(ls.map((l) => l.line));
    const quote = (ls.find((l) => l !== lines[0]) ?? ls[0]!).line.text;
    return { file: ref.file.path, page: ref.page.index, quote: quote.slice(0, 100), ...(box ? { box } : {}) };
  });
}

export function textField(key: string, value: Field["value"], documentId: string, lines: FlowLine[], evidence: Evidence[]): Field {
  return {
    key,
    value,
    raw: typeof value === "string" ? value : String(value),
    documentId,
    confidence: Math.min(...lines.map((l) => l.line.confidence)),
    extractor: "rule:form",
    evidence,
  };
}
