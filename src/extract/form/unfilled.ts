/**
 * What is left of a value cell once the template's own text is taken out, and why a cell counts as not filled in:
 * blank, a placeholder (____, XX, （请注明）, （盖章）), or the seed's instruction left in place.
 */
import { matchKey, normalizeForMatch } from "../normalize/index.js";
import type { UnfilledReason } from "./types.js";

export interface Stripped {
  /** The applicant's text, as written. */
  text: string;
  /** Set when nothing of the applicant's is left. */
  reason?: Exclude<UnfilledReason, "unchecked">;
}

const PLACEHOLDER_PARTS = [
  /[_＿]{2,}/gu,
  /[（(]\s*(?:请注明|请标明|盖章|加盖公章|签名|签字|如有[，,]?请提供)\s*[)）]/gu,
  /(?<![A-Za-z])(?:XX|xx|Xx|ＸＸ|xxx|XXX)(?![A-Za-z])/gu,
  /年\s*月\s*日/gu,
  /[…]+|\.{3,}/gu,
  // A unit printed in the template cell (「      家」「（万元）」) with no number before it.
  /^\s*[（(]?\s*(?:家|人|人次|个|项|万元|元|%|亿|TB)\s*[)）]?\s*$/gu,
];
/** Characters that carry nothing: spaces, punctuation, brackets. */
const EMPTY = /^[\s\p{P}\p{S}]*$/u;
/** Once a placeholder was taken out, bare list numbers (「1. ；2. ；3. ……」) carry nothing either. */
const EMPTY_AFTER_PLACEHOLDER = /^[\s\p{P}\p{S}\d]*$/u;

/** Removes the instruction (exactly, under normalizeForMatch; or, for OCR, when the whole text is close to it). */
export function stripTemplate(text: string, instruction: string | undefined, fuzzy: boolean): Stripped {
  let rest = text;
  let hadInstruction = false;
  if (instruction) {
    const cut = cutOut(rest, instruction);
    if (cut !== null) [rest, hadInstruction] = [cut, true];
    else if (fuzzy && similar(rest, instruction)) [rest, hadInstruction] = ["", true];
  }
  rest = rest.trim();
  let bare = rest;
  for (const p of PLACEHOLDER_PARTS) bare = bare.replace(p, " ");
  if (bare !== rest && EMPTY_AFTER_PLACEHOLDER.test(bare)) return { text: "", reason: "placeholder" };
  if (EMPTY.test(rest)) return { text: "", reason: hadInstruction ? "template-instruction" : "blank" };
  return { text: rest };
}

/** `text` without the first occurrence of `part` (compared normalised); null when it does not occur. */
export function cutOut(text: string, part: string): string | null {
  const needle = normalizeForMatch(part);
  if (needle === "") return null;
  const key = matchKey(text);
  const at = key.text.indexOf(needle);
  if (at < 0) return null;
  const start = key.offsets[at]!;
  const endKey = at + needle.length;
  const end = endKey < key.offsets.length ? key.offsets[endKey]! : text.length;
  return `${text.slice(0, start)}${text.slice(end)}`;
}

/** Share of the instruction's character pairs found in the text, for OCR'd instructions with misread characters. */
function similar(text: string, instruction: string): boolean {
  const a = normalizeForMatch(text);
  const b = normalizeForMatch(instruction);
  if (b.length < 6 || a.length > b.length * 1.25) return false;
  const pairs = (s: string) => new Set([...s].slice(1).map((c, i) => s[i] + c));
  const pa = pairs(a);
  const pb = [...pairs(b)];
  return pb.filter((p) => pa.has(p)).length / pb.length >= 0.7;
}
