/**
 * Checkboxes in Word forms come in three shapes: a glyph typed into the text (☐ □ ☑ ☒, or a Wingdings
 * symbol), a content control (w14:checkbox) and a legacy FORMCHECKBOX field. All are normalised to ☑ / ☐ in
 * the line text, and the boxes are then read back from that text with their labels.
 */
import type { Checkbox } from "../../model.js";
import { attr, child, isOn, type Element } from "./docx-xml.js";

export const CHECKED = "☑";
export const UNCHECKED = "☐";

const CHECKED_GLYPHS = "☑☒■✓✔⌧⊠▣🗹🗷";
const UNCHECKED_GLYPHS = "☐□◻▢❑❒🞎";

/** Symbol-font code points (low byte) that draw a box. Wingdings 2 puts them elsewhere. */
const WINGDINGS: Record<number, string> = {
  0x6e: CHECKED, // ■
  0x6f: UNCHECKED, // □
  0x70: UNCHECKED, // bold □
  0x71: UNCHECKED, // ❑
  0x72: UNCHECKED, // ❒
  0x78: CHECKED, // ⌧
  0xa8: UNCHECKED, // ◻
  0xfc: CHECKED, // ✓
  0xfd: CHECKED, // ☒
  0xfe: CHECKED, // ☑
};
const WINGDINGS_2: Record<number, string> = {
  0x2a: UNCHECKED,
  0xa3: UNCHECKED,
  0x50: CHECKED, // ✓
  0x51: CHECKED, // ☒
  0x52: CHECKED, // ☑
  0x53: CHECKED, // ☒
  0x54: CHECKED, // ☒
};

function symbolTable(font: string | undefined): Record<number, string> | undefined {
  const f = (font ?? "").trim().toLowerCase();
  if (f === "wingdings" || f === "wingdings 1") return WINGDINGS;
  if (f === "wingdings 2") return WINGDINGS_2;
  return undefined;
}

/**
 * A `w:sym` (or a character written in a symbol font) as text: a box glyph for Wingdings boxes, the
 * character itself for Unicode fonts, "" for other symbol-font pictures.
 */
export function symbolChar(font: string | undefined, code: number): string {
  const table = symbolTable(font);
  // Symbol fonts are addressed through the private-use range F000–F0FF; the low byte is the glyph.
  const low = code >= 0xf000 && code <= 0xf0ff ? code - 0xf000 : code;
  if (table) return table[low] ?? "";
  if (code >= 0xf000 && code <= 0xf0ff) return WINGDINGS[low] ?? "";
  return String.fromCodePoint(code);
}

/**
 * Text of a run: in a Wingdings font every character is a picture, so boxes become ☑/☐ and the rest
 * (bullets, arrows) is dropped; elsewhere only private-use symbol characters are mapped or dropped.
 */
export function mapSymbolFontText(font: string | undefined, text: string): string {
  const symbolFont = symbolTable(font) !== undefined;
  if (!symbolFont && !/[\uf000-\uf0ff]/.test(text)) return text;
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (symbolFont || (code >= 0xf000 && code <= 0xf0ff)) out += /\s/.test(ch) ? ch : symbolChar(font, code);
    else out += ch;
  }
  return out;
}

/** State of a content-control checkbox from its w:sdtPr, or undefined when it is not a checkbox. */
export function sdtCheckboxState(sdtPr: Element | undefined): boolean | undefined {
  const box = child(sdtPr, "checkbox");
  if (!box) return undefined;
  const checked = child(box, "checked");
  return checked ? isOn(checked) : false;
}

/** State of a legacy form checkbox from the w:ffData of its field's begin fldChar, or undefined. */
export function formCheckboxState(ffData: Element | undefined): boolean | undefined {
  const box = child(ffData, "checkBox");
  if (!box) return undefined;
  // w:checked (the current state) wins over w:default (the state the form was designed with).
  const checked = child(box, "checked");
  if (checked) return isOn(checked);
  const def = attr(child(box, "default"), "val");
  return def !== undefined && ["1", "true", "on"].includes(def.toLowerCase());
}

const GLYPH = new RegExp(`[${CHECKED_GLYPHS}${UNCHECKED_GLYPHS}]`, "gu");

/** Replaces every checkbox glyph with ☑ or ☐. */
export function normaliseGlyphs(text: string): string {
  return text.replace(GLYPH, (g) => (CHECKED_GLYPHS.includes(g) ? CHECKED : UNCHECKED));
}

/**
 * Boxes in normalised text, each labelled with the text after it up to the next box or line end
 * ("☐ 国有企业 ☑ 民营企业" → 国有企业 unchecked, 民营企业 checked).
 */
export function parseCheckboxes(text: string): Checkbox[] {
  const out: Checkbox[] = [];
  const re = /([☑☐])([^☑☐\n]*)/gu;
  for (const m of text.matchAll(re)) {
    out.push({ label: (m[2] ?? "").replace(/[\s\u3000]+/gu, " ").trim(), checked: m[1] === CHECKED });
  }
  return out;
}
