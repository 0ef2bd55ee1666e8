/**
 * One paragraph's content in document order: text (checkboxes already normalised to ☑/☐) with the run's
 * emphasis (bold, highlight or shading, underline, strikethrough), embedded image references and page-break
 * markers.
 */
import { CHECKED, UNCHECKED, formCheckboxState, mapSymbolFontText, normaliseGlyphs, sdtCheckboxState, symbolChar } from "./docx-checkboxes.js";
import type { TextMark, TextMarkKind } from "../../model.js";
import { attr, child, children, descendants, isOn, localName, type Element } from "./docx-xml.js";

export interface ImageRef {
  relId: string;
  /** Drawn size in px at 96 dpi, from the drawing extent or the VML shape style. */
  drawnPx?: { w: number; h: number };
}

export type Piece =
  /** marks: the run's direct formatting that can single out a choice (absent when none). */
  | { kind: "text"; text: string; marks?: TextMarkKind[] }
  | { kind: "image"; ref: ImageRef }
  /** explicit: w:br type=page; rendered: w:lastRenderedPageBreak (where Word last laid out a new page). */
  | { kind: "break"; type: "explicit" | "rendered" };

/** Elements whose children are runs or more run containers. */
const RUN_CONTAINERS = new Set(["hyperlink", "smartTag", "customXml", "ins", "moveTo", "fldSimple", "dir", "bdo", "sdtContent"]);
const EMU_PER_PX = 9525;

export function paragraphPieces(p: Element): Piece[] {
  const out: Piece[] = [];
  walkContainer(p, out);
  return out;
}

/** Plain text of a paragraph-like subtree (nested tables, text boxes): pieces' text only. */
export function paragraphText(p: Element): string {
  return paragraphPieces(p)
    .map((x) => (x.kind === "text" ? x.text : ""))
    .join("");
}

function walkContainer(el: Element, out: Piece[]): void {
  for (const c of children(el)) {
    const name = localName(c);
    if (name === "r") walkRun(c, out);
    else if (name === "sdt") walkSdt(c, out);
    else if (RUN_CONTAINERS.has(name)) walkContainer(c, out);
    else if (name === "AlternateContent") walkAlternate(c, out);
    // del, moveFrom (deleted text), pPr, bookmarks, proofErr, comments: nothing to read.
  }
}

function walkSdt(sdt: Element, out: Piece[]): void {
  const state = sdtCheckboxState(child(sdt, "sdtPr"));
  // The content of a checkbox control is just its current glyph; the state is authoritative.
  if (state !== undefined) out.push({ kind: "text", text: state ? CHECKED : UNCHECKED });
  else walkContainer(child(sdt, "sdtContent") ?? sdt, out);
}

/** mc:AlternateContent: read the first Choice only, the Fallback repeats it for older readers. */
function walkAlternate(el: Element, out: Piece[]): void {
  const choice = child(el, "Choice") ?? child(el, "Fallback");
  if (choice) walkContainer(choice, out);
}

function runFont(r: Element): string | undefined {
  const fonts = child(child(r, "rPr"), "rFonts");
  return attr(fonts, "ascii") ?? attr(fonts, "hAnsi");
}

/** Direct run formatting only: a character or paragraph style that is bold makes the whole text bold, no choice. */
function runMarks(r: Element): TextMarkKind[] {
  const rPr = child(r, "rPr");
  if (!rPr) return [];
  const marks: TextMarkKind[] = [];
  if (isOn(child(rPr, "b"))) marks.push("bold");
  const highlight = attr(child(rPr, "highlight"), "val");
  const fill = attr(child(rPr, "shd"), "fill")?.toLowerCase();
  if ((highlight && highlight !== "none") || (fill && fill !== "auto" && fill !== "ffffff")) marks.push("highlight");
  const u = child(rPr, "u");
  if (u && attr(u, "val") !== "none") marks.push("underline");
  if (isOn(child(rPr, "strike")) || isOn(child(rPr, "dstrike"))) marks.push("strike");
  return marks;
}

/** The text of pieces joined, with their marks as ranges of it (adjacent ranges of one kind merged). */
export function joinPieces(pieces: readonly Piece[]): { text: string; marks: TextMark[] } {
  let text = "";
  const marks: TextMark[] = [];
  for (const p of pieces) {
    if (p.kind !== "text") continue;
    const start = text.length;
    text += p.text;
    for (const kind of p.marks ?? []) {
      const open = marks.findLast((m) => m.kind === kind);
      if (open && open.end === start) open.end = text.length;
      else marks.push({ start, end: text.length, kind });
    }
  }
  return { text, marks };
}

