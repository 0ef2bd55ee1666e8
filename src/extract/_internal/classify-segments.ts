/**
 * Cut a page where a document title appears, and score each part. Word files put the form, its 承诺书 and a
 * pasted licence copy on one "page", so a document may start anywhere on a page, not only at its top.
 */
import type { Page } from "../../model.js";
import { RULES } from "./classify-rules.js";
import { scoreLines, titleMatch, titleWeight, type TypeScore } from "./classify-score.js";
import { pageText, type TextLine } from "./classify-text.js";

/** A part of a page that begins with a title has to score this much to start a document below the top. */
const START_MID = 6.5;
/** Text before the first title shorter than this is a section heading (「四、附件材料」), not a document. */
const PREAMBLE_CHARS = 30;
/** A page naming this many different document types in its lines is a list (目录, 附件清单), not a title page. */
const LIST_TYPES = 3;
/** Lines either side of a line that count as its neighbours in a list. */
const LIST_WINDOW = 3;

export interface Segment {
  /** Index into Page.lines of the first line. */
  line: number;
  lines: TextLine[];
  /** Best first. */
  scores: TypeScore[];
}

const namedTypes = (text: string) =>
  text.length > 40 ? [] : RULES.filter((rule) => rule.type !== "toc" && titleMatch(rule, text)).map((r) => r.type);

/**
 * Titles in a list (目录, 附件清单) are its entries, not titles: a line naming a type among neighbours that name
 * LIST_TYPES different types loses its prominence, unless it is the page's first line.
 */
function demoteLists(lines: TextLine[]): TextLine[] {
  const named = lines.map((l) => namedTypes(l.text));
  return lines.map((l, i) => {
    if (i === 0 || l.prominence === 0 || named[i]!.length === 0) return l;
    const near = new Set(named.slice(Math.max(0, i - LIST_WINDOW), i + LIST_WINDOW + 1).flat());
    return near.size >= LIST_TYPES ? { ...l, prominence: 0 } : l;
  });
}

/** Lines where some title could begin a document. */
function breaks(lines: readonly TextLine[]): number[] {
  const out: number[] = [];
  lines.forEach((l, i) => {
    if (l.prominence === 0) return;
    const hit = RULES.some((rule) => {
      const m = titleMatch(rule, l.text, l.ocr);
      return m !== undefined && m.coverage >= 0.3 && titleWeight(l.prominence, m) >= 3;
    });
    if (hit && i > 0) out.push(i);
  });
  return out;
}

function segment(lines: TextLine[], fileName: string): Segment {
  return {
    line: lines[0]?.index ?? 0,
    lines,
    scores: scoreLines(lines, fileName),
  };
}

export function segmentPage(page: Page, fileName: string, running?: ReadonlySet<string>): [Segment, ...Segment[]] {
  const lines = demoteLists(pageText(page, running));
  if (lines.length === 0) return [segment([], fileName)];
  const cuts = [0, ...breaks(lines), lines.length];
  const parts: TextLine[][] = [];
  for (let i = 0; i + 1 < cuts.length; i++) parts.push(lines.slice(cuts[i], cuts[i + 1]));
  // A short heading above the first title belongs to the document under it.
  const head = parts[0];
  const chars = (ls: readonly TextLine[]) => ls.reduce((n, l) => n + l.text.length, 0);
  if (parts.length > 1 && head && chars(head) < PREAMBLE_CHARS && parts[1]) parts.splice(0, 2, [...head, ...parts[1]]);

  const out: Segment[] = [];
  for (const part of parts) {
    const seg = segment(part, fileName);
    const prev = out.at(-1);
    const best = seg.scores[0];
    const startsHere = best?.title !== undefined && best.title.line === seg.line && best.score >= START_MID;
    // A part too weak to start a document is more of the one above; its lines do not re-decide that one's type.
    if (!prev) out.push(seg);
    else if (!startsHere) out[out.length - 1] = { ...prev, lines: [...prev.lines, ...part] };
    // The same document under its title (a licence's code block read above 「营业执照」): the title's evidence
    // counts for it, else a weak preamble would leave the whole page `other`.
    else if (best.type === prev.scores[0]?.type)
      out[out.length - 1] = { ...prev, lines: [...prev.lines, ...part], scores: best.score > prev.scores[0].score ? seg.scores : prev.scores };
    else out.push(seg);
  }
  return out as [Segment, ...Segment[]];
}
