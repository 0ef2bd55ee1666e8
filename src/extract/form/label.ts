/**
 * Label matching: a cell's text against a form label, after normalizeForMatch. A year in the label
 * (「2024年营业收入」) matches any year and is captured; OCR'd text may have one wrong character in a label of
 * at least 4 characters.
 */
import { matchKey, normalizeForMatch } from "../normalize/text.js";

const YEAR = /20\d\d/g;
const YEAR_MARK = "§";

export interface LabelMatch {
  /** "exact": the cell is the label; "prefix": the label is followed by the value in the same cell. */
  kind: "exact" | "prefix";
  /** The rest of the cell after the label, as written (trimmed, leading colon removed). */
  rest: string;
  year?: string;
  /** Characters that differed (OCR tolerance). */
  errors: number;
  /** Length of the matched label (longer labels win over their prefixes). */
  length: number;
}

/** The key labels are compared under: normalised, trailing colon dropped. */
export function labelKey(text: string): string {
  return normalizeForMatch(text).replace(/[:：]+$/, "");
}

/** The label and its variants: aliases, and the label without a trailing （…） when at least 4 characters remain. */
export function labelVariants(label: string, aliases: readonly string[] = []): string[] {
  const out = [label, ...aliases];
  for (const l of [label, ...aliases]) {
    const core = l.replace(/[（(][^（()）]*[)）]\s*$/, "").trim();
    if (core !== l && normalizeForMatch(core).length >= 4) out.push(core);
  }
  return [...new Set(out.map(labelKey))].filter((k) => k.length > 0);
}

export function matchLabel(text: string, variants: readonly string[], fuzzy: boolean): LabelMatch | null {
  let best: LabelMatch | null = null;
  for (const v of variants) {
    const m = matchOne(text, v, fuzzy);
    if (m && (!best || better(m, best))) best = m;
  }
  return best;
}

function better(a: LabelMatch, b: LabelMatch): boolean {
  if (a.errors !== b.errors) return a.errors < b.errors;
  if (a.kind !== b.kind) return a.kind === "exact";
  return a.length > b.length;
}

function matchOne(text: string, label: string, fuzzy: boolean): LabelMatch | null {
  const key = matchKey(text);
  const years: string[] = [];
  const keyText = key.text.replace(YEAR, (y) => (years.push(y), YEAR_MARK));
  // Offsets of keyText characters back into key.text (a year mark stands for four characters).
  const back: number[] = [];
  for (let i = 0, j = 0; i < keyText.length; i++) {
    back.push(j);
    j += keyText[i] === YEAR_MARK ? 4 : 1;
  }
  back.push(key.text.length);
  const pattern = label.replace(YEAR, YEAR_MARK);
  const n = pattern.length;
  const allowed = fuzzy && n >= 4 ? 1 : 0;
  const yearOf = (upTo: number) => (pattern.includes(YEAR_MARK) ? years[countMarks(keyText.slice(0, upTo))] : undefined);

  if (keyText.length >= n) {
    const errors = substitutions(keyText.slice(0, n), pattern);
    if (errors <= allowed) {
      const restStart = back[n]!;
      let rest = restOf(text, key.offsets, restStart);
      // Punctuation after a label is not a value; nor is one stray character OCR read off a cell border.
      const bare = rest.replace(/[\s\p{P}\p{S}]/gu, "");
      if (bare === "" || (fuzzy && bare.length === 1 && !/\d/.test(bare))) rest = "";
      return { kind: rest === "" ? "exact" : "prefix", rest, year: yearOf(0), errors, length: n };
    }
  }
  // OCR may drop or add one character: allow one insertion/deletion for a whole-cell match.
  if (allowed && Math.abs(keyText.length - n) === 1 && levenshteinAtMostOne(keyText.replace(/[:：]$/, ""), pattern)) {
    return { kind: "exact", rest: "", year: yearOf(0), errors: 1, length: n };
  }
  return null;
}

function countMarks(s: string): number {
  return [...s].filter((c) => c === YEAR_MARK).length;
}

function restOf(text: string, offsets: number[], keyIndex: number): string {
  if (keyIndex >= offsets.length) return "";
  return text.slice(offsets[keyIndex]!).replace(/^[\s:：]+/, "").trim();
}

function substitutions(a: string, b: string): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n;
}

function levenshteinAtMostOne(a: string, b: string): boolean {
  if (a === b) return true;
  const [s, l] = a.length < b.length ? [a, b] : [b, a];
  if (l.length - s.length > 1) return false;
  let i = 0;
  while (i < s.length && s[i] === l[i]) i++;
  return s.length === l.length ? s.slice(i + 1) === l.slice(i + 1) : s.slice(i) === l.slice(i + 1);
}

/** Years found in a column header such as 「2024年」「2024 年度」. */
export function headerYear(text: string): string | undefined {
  const m = /^(20\d\d)\s*年?度?$/.exec(normalizeForMatch(text));
  return m?.[1];
}
