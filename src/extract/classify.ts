/**
 * Page classification and document splitting: every page of every file gets a document type (DESIGN.md
 * contract ids) from its titles, key phrases and layout, read in order so that a page without a title of its
 * own continues the document before it. The rules are data (./_internal/classify-rules.ts).
 */
import type { DocType, Document, Package, SourceFile } from "../model.js";
import { RULES } from "./_internal/classify-rules.js";
import { confidenceOf, type TypeScore } from "./_internal/classify-score.js";
import { segmentPage, type Segment } from "./_internal/classify-segments.js";
import { runningLines, squash } from "./_internal/classify-text.js";

/** A document that begins on a page, at `line` (index into Page.lines; 0 for the top). */
export interface DocumentStart {
  type: DocType;
  title: string;
  line: number;
  confidence: number;
  reasons: string[];
}

export interface PageClassification {
  /** SourceFile.path */
  file: string;
  /** 1-based page index within the file. */
  page: number;
  /** What the top of the page belongs to. */
  type: DocType;
  confidence: number;
  /** Why: `title:…`, `phrase:…`, `not:…`, `file:…`, `continues:…`. */
  reasons: string[];
  /** Set when a document starts at the top of the page; unset when the page continues the one before. */
  start?: DocumentStart;
  /** Documents that start further down the same page (a Word file's 承诺书 after its form). */
  laterStarts: DocumentStart[];
}

/** A title on the page's top part needs this much evidence, title included, to start a document… */
const START_TOP = 4.5;
/** …and the title itself this much: a full title on the first line (4.8) passes, a half-covered one (3.6) does not. */
const TITLE_TOP = 4;
/** Another document of the open type starts only under a full-size title; a running header continues it. */
const TITLE_SAME = 5;
/** Phrases alone (no title) start a document only this strongly, and only against no continuation evidence. */
const START_PHRASES = 5;
/** The first page of a file is typed from phrases alone from this score on; below, it is `other`. */
const FIRST_PHRASES = 3;
const OTHER_CONFIDENCE = 0.3;
/** A page with less text than this, no title of its own, and a label on top (「附件3」) is a divider. */
const LABEL_CHARS = 30;
const DIVIDER = /^(?:附件|第[一二三四五六七八九十\d]+(?:部分|章|篇))/;

const MAX_PAGES = new Map(RULES.map((r) => [r.type, r.maxPages ?? Infinity]));

const fileHint = (path: string): string =>
  squash(path.split("/").at(-1) ?? path)
    .replace(/\.[A-Za-z0-9]{1,5}$/, "")
    .replace(/[（(][^）)]*[）)]/g, "")
    .replace(/^[0-9]{1,3}[-_.、．]+/, "");

function startOf(seg: Segment, best: TypeScore): DocumentStart {
  const second = seg.scores.find((s) => s.type !== best.type)?.score ?? 0;
  const title = best.title?.text ?? "";
  return {
    type: best.type,
    title,
    line: seg.line,
    confidence: confidenceOf(best.score, second),
    reasons: best.reasons,
  };
}

interface Open {
  type: DocType;
  title: string;
  confidence: number;
  pages: number;
  /** Text read so far: a label page alone (「附件3：营业执照」) is continued by the document it announces. */
  chars: number;
}

