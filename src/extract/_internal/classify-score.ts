/**
 * The generic scorer: evidence for each rule of classify-rules.ts on one page (or one part of a page).
 */
import type { DocType } from "../../model.js";
import { RULES, TITLE_NOISE, TITLE_PREFIX, type DocRule, type Phrase } from "./classify-rules.js";
import type { TextLine } from "./classify-text.js";

/** Weight of a title on a fully prominent line that the title fully covers. */
const TITLE_WEIGHT = 6;
/** File-name hint, added only to types the content already supports. */
const FILE_WEIGHT = 1.5;
/** Phrases alone never outweigh a title. */
const PHRASE_CAP = 5;
/** At most this many characters may precede a title that closes its line. */
const CLOSING_PREFIX = 24;

export interface TitleHit {
  type: DocType;
  /** Index into Page.lines. */
  line: number;
  /** The squashed line the title was found on. */
  text: string;
  weight: number;
}

export interface TypeScore {
  type: DocType;
  score: number;
  title?: TitleHit;
  reasons: string[];
  /** Evidence that the page continues an open document of this type. */
  continues: number;
}

/** A literal title misread in exactly one character (an exact reading was already refused by the regexes). */
function nearMiss(name: string, text: string): boolean {
  if (name.length < 3) return false;
  for (let i = 0; i + name.length <= text.length; i++) {
    let miss = 0;
    for (let j = 0; j < name.length && miss < 2; j++) if (text[i + j] !== name[j]) miss++;
    if (miss === 1) return true;
  }
  return false;
}

/**
 * Whether `rule` names its title on this line (numbering stripped), with how much of the line the title
 * covers; `ocr` also accepts one misread character, at a lower weight.
 */
export function titleMatch(rule: DocRule, line: string, ocr = false): { coverage: number; fuzzy: boolean } | undefined {
  const stripped = line.replace(TITLE_PREFIX, "");
  const core = stripped.replace(TITLE_NOISE, "");
  const cover = (hit: string) =>
    Math.min(1, Math.max(hit.replace(TITLE_NOISE, "").length, 1) / Math.max(core.length, 1));
  let best: number | undefined;
  for (const re of rule.titles) {
    const m = re.exec(stripped);
    if (!m) continue;
    // A title closing the line names the document whatever precedes it (「湖南××有限公司2024年度审计报告」).
    const closes = stripped.slice(m.index + m[0].length).replace(TITLE_NOISE, "") === "" && m.index <= CLOSING_PREFIX;
    best = Math.max(best ?? 0, cover(m[0]), closes ? 0.8 : 0);
  }
  if (best !== undefined) return { coverage: best, fuzzy: false };
  if (!ocr) return undefined;
  const name = rule.names?.find((n) => nearMiss(n, stripped));
  return name ? { coverage: cover(name), fuzzy: true } : undefined;
}

/** Weight of a title hit: prominence of the line, how much of it the title covers, and whether OCR garbled it. */
export const titleWeight = (prominence: number, m: { coverage: number; fuzzy: boolean }): number =>
  TITLE_WEIGHT * prominence * (0.5 + 0.5 * m.coverage) * (m.fuzzy ? 0.75 : 1);

function phraseScore(phrases: readonly Phrase[], lines: readonly TextLine[], reasons: string[], tag: string): number {
  let total = 0;
  for (const ph of phrases) {
    let n = 0;
    for (const l of lines) {
      if (n >= (ph.max ?? 1)) break;
      const m = ph.re.exec(l.text);
      if (m) {
        n++;
        if (n === 1) reasons.push(`${tag}:${m[0]}`);
      }
    }
    total += n * ph.w;
  }
  return total;
}

/** The best title of `rule` among the lines, weighted by prominence and coverage. */
function bestTitle(rule: DocRule, lines: readonly TextLine[]): TitleHit | undefined {
  let best: TitleHit | undefined;
  for (const l of lines) {
    if (l.prominence === 0) continue;
    const m = titleMatch(rule, l.text, l.ocr);
    if (!m || m.coverage < 0.3) continue;
    const weight = titleWeight(l.prominence, m);
    if (!best || weight > best.weight) best = { type: rule.type, line: l.index, text: l.text, weight };
  }
  return best;
}

export function scoreLines(lines: readonly TextLine[], fileName: string): TypeScore[] {
  const out: TypeScore[] = [];
  for (const rule of RULES) {
    const reasons: string[] = [];
    const title = bestTitle(rule, lines);
    if (title) reasons.push(`title:${title.text}`);
    const phrases = Math.min(PHRASE_CAP, phraseScore(rule.phrases, lines, reasons, "phrase"));
    const negatives = phraseScore(rule.negatives ?? [], lines, reasons, "not");
    let score = (title?.weight ?? 0) + phrases - negatives;
    if (score > 0 && (rule.files ?? rule.titles).some((re) => re.test(fileName))) {
      score += FILE_WEIGHT;
      reasons.push(`file:${fileName}`);
    }
    const continues = (rule.continues ?? []).filter((re) => lines.some((l) => re.test(l.text))).length;
    out.push({ type: rule.type, score: Math.max(0, score), ...(title ? { title } : {}), reasons, continues });
  }
  return out.sort((a, b) => b.score - a.score);
}

/** 0..1 from the winning score and its margin over the runner-up. */
export function confidenceOf(best: number, second: number): number {
  if (best <= 0) return 0;
  const strength = 1 - Math.exp(-best / 5);
  const margin = (best - second) / best;
  return Math.round(strength * (0.6 + 0.4 * margin) * 100) / 100;
}
