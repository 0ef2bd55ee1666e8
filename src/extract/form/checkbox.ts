/**
 * Checkbox groups read against the options the spec lists, the way people actually mark a choice:
 * - a box or tick next to the option: Word's ☑/☐ (also what ingest makes of content controls), PDF fonts' ■/□,
 *   √ ✓ ✔ ▇ █ ◼, bracketed ticks [x] [√] (√) （√） and empty brackets （ ）, OCR's 口 for an empty box. The mark
 *   is usually before the option (「☑民营企业」) but some forms put it after (「是 ☑ 否 ☐」, 「是（√）否（ ）」);
 * - the option written out alone, the others deleted (「多模态大模型」), or written again after the list;
 * - the option set in bold, highlighted or underlined when the others are not, or the others struck through
 *   (Word run formatting, see Line.marks).
 * ☒ ⊠ ⌧ count as ticks (Word's own checked glyphs). A bare × ✗ ✘ is read as a tick only when nothing else is
 * ticked, and the group is then marked doubtful: many people cross out what they reject rather than what they
 * choose. Marks that do not settle a choice leave `chosen` empty and say why in `doubtful`; nothing is guessed.
 * Marks are looked up next to an option rather than splitting on glyphs, because 口 is also a letter (API接口).
 */
import type { Checkbox, Line, TextMarkKind } from "../../model.js";
import { matchKey, normalizeForMatch } from "../normalize/index.js";
import type { CheckboxOption } from "./types.js";

/** Ticked boxes and ticks, as they are after NFKC (OCR reads a ticked box as 团, 図 or 回). */
const TICK = "☑✅■√✓✔▣◼▪▇█●◉⊠☒⌧🗹团図回";
const CROSS = "×✗✘╳";
const EMPTY = "☐□◻▢❑○口";
const MARK = TICK + CROSS + EMPTY;
const NOTE_PROMPT = /[（(]\s*(?:请注明|请标明|可多选)\s*[)）]/u;
/** 「[x]」「（√）」「【✓】」 and the empty 「（ ）」「[ ]」: one glyph each, padded to the same length. */
const BRACKETED = /[[［【(（]\s*([xX×✗✘√✓✔vV☑■])?\s*[\]］】)）]/gu;

/** 「其他（请注明）」 → 「其他」: the option's name without its prompt. */
export function optionName(option: string): string {
  return option.replace(NOTE_PROMPT, "").trim();
}

/** Run emphasis of the cell's text (Line.marks), as the text it covers. */
export interface MarkedText {
  text: string;
  kind: TextMarkKind;
}

/** The emphasised stretches of a cell's lines (Line.marks) as text. */
export function markedTexts(lines: readonly Line[]): MarkedText[] {
  return lines.flatMap((l) => (l.marks ?? []).map((m) => ({ text: l.text.slice(m.start, m.end), kind: m.kind })));
}

export interface ReadGroup {
  options: CheckboxOption[];
  chosen: string[];
  /** Set when the cell is marked but what it chooses is in doubt; says why, for the reviewer. */
  doubtful?: string;
}

interface Found {
  name: string;
  start: number;
  end: number;
  /** The mark that belongs to this option, if any. */
  mark?: string;
}

/**
 * Options in order with their state and any note written after them. `docx` holds the boxes ingest read from the
 * Word cell; they decide the state when their labels match. `marks`: the cell's bold, highlighted, underlined and
 * struck-through stretches.
 */
export function readCheckboxes(
  text: string,
  options: readonly string[],
  docx?: readonly Checkbox[],
  ocr = false,
  marks: readonly MarkedText[] = [],
): ReadGroup {
  const source = text.replace(BRACKETED, (m, g: string | undefined) => bracketGlyph(m, g));
  const key = matchKey(source);
  const found = locateAll(key.text, options);
  const after = ownMarks(found, key.text, source, key.offsets, ocr);
  const out: CheckboxOption[] = found.map((f, i) => {
    const next = found[i + 1];
    const noteStart = f.end + (MARK.includes(key.text[f.end] ?? "\0") ? 1 : 0);
    const boxBefore = next && next.start > 0 && (MARK.includes(key.text[next.start - 1]!) || ocr);
    const noteEnd = next ? Math.max(noteStart, next.start - (boxBefore ? 1 : 0)) : key.text.length;
    const origStart = key.offsets[noteStart] ?? source.length;
    const origEnd = noteEnd < key.offsets.length ? key.offsets[noteEnd]! : source.length;
    const note = cleanNote(source.slice(origStart, Math.max(origStart, origEnd)));
    const fromDocx = after ? undefined : docx?.find((b) => normalizeForMatch(optionName(b.label)) === normalizeForMatch(f.name));
    const checked = fromDocx ? fromDocx.checked : f.mark !== undefined && (TICK.includes(f.mark) || (ocr && isOcrTick(f.mark)));
    return { label: f.name, checked, ...(note ? { note } : {}) };
  });
  const decided = decide(found, out, key.text, text, options.length, marks, ocr);
  const chosen = new Set(decided.chosen);
  const final = out.map((o) => ({ ...o, checked: chosen.has(o.label) }));
  return {
    options: final,
    chosen: final.filter((o) => o.checked).map((o) => o.label),
    ...(decided.doubtful ? { doubtful: decided.doubtful } : {}),
  };
}

