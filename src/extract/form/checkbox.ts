/**
 * Checkbox groups read against the options the spec lists. The state of an option is the box glyph just before
 * it: Word's ☑/☐ (also what ingest makes of content controls), PDF fonts' ■/□, OCR's 口 for an empty box. The box
 * is looked up before the option rather than splitting on glyphs, because 口 is also a letter (API接口).
 */
import type { Checkbox } from "../../model.js";
import { matchKey, normalizeForMatch } from "../normalize/index.js";
import type { CheckboxOption } from "./types.js";

const CHECKED = "☑☒■√✓✔▣◼▪●◉⊠团図回";
const UNCHECKED = "☐□◻○口";
const BOX = new RegExp(`[${CHECKED}${UNCHECKED}]`, "u");
const NOTE_PROMPT = /[（(]\s*(?:请注明|请标明|可多选)\s*[)）]/u;

/** 「其他（请注明）」 → 「其他」: the option's name without its prompt. */
export function optionName(option: string): string {
  return option.replace(NOTE_PROMPT, "").trim();
}

export interface ReadGroup {
  options: CheckboxOption[];
  chosen: string[];
}

/**
 * Options in order with their state and any note written after them. `docx` holds the boxes ingest read from the
 * Word cell; they decide the state when their labels match.
 */
export function readCheckboxes(
  text: string,
  options: readonly string[],
  docx?: readonly Checkbox[],
  ocr = false,
): ReadGroup {
  const key = matchKey(text);
  const found: { name: string; start: number; end: number; mark: string | undefined }[] = [];
  const taken = (a: number, b: number) => found.some((f) => a < f.end && f.start < b);
  for (const option of options) {
    // Filled forms often shorten 「工业制造（含电子信息制造…）」 to 「工业制造」: try the name, then its core.
    const full = optionName(option);
    const core = full.replace(/[（(][^（()）]*[)）]$/u, "").trim();
    for (const name of core && core !== full ? [full, core] : [full]) {
      const at = locate(key.text, normalizeForMatch(name), taken);
      if (at < 0) continue;
      const end = at + normalizeForMatch(name).length;
      found.push({ name, start: at, end, mark: key.text[at - 1] });
      break;
    }
  }
  // Options are read where they are: people reorder them (「是（☑省级 ☐国家级 ☐重点小巨人）」).
  found.sort((a, b) => a.start - b.start);
  const out: CheckboxOption[] = found.map((f, i) => {
    const next = found[i + 1];
    const boxBefore = next?.mark !== undefined && (BOX.test(next.mark) || (ocr && !/\s/.test(next.mark)));
    const noteEnd = next ? next.start - (boxBefore ? 1 : 0) : key.text.length;
    const origStart = key.offsets[f.end] ?? text.length;
    const origEnd = noteEnd < key.offsets.length ? key.offsets[noteEnd]! : text.length;
    const note = cleanNote(text.slice(origStart, Math.max(origStart, origEnd)));
    const fromDocx = docx?.find((b) => normalizeForMatch(optionName(b.label)) === normalizeForMatch(f.name));
    const checked = fromDocx ? fromDocx.checked : isTicked(f.mark, ocr);
    return { label: f.name, checked, ...(note ? { note } : {}) };
  });
  return { options: out, chosen: out.filter((o) => o.checked).map((o) => o.label) };
}

/**
 * OCR reads an empty box as 口 reliably but a ticked one as anything (回, 四, 名, M): there, any character in the
 * box's place that is not an empty box, a space or punctuation counts as ticked.
 */
function isTicked(mark: string | undefined, ocr: boolean): boolean {
  if (mark === undefined) return false;
  if (CHECKED.includes(mark)) return true;
  return ocr && !UNCHECKED.includes(mark) && !/[\s\p{P}\p{S}a-z0-9]/u.test(mark);
}

/** The first free occurrence right after a box glyph, else the first free occurrence. */
function locate(hay: string, needle: string, taken: (a: number, b: number) => boolean): number {
  let plain = -1;
  for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + 1)) {
    if (taken(at, at + needle.length)) continue;
    if (BOX.test(hay[at - 1] ?? "")) return at;
    if (plain < 0) plain = at;
  }
  return plain;
}

/** What follows an option up to the next box: prompts, blanks, colons and brackets are not a note. */
function cleanNote(s: string): string {
  const t = (s.split("\n")[0] ?? "")
    .replace(NOTE_PROMPT, "")
    .replace(new RegExp(`[${CHECKED}${UNCHECKED}]\\s*$`, "u"), "")
    .replace(/[_＿]+/g, " ")
    .replace(/^[\s:：,，;；、]+|[\s:：,，;；、]+$/g, "")
    .trim();
  // A bracket left over from 「是（☑省级 …）」, or a prompt with nothing after it: 「（模型名称：）」.
  if (/^[（()）\s]*$/.test(t) || /^[（(]?[^：:（()）]{1,8}[:：]\s*[)）]?$/.test(t)) return "";
  return t;
}
