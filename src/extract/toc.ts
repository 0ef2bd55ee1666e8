/**
 * Parse a 目录 into entries with the page numbers printed beside them, e.g. 「一、申报书 ........ 1」,
 * 「附件1 营业执照复印件 …… 15」, 「（三）审计报告 3-8」. Handles dot leaders of any kind, tab or space gaps,
 * entries wrapped over two lines, two columns read into one line, and a TOC that runs over several pages.
 */
import type { Box, DocType, SourceFile } from "../model.js";
import { RULES, TITLE_PREFIX } from "./_internal/classify-rules.js";
import { titleMatch } from "./_internal/classify-score.js";
import { squash } from "./_internal/classify-text.js";
import type { PageRef } from "./types.js";

export interface TocEntry {
  /** The entry text without leader and page number, whitespace collapsed. */
  title: string;
  /** The printed page number the entry points at (first page of a range); null when none is given. */
  printedPage: number | null;
  /** Last page of a range such as 「3-8」. */
  printedPageEnd?: number;
  /** 1 = outermost; numbering styles get levels in the order they first appear (一、 → 1, （一） → 2, …). */
  level: number;
  /** Where the entry was read (the line holding its page number). */
  line: { file: string; page: number; index: number; text: string; box?: Box };
  /** The document type the entry names, when recognisable. */
  docType?: DocType;
}

const LEADER = "[.．·•…⋯_\\-—－]";
const RANGE = "(\\d{1,3})(?:\\s*[-－~～—至]\\s*(\\d{1,3}))?";
/** Text, a leader (or a gap), a page number or range, then either the line's end or a gap before the next column. */
const ENTRY = new RegExp(
  `(.+?)(?:${LEADER}{2,}\\s*|\\s*\\t+\\s*|[\\s\\u3000]+)(?:第\\s*)?${RANGE}\\s*页?(?=[\\s\\u3000]{2,}\\S|\\s*$)`,
  "gu",
);
const HEADER = /^(?:目录|目次|contents)$/i;
/** A line without a page number this long was cut by the page width; a shorter one is a heading of its own. */
const WRAPPED = 12;
const FOOTER = /^[-—－\s]*\d{1,3}[-—－\s]*$/;

const STYLES: [string, RegExp][] = [
  ["part", /^第[一二三四五六七八九十\d]+(?:部分|章|篇)/],
  ["cn", /^[一二三四五六七八九十]+[、.．]/],
  ["cn-paren", /^[（(][一二三四五六七八九十]+[）)]/],
  ["roman", /^[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+[、.．\s]|^(?:I|II|III|IV|V|VI|VII|VIII|IX|X)[.、]\s*/],
  ["attachment", /^附件\s*[\d一二三四五六七八九十]*/],
  ["num-dot", /^\d{1,2}(?:\.\d{1,2})+/],
  ["num", /^\d{1,2}[、.．]/],
  ["num-paren", /^[（(]\d{1,2}[）)]/],
];

const styleOf = (title: string): string => STYLES.find(([, re]) => re.test(title))?.[0] ?? "plain";

function docTypeOf(title: string): DocType | undefined {
  let best: { type: DocType; coverage: number } | undefined;
  for (const rule of RULES) {
    const m = titleMatch(rule, squash(title));
    if (m && m.coverage >= 0.3 && (!best || m.coverage > best.coverage))
      best = { type: rule.type, coverage: m.coverage };
  }
  return best?.type;
}

interface RawEntry {
  title: string;
  from: number | null;
  to?: number;
  line: TocEntry["line"];
}

/** Entries on one line: usually one, two when a two-column TOC was read row by row. */
function entriesOf(text: string): { title: string; from: number; to?: number }[] {
  const out: { title: string; from: number; to?: number }[] = [];
  for (const m of text.matchAll(ENTRY)) {
    const title = (m[1] ?? "")
      .replace(new RegExp(`${LEADER}+$`, "u"), "")
      .replace(/\s+/g, " ")
      .trim();
    if (squash(title).replace(TITLE_PREFIX, "").length < 2) continue;
    const from = Number(m[2]);
    const to = m[3] === undefined ? undefined : Number(m[3]);
    out.push({ title, from, ...(to !== undefined && to > from ? { to } : {}) });
  }
  return out;
}

export function parseToc(pages: readonly PageRef[]): TocEntry[] {
  const raw: RawEntry[] = [];
  // A line without a page number: a section heading, or the first half of a wrapped entry.
  const flush = (pending: TocEntry["line"] | undefined) => {
    if (pending && styleOf(pending.text) !== "plain") raw.push({ title: pending.text, from: null, line: pending });
  };
  for (const { file, page } of pages) {
    let pending: TocEntry["line"] | undefined;
    page.lines.forEach((l, index) => {
      const text = l.text.trim();
      if (text === "" || HEADER.test(squash(text)) || FOOTER.test(text)) return;
      const at = { file: file.path, page: page.index, index, text, ...(l.box ? { box: l.box } : {}) };
      const joined = pending !== undefined && squash(pending.text).length >= WRAPPED && styleOf(text) === "plain";
      const found = entriesOf(joined ? `${pending!.text}${text}` : text);
      if (found.length === 0) {
        flush(pending);
        pending = at;
        return;
      }
      if (!joined) flush(pending);
      pending = undefined;
      for (const e of found)
        raw.push({ title: e.title, from: e.from, ...(e.to !== undefined ? { to: e.to } : {}), line: at });
    });
    flush(pending);
  }
  const levels = new Map<string, number>();
  return raw.map((e) => {
    const style = styleOf(e.title);
    if (!levels.has(style)) levels.set(style, levels.size + 1);
    const docType = docTypeOf(e.title);
    return {
      title: e.title.replace(/\s+/g, " "),
      printedPage: e.from,
      ...(e.to !== undefined ? { printedPageEnd: e.to } : {}),
      level: levels.get(style) ?? 1,
      line: e.line,
      ...(docType ? { docType } : {}),
    };
  });
}

/**
 * The page of `file` that carries printed page number `printed`: the page whose footer shows it, else by the
 * offset of the nearest numbered page before it (a scanned page rarely yields its footer), else after it.
 */
export function physicalPage(file: SourceFile, printed: number): number | undefined {
  const numbered = file.pages.filter((p) => p.printedPageNumber !== undefined);
  const exact = numbered.find((p) => p.printedPageNumber === printed);
  if (exact) return exact.index;
  const before = numbered.filter((p) => p.printedPageNumber! < printed).at(-1);
  const after = numbered.find((p) => p.printedPageNumber! > printed);
  const anchor = before ?? after;
  if (!anchor) return undefined;
  const index = anchor.index + (printed - anchor.printedPageNumber!);
  const page = file.pages.find((p) => p.index === index);
  return page && page.printedPageNumber === undefined ? index : undefined;
}