/** `marks` of `text` after cutting it to [from, to): clipped, shifted, empty ones dropped. */
export function sliceMarks(marks: readonly TextMark[], from: number, to: number, shift = 0): TextMark[] {
  return marks.flatMap((m) => {
    const start = Math.max(m.start, from);
    const end = Math.min(m.end, to);
    return end > start ? [{ start: start - from + shift, end: end - from + shift, kind: m.kind }] : [];
  });
}

function walkRun(r: Element, out: Piece[]): void {
  const font = runFont(r);
  const marks = runMarks(r);
  // A mark on spaces only (an underlined blank typed as spaces) singles nothing out.
  const text = (t: string) => {
    if (t) out.push({ kind: "text", text: t, ...(marks.length && /\S/.test(t) ? { marks } : {}) });
  };
  for (const c of children(r)) {
    switch (localName(c)) {
      case "t":
        text(normaliseGlyphs(mapSymbolFontText(font, c.textContent ?? "")));
        break;
      case "tab":
      case "ptab":
        text("\t");
        break;
      case "br":
        if (attr(c, "type") === "page") out.push({ kind: "break", type: "explicit" });
        else text("\n");
        break;
      case "cr":
        text("\n");
        break;
      case "noBreakHyphen":
        text("-");
        break;
      case "sym": {
        const code = Number.parseInt(attr(c, "char") ?? "", 16);
        if (Number.isFinite(code)) text(normaliseGlyphs(symbolChar(attr(c, "font"), code)));
        break;
      }
      case "lastRenderedPageBreak":
        out.push({ kind: "break", type: "rendered" });
        break;
      case "fldChar": {
        const state = formCheckboxState(child(c, "ffData"));
        if (attr(c, "fldCharType") === "begin" && state !== undefined) text(state ? CHECKED : UNCHECKED);
        break;
      }
      case "drawing":
        drawing(c, out);
        break;
      case "pict":
      case "object":
        vml(c, out);
        break;
      case "AlternateContent":
        walkAlternate(c, out);
        break;
    }
  }
}

function drawing(d: Element, out: Piece[]): void {
  const extent = descendants(d, "extent")[0];
  const cx = Number(attr(extent, "cx"));
  const cy = Number(attr(extent, "cy"));
  const drawnPx = cx > 0 && cy > 0 ? { w: Math.round(cx / EMU_PER_PX), h: Math.round(cy / EMU_PER_PX) } : undefined;
  for (const blip of descendants(d, "blip")) {
    const relId = attr(blip, "embed");
    if (relId) out.push({ kind: "image", ref: { relId, ...(drawnPx ? { drawnPx } : {}) } });
  }
  textBoxes(d, out);
}

function vml(el: Element, out: Piece[]): void {
  for (const img of descendants(el, "imagedata")) {
    const relId = attr(img, "id") ?? attr(img, "relid");
    if (!relId) continue;
    const style = attr(img.parentNode as Element, "style") ?? "";
    const w = cssLengthPx(/(?:^|;)\s*width\s*:\s*([^;]+)/.exec(style)?.[1]);
    const h = cssLengthPx(/(?:^|;)\s*height\s*:\s*([^;]+)/.exec(style)?.[1]);
    out.push({ kind: "image", ref: { relId, ...(w && h ? { drawnPx: { w, h } } : {}) } });
  }
  textBoxes(el, out);
}

/** Text boxes are floating, but their text belongs to the document: read it inline. */
function textBoxes(el: Element, out: Piece[]): void {
  for (const box of descendants(el, "txbxContent")) {
    const text = children(box, "p").map(paragraphText).filter(Boolean).join("\n");
    if (text) out.push({ kind: "text", text: `\n${text}\n` });
  }
}

const PX_PER_UNIT: Record<string, number> = { pt: 96 / 72, px: 1, in: 96, cm: 96 / 2.54, mm: 96 / 25.4 };

function cssLengthPx(v: string | undefined): number | undefined {
  const m = v && /^\s*([\d.]+)\s*(pt|px|in|cm|mm)?\s*$/.exec(v);
  if (!m) return undefined;
  return Math.round(Number(m[1]) * PX_PER_UNIT[m[2] ?? "px"]!);
}