function bracketGlyph(m: string, g: string | undefined): string {
  const glyph = g === undefined ? "☐" : CROSS.includes(g) ? "✗" : "☑";
  const pad = m.length - 1;
  return " ".repeat(Math.floor(pad / 2)) + glyph + " ".repeat(pad - Math.floor(pad / 2));
}

/** Each option's first free occurrence, preferring one next to a mark; in the order they are written. */
function locateAll(hay: string, options: readonly string[]): Found[] {
  const found: Found[] = [];
  const taken = (a: number, b: number) => found.some((f) => a < f.end && f.start < b);
  for (const option of options) {
    // Filled forms often shorten 「工业制造（含电子信息制造…）」 to 「工业制造」: try the name, then its core.
    const full = optionName(option);
    const core = full.replace(/[（(][^（()）]*[)）]$/u, "").trim();
    for (const name of core && core !== full ? [full, core] : [full]) {
      const needle = normalizeForMatch(name);
      const at = locate(hay, needle, taken);
      if (at < 0) continue;
      found.push({ name, start: at, end: at + needle.length });
      break;
    }
  }
  // Options are read where they are: people reorder them (「是（☑省级 ☐国家级 ☐重点小巨人）」).
  return found.sort((a, b) => a.start - b.start);
}

/** The first free occurrence next to a mark, else the first free occurrence. */
function locate(hay: string, needle: string, taken: (a: number, b: number) => boolean): number {
  let plain = -1;
  for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + 1)) {
    if (taken(at, at + needle.length)) continue;
    if (MARK.includes(hay[at - 1] ?? "\0") || MARK.includes(hay[at + needle.length] ?? "\0")) return at;
    if (plain < 0) plain = at;
  }
  return plain;
}

/**
 * Gives each mark next to an option to that option. A mark between two options goes by the group's habit: marks
 * that can only belong to one side (the first option's, the last one's) say whether marks come before or after;
 * with no such evidence, by which side the mark is written against. Returns true when marks follow their options.
 */
function ownMarks(found: Found[], key: string, source: string, offsets: number[], ocr: boolean): boolean {
  const isMark = (p: number) => p >= 0 && MARK.includes(key[p] ?? "\0");
  const starts = new Map(found.map((f) => [f.start, f]));
  const ends = new Map(found.map((f) => [f.end, f]));
  let before = 0;
  let afterVotes = 0;
  for (const f of found) {
    if (isMark(f.start - 1) && !ends.has(f.start - 1)) before++;
    if (isMark(f.end) && !starts.has(f.end + 1)) afterVotes++;
  }
  const after = afterVotes > before;
  for (const f of found) {
    const prev = f.start - 1;
    if (isMark(prev)) {
      const shared = ends.has(prev);
      const mine = !shared || (afterVotes === before ? !gluedLeft(source, offsets[prev]!) : !after);
      if (mine) f.mark = key[prev];
    } else if (ocr && !after && prev >= 0 && !ends.has(f.start)) {
      // OCR reads a ticked box as anything: the character in the box's place decides (isOcrTick).
      f.mark = key[prev];
    }
    const next = f.end;
    if (f.mark === undefined && isMark(next)) {
      const shared = starts.has(next + 1);
      const mine = !shared || (afterVotes === before ? gluedLeft(source, offsets[next]!) : after);
      if (mine) f.mark = key[next];
    }
  }
  return after;
}

/** A mark written against what comes before it, with space after (「民营企业√ 外资企业」). */
function gluedLeft(source: string, at: number): boolean {
  const left = source[at - 1] ?? " ";
  const right = source[at + 1] ?? " ";
  return !/\s/.test(left) && /\s/.test(right);
}

/**
 * OCR reads an empty box as 口 reliably but a ticked one as anything (回, 四, 名, M): there, any character in the
 * box's place that is not an empty box, punctuation or a digit counts as ticked.
 */
function isOcrTick(mark: string): boolean {
  return !EMPTY.includes(mark) && !CROSS.includes(mark) && !/[\s\p{P}\p{S}a-z0-9]/u.test(mark);
}

