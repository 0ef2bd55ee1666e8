/**
 * Narrative sections introduced by a numbered heading (「（一）项目概述。包括立项的背景…」). A section runs to the next section heading, the next top-level heading
 * (「四、附件材料」) or the 承诺书/附件 that follow the form.
 */
import { countChars } from "../normalize/index.js";
import type { PageRef } from "../types.js";
import { evidenceOf, flowLines, textField, type FlowLine } from "./flow.js";
import { labelVariants, matchLabel } from "./label.js";
import { readCover } from "./cover.js";
import { stripTemplate } from "./unfilled.js";
import type { FormParse, FormSpec, SectionSpec } from "./types.js";

const NUMBERING = /^\s*\**\s*(?:[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|[一二三四五六七八九十\d]+\s*[、.．])\s*\**\s*/u;
const STOP = /^\s*(?:[一二三四五六七八九十]+\s*、|附件\s*[\d一二三四五六七八九十]|承诺书|真实性承诺|目\s*录)/u;
/** Under 「（五）研发情况报告」 the sections are 「1.项目概述」…; the next 「（六）…」 ends the last of them. */
const PAREN_HEADING = /^\s*\**\s*[（(]\s*[一二三四五六七八九十]+\s*[)）]/u;

interface Heading {
  index: number;
  spec: SectionSpec;
  /** Numbered 「1.」 rather than 「（一）」: a 「（x）」 heading is then a level up and ends the section. */
  arabic: boolean;
  rest: string;
}

/** `coverPage`: the page to read cover lines from (the first page, unless the form's table starts on it). */
export function readSections(
  pages: readonly PageRef[],
  spec: FormSpec,
  documentId: string,
  coverPage: PageRef | null,
): FormParse {
  const out: FormParse = { fields: [], unfilled: [], sections: [], checkboxGroups: [] };
  const flow = flowLines(pages);
  const headings = findHeadings(flow, spec.sections);
  for (const s of spec.sections) {
    const mine = headings.filter((h) => h.spec === s);
    if (mine.length === 0) continue;
    // A heading also appears in a 目录; the occurrence with the most text after it is the section.
    const bodies = mine.map((h) => bodyOf(flow, headings, h));
    const body = bodies.reduce((a, b) => (countChars(b.text) >= countChars(a.text) ? b : a));
    const evidence = evidenceOf(body.lines);
    const fuzzy = body.lines.some((l) => l.line.source === "ocr");
    const stripped = stripTemplate(body.text, s.instruction, fuzzy);
    if (stripped.reason) {
      out.unfilled.push({ key: s.key, label: s.label, reason: stripped.reason, evidence });
      continue;
    }
    const text = stripped.text.trim();
    out.sections.push({ key: s.key, label: s.label, text, charCount: countChars(text), ...(s.maxChars ? { maxChars: s.maxChars } : {}), evidence });
    out.fields.push(textField(s.key, text, documentId, body.lines, evidence));
  }
  if (coverPage) readCover(coverPage, spec, documentId, out);
  return out;
}

function findHeadings(flow: FlowLine[], specs: readonly SectionSpec[]): Heading[] {
  const variants = specs.map((s) => labelVariants(s.label));
  const out: Heading[] = [];
  flow.forEach((f, index) => {
    const text = f.line.text;
    const numbered = NUMBERING.exec(text);
    const after = numbered ? text.slice(numbered[0].length) : text;
    specs.forEach((spec, i) => {
      const m = matchLabel(after, variants[i]!, f.line.source === "ocr");
      if (!m || (!numbered && m.kind !== "exact")) return;
      const arabic = numbered !== null && /^\s*\**\s*\d/.test(numbered[0]);
      out.push({ index, spec, arabic, rest: m.rest.replace(/^[。．.:：\s*]+/u, "") });
    });
  });
  return out;
}

function bodyOf(flow: FlowLine[], headings: Heading[], h: Heading): { text: string; lines: FlowLine[] } {
  const starts = new Set(headings.map((x) => x.index));
  const lines: FlowLine[] = [flow[h.index]!];
  const parts = [h.rest];
  const ends = (text: string) => STOP.test(text) || (h.arabic && PAREN_HEADING.test(text));
  for (let i = h.index + 1; i < flow.length && !starts.has(i) && !ends(flow[i]!.line.text); i++) {
    lines.push(flow[i]!);
    parts.push(flow[i]!.line.text);
  }
  // Word paragraphs are separate lines of text; positioned lines are wrapped lines of one paragraph.
  const sep = flow[h.index]!.line.box ? "" : "\n";
  return { text: parts.filter((p) => p !== "").join(sep), lines };
}