/** Decide the page top: a new document, or the open one continued. */
function resolveTop(seg: Segment, open: Open | undefined): Omit<PageClassification, "file" | "page" | "laterStarts"> {
  const best = seg.scores[0];
  const cont = open ? seg.scores.find((s) => s.type === open.type) : undefined;
  const weight = best?.title?.weight ?? 0;
  const titled = weight >= TITLE_TOP && (best?.score ?? 0) >= START_TOP;
  const sameType = open !== undefined && best?.type === open.type;
  const repeated = sameType && (weight < TITLE_SAME || best?.title?.text === open.title || open.chars < LABEL_CHARS);
  if (best && titled && !repeated) {
    const start = startOf(seg, best);
    return { type: best.type, confidence: start.confidence, reasons: best.reasons, start };
  }
  const continued = cont !== undefined && cont.continues > 0;
  const plausible = open !== undefined && (open.pages < (MAX_PAGES.get(open.type) ?? Infinity) || continued);
  const phrasesOnly = best && best.score >= START_PHRASES && best.type !== open?.type && !continued;
  if (open && plausible && !phrasesOnly) {
    const confidence = Math.min(open.confidence, continued ? 0.85 : 0.6);
    return { type: open.type, confidence, reasons: [`continues:${open.title || open.type}`, ...(cont?.reasons ?? [])] };
  }
  if (best && best.score >= FIRST_PHRASES) {
    const start = startOf(seg, best);
    return { type: best.type, confidence: Math.min(start.confidence, 0.7), reasons: best.reasons, start };
  }
  return {
    type: "other",
    confidence: OTHER_CONFIDENCE,
    reasons: [],
    start: { type: "other", title: "", line: 0, confidence: OTHER_CONFIDENCE, reasons: [] },
  };
}

const charsOf = (segs: readonly Segment[]) =>
  segs.reduce((n, s) => n + s.lines.reduce((m, l) => m + l.text.length, 0), 0);

function classifyFile(file: SourceFile): PageClassification[] {
  const hint = fileHint(file.path);
  const running = runningLines(file);
  const out: PageClassification[] = [];
  let open: Open | undefined;
  let label: PageClassification | undefined;
  for (const page of file.pages) {
    const segs = segmentPage(page, hint, running);
    const [top, ...rest] = segs;
    const chars = charsOf(segs);
    const resolved = resolveTop(top, open);
    const laterStarts = rest.flatMap((seg) => (seg.scores[0] ? [startOf(seg, seg.scores[0])] : []));
    const c: PageClassification = { file: file.path, page: page.index, ...resolved, laterStarts };
    if (resolved.start && label) pullBack(label, c);
    const isLabel = chars < LABEL_CHARS && DIVIDER.test(top.lines[0]?.text ?? "");
    label = !c.start && laterStarts.length === 0 && isLabel ? c : undefined;
    if (resolved.start) open = { ...openOf(resolved.start), chars: 0 };
    else if (open) open = { ...open, pages: open.pages + 1 };
    for (const s of laterStarts) open = { ...openOf(s), chars: 0 };
    if (open) open.chars += chars;
    out.push(c);
  }
  return out;
}

const openOf = (s: DocumentStart) => ({ type: s.type, title: s.title, confidence: s.confidence, pages: 1 });

/** A divider page (「附件3」 alone) opens the document that starts on the page after it. */
function pullBack(divider: PageClassification, next: PageClassification): void {
  const start = next.start!;
  Object.assign(divider, {
    type: start.type,
    confidence: start.confidence,
    reasons: ["divider", ...start.reasons],
    start: { ...start, line: 0 },
  });
  next.reasons = [`continues:${start.title || start.type}`, ...next.reasons];
  delete next.start;
}

export function classifyPages(pkg: Package): PageClassification[] {
  return pkg.files.flatMap(classifyFile);
}

/**
 * Group pages into documents: a document runs from its start to the page before the next start in the same
 * file (or to the same page when the next one starts further down it). Ids `d1`, `d2`, … in package order.
 */
export function splitDocuments(pkg: Package, classes: PageClassification[] = classifyPages(pkg)): Document[] {
  const docs: Document[] = [];
  for (const file of pkg.files) {
    const pages = classes.filter((c) => c.file === file.path);
    let current: Document | undefined;
    const open = (s: DocumentStart, page: number) => {
      current = {
        id: "",
        type: s.type,
        title: s.title,
        file: file.path,
        pages: [page, page],
        confidence: s.confidence,
        classifiedBy: "rule",
      };
      docs.push(current);
    };
    for (const c of pages) {
      if (c.start) open(c.start, c.page);
      else if (current) current.pages = [current.pages[0], c.page];
      else open({ type: c.type, title: "", line: 0, confidence: c.confidence, reasons: c.reasons }, c.page);
      for (const s of c.laterStarts) open(s, c.page);
    }
  }
  return docs.map((d, i) => ({ ...d, id: `d${i + 1}` }));
}