/** Which options are chosen, from boxes first, then writing, emphasis and strikethrough. */
function decide(
  found: Found[],
  read: CheckboxOption[],
  key: string,
  text: string,
  listed: number,
  marks: readonly MarkedText[],
  ocr: boolean,
): { chosen: string[]; doubtful?: string } {
  const ticked = read.filter((o) => o.checked).map((o) => o.label);
  if (ticked.length > 0) return { chosen: ticked };
  const crossed = found.filter((f) => f.mark !== undefined && CROSS.includes(f.mark)).map((f) => f.name);
  if (crossed.length > 0) {
    const rest = found.filter((f) => f.mark === undefined).map((f) => f.name);
    const doubtful = "选项旁用「×」标记，无法确定是选中还是排除该选项";
    if (crossed.length === 1) return { chosen: crossed, doubtful };
    return rest.length === 1 ? { chosen: rest, doubtful } : { chosen: [], doubtful };
  }
  const names = found.map((f) => f.name);
  const emphasised = byEmphasis(names, marks);
  if (emphasised.length > 0) return { chosen: emphasised };
  const struck = names.filter((n) => marked(n, marks, "strike"));
  if (struck.length > 0 && struck.length < names.length) return { chosen: names.filter((n) => !struck.includes(n)) };
  // Written again after the list (「单模态大模型/多模态大模型/任务型模型：多模态大模型」).
  const again = found.filter((f) => f.name.length >= 2 && occursElsewhere(key, f, found)).map((f) => f.name);
  if (again.length === 1) return { chosen: again };
  // The others deleted: one option of the list left in the cell.
  if (found.length === 1 && listed >= 2) {
    const only = found[0]!;
    // OCR may have lost the others; there an empty box before the one it read is no choice.
    return only.mark === undefined || !ocr ? { chosen: [only.name] } : { chosen: [] };
  }
  // The chosen option's box taken away, the others' left empty (「开源（模型名称：Qwen）☐商业 ☐自研」).
  const bare = found.filter((f) => f.mark === undefined);
  if (!ocr && bare.length === 1 && found.length >= 2 && found.every((f) => f === bare[0] || (f.mark !== undefined && EMPTY.includes(f.mark))))
    return { chosen: [bare[0]!.name] };
  // Several options written as a list with no box anywhere, the others deleted (「网页、API接口、本地部署」).
  const glyphs = [...MARK].filter((c) => !/\p{Script=Han}/u.test(c)).join("");
  if (found.length >= 2 && found.length < listed && !ocr && !new RegExp(`[${glyphs}]`, "u").test(key)) return { chosen: names };
  if (found.length === 0 && !/[\p{L}\p{N}]/u.test(key.replace(new RegExp(`[${MARK}]`, "gu"), ""))) return { chosen: [] };
  if (found.length === 0 && !ocr) return { chosen: [], doubtful: `填写的「${text.trim().slice(0, 40)}」不是所列选项之一` };
  if (emphasisAll(names, marks) || again.length > 1) return { chosen: [], doubtful: "多个选项带有相同的标记，无法确定所选选项" };
  return { chosen: [] };
}

const covers = (m: MarkedText, name: string) => normalizeForMatch(m.text).includes(normalizeForMatch(name));
const marked = (name: string, marks: readonly MarkedText[], kind: TextMarkKind) =>
  marks.some((m) => m.kind === kind && covers(m, name));

/** Options set in bold, highlighted or underlined when the others are not (one kind of emphasis decides). */
function byEmphasis(names: readonly string[], marks: readonly MarkedText[]): string[] {
  for (const kind of ["highlight", "bold", "underline"] as const) {
    const hit = names.filter((n) => marked(n, marks, kind));
    if (hit.length > 0 && hit.length < names.length) return hit;
  }
  return [];
}

function emphasisAll(names: readonly string[], marks: readonly MarkedText[]): boolean {
  return names.length > 1 && (["highlight", "bold", "underline"] as const).some((k) => names.every((n) => marked(n, marks, k)));
}

/** Another occurrence of the option's name that is not inside a listed option. */
function occursElsewhere(key: string, f: Found, found: readonly Found[]): boolean {
  const needle = key.slice(f.start, f.end);
  for (let at = key.indexOf(needle); at >= 0; at = key.indexOf(needle, at + 1)) {
    if (!found.some((o) => at < o.end && o.start < at + needle.length)) return true;
  }
  return false;
}

/** What follows an option up to the next mark: prompts, blanks, colons and brackets are not a note. */
function cleanNote(s: string): string {
  const t = (s.split("\n")[0] ?? "")
    .replace(NOTE_PROMPT, "")
    .replace(new RegExp(`^\\s*[${MARK}]|[${MARK}]\\s*$`, "gu"), "")
    .replace(/[_＿]+/g, " ")
    .replace(/^[\s:：,，;；、]+|[\s:：,，;；、]+$/g, "")
    .trim();
  // A bracket left over from 「是（☑省级 …）」, or a prompt with nothing after it: 「（模型名称：）」.
  if (/^[（()）\s]*$/.test(t) || /^[（(]?[^：:（()）]{1,8}[:：]\s*[)）]?$/.test(t)) return "";
  return t;
}
