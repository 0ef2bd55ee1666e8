/**
 * Page text as the classifier sees it: squashed lines (no spaces, so 「审 计 报 告」 reads 审计报告) and, for
 * each line, how prominent it is as a possible title.
 */
import type { Line, Page, SourceFile } from "../../model.js";

export interface TextLine {
  /** Index into Page.lines. */
  index: number;
  /** The line without any whitespace. */
  text: string;
  /** 0 = body text; up to 1 = unmistakably a heading (large font, Word heading, first line of a scan). */
  prominence: number;
  /** Read by OCR (titles may be garbled by one character). */
  ocr: boolean;
}

const SPACE = /[\s\u3000\u00a0]+/g;
/** A TOC entry or list line: text, a leader or gap, then a page number or range. */
const TOC_LINE = /^(.{2,}?)(?:[.．·•…⋯_\-—－]{2,}|[\s\u3000]{2,}|\t+)\s*(\d{1,3}(?:\s*[-－~～—至]\s*\d{1,3})?)\s*$/;
const SENTENCE_END = /[。；;，,：:]$/;
const MAX_TITLE = 40;
/** OCR lines below this are noise that could spell anything. */
const MIN_CONFIDENCE = 0.3;

export const squash = (s: string): string => s.replace(SPACE, "");

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

/** Height of a line for comparing sizes: font size from a text layer, box height from OCR. */
const sizeOf = (l: Line): number | undefined => l.fontSize ?? l.box?.h;

/** Lines at a page edge that recur on this share of a file's pages (at least 3) are running headers or footers. */
const RUNNING_SHARE = 0.5;
const EDGE_LINES = 2;

/** Running headers and footers of a file (squashed), which say nothing about the page they are on. */
export function runningLines(file: SourceFile): Set<string> {
  const counts = new Map<string, number>();
  for (const page of file.pages) {
    const texts = page.lines.map((l) => squash(l.text)).filter((t) => t !== "");
    const edges = new Set([...texts.slice(0, EDGE_LINES), ...texts.slice(-EDGE_LINES)]);
    for (const t of edges) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  const min = Math.max(3, file.pages.length * RUNNING_SHARE);
  return new Set([...counts].filter(([, n]) => n >= min).map(([t]) => t));
}

export function pageText(page: Page, running: ReadonlySet<string> = new Set()): TextLine[] {
  const sizes = page.lines.map(sizeOf).filter((x): x is number => x !== undefined && x > 0);
  const body = median(sizes);
  const out: TextLine[] = [];
  let firstSeen = false;
  let prevImage: number | undefined;
  page.lines.forEach((line, index) => {
    const text = squash(line.text);
    if (text === "" || running.has(text) || line.confidence < MIN_CONFIDENCE) return;
    const firstOfImage = line.image !== undefined && line.image !== prevImage;
    prevImage = line.image;
    const first = !firstSeen;
    firstSeen = true;
    out.push({
      index,
      text,
      prominence: prominence(line, text, page, body, first || firstOfImage),
      ocr: line.source === "ocr",
    });
  });
  return out;
}

function prominence(line: Line, text: string, page: Page, body: number, first: boolean): number {
  if (text.length > MAX_TITLE || line.cell !== undefined || SENTENCE_END.test(text)) return 0;
  if (TOC_LINE.test(line.text.trim())) return 0;
  let p = 0;
  const size = sizeOf(line);
  if (size !== undefined && body > 0 && size >= body * 1.15) p = Math.max(p, 1);
  if (line.headingLevel !== undefined && line.headingLevel <= 3) p = Math.max(p, 1);
  if (first) p = Math.max(p, 0.8);
  if (line.box && page.width > 0 && text.length <= 24) {
    const centre = line.box.x + line.box.w / 2;
    if (Math.abs(centre - page.width / 2) < page.width * 0.08 && line.box.w < page.width * 0.7) p = Math.max(p, 0.9);
  }
  // Word pages carry no geometry: a short standalone paragraph is the best heading hint left.
  if (page.unit === "none" && text.length <= 24) p = Math.max(p, 0.6);
  return p;
}
