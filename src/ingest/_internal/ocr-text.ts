/**
 * Turning tesseract output into our `Line`s: CJK spacing repaired, punctuation widths made Chinese, boxes
 * mapped back into the upright source image.
 */
import type { Box, Line } from "../../model.js";

/**
 * Han ideographs, CJK symbols and punctuation (、。《》「」【】〇), fullwidth forms (（），：；！？), and the
 * general punctuation Chinese text uses at full width (“”‘’—…).
 */
const CJK = String.raw`\p{Script=Han}\u3000-\u303F\uFF00-\uFF60\uFFE0-\uFFEF\u2014\u2018\u2019\u201C\u201D\u2026`;
const SPACE_BETWEEN_CJK = new RegExp(`(?<=[${CJK}])[ \\t\\u3000]+(?=[${CJK}])`, "gu");
const HAN = /\p{Script=Han}/u;
/** A space between an ideograph and a digit or ASCII punctuation, either way round. */
const SPACE_NEXT_TO_HAN = new RegExp(
  String.raw`(?<=\p{Script=Han})[ ]+(?=[0-9(),;:!?])|(?<=[0-9(),;:!?])[ ]+(?=\p{Script=Han})`,
  "gu",
);

const FULLWIDTH: Record<string, string> = { ",": "，", ";": "；", ":": "：", "?": "？", "!": "！" };

/**
 * Tesseract's chi_sim model puts a space between most ideographs ("营 业 执 照"), and around digits and
 * punctuation next to them ("2019 年 03 月", "公司 ( 自然人"); Chinese text has none of these. Spaces
 * between latin words, and between latin letters and ideographs, are kept.
 */
export function removeCjkSpaces(text: string): string {
  return text.replace(SPACE_BETWEEN_CJK, "").replace(SPACE_NEXT_TO_HAN, "");
}

/**
 * chi_sim reads （，：；） as their ASCII twins. Next to Chinese text they were certainly fullwidth in the
 * source, and extractors match labels like 「名称：」, so we restore them there; ASCII between latin/digits
 * (e.g. "10:30", "(1)") stays as read.
 */
export function chinesePunctuation(text: string): string {
  const chars = [...text];
  let openConverted = 0;
  return chars
    .map((ch, i) => {
      const prev = chars[i - 1] ?? "";
      const next = chars[i + 1] ?? "";
      if (ch in FULLWIDTH && HAN.test(prev)) return FULLWIDTH[ch]!;
      if (ch === "(" && (HAN.test(prev) || HAN.test(next))) {
        openConverted++;
        return "（";
      }
      if (ch === ")" && (openConverted > 0 || HAN.test(prev))) {
        openConverted = Math.max(0, openConverted - 1);
        return "）";
      }
      return ch;
    })
    .join("");
}

/** A period between two 汉字 is the middle dot of a name (云帆·工质, 约翰·史密斯) as chi_sim reads it: 「帆 . 工」. */
const DOT_BETWEEN_HAN = /(?<=\p{Script=Han})\s*[.·]\s*(?=\p{Script=Han})/gu;

export function cleanOcrText(text: string): string {
  const spaced = text.replace(/\s+/g, " ").trim().replace(DOT_BETWEEN_HAN, "·");
  return removeCjkSpaces(chinesePunctuation(removeCjkSpaces(spaced)));
}

interface TesseractBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface TesseractWord {
  text: string;
  confidence: number;
  bbox: TesseractBox;
}

export interface TesseractLine extends TesseractWord {
  words?: TesseractWord[];
}

/** The parts of tesseract.js' result we read (blocks → paragraphs → lines → words). */
export interface TesseractBlocks {
  blocks: { paragraphs: { lines: TesseractLine[] }[] }[] | null;
}

/**
 * A gap wider than this many character heights (median word box height) inside one tesseract line is a column
 * boundary, not text. Tesseract often runs a licence's two columns into one line: the 经营范围 text wrapping
 * on the left and the 住所 value's second line on the right. Measured on the fixture scans: letter-spaced
 * labels (名　　称) 1.2–2.3, label to value 2–3, a licence's columns 3.5–20 (the wrapped second lines 10+), a
 * form's label and value cells 4–9. Those form cells stay one line: the form reader cuts them at rules and
 * labels itself, and splitting them there lost more values than it gained (fixtures/form-scans, 26 → 23 of 41).
 */
const COLUMN_GAP = 8;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/**
 * Ends of lines that are not text: a lone bar-like glyph read with low confidence is the edge of a frame or a
 * table rule beside the text (the licences' dashed inner frame, a few millimetres right of the 住所 value,
 * came out as 「999号1」 and 「999号1 ‖」 at confidence 56–76; a printed 1 reads at 90+), and a glyph read
 * with almost no confidence well apart from the text is a speck (「12层」 … 「目」 at confidence 2).
 */
const RULE_GLYPH = /^[1lI|!‖丨｜]$/u;
const RULE_MAX_CONFIDENCE = 80;
const SPECK_MAX_CONFIDENCE = 30;
/** In character heights. */
const SPECK_GAP = 2;

function dropTrailingNoise(words: TesseractWord[], charHeight: number): TesseractWord[] {
  let end = words.length;
  for (; end > 1; end--) {
    const last = words[end - 1]!;
    const rule = RULE_GLYPH.test(last.text.trim()) && last.confidence < RULE_MAX_CONFIDENCE;
    const apart = last.bbox.x0 - words[end - 2]!.bbox.x1 > SPECK_GAP * charHeight;
    if (!rule && !(apart && last.confidence < SPECK_MAX_CONFIDENCE && [...last.text.trim()].length === 1)) break;
  }
  return end === words.length ? words : words.slice(0, end);
}

/** The line's words in runs separated by column gaps, trailing noise dropped; the line itself when neither applies. */
export function wordRuns(line: TesseractLine): TesseractLine[] {
  const all = (line.words ?? []).filter((w) => w.text.trim());
  if (all.length < 2) return [line];
  const charHeight = median(all.map((w) => w.bbox.y1 - w.bbox.y0));
  const words = dropTrailingNoise(all, charHeight);
  const runs: TesseractWord[][] = [[words[0]!]];
  for (let i = 1; i < words.length; i++) {
    const gap = words[i]!.bbox.x0 - words[i - 1]!.bbox.x1;
    if (charHeight > 0 && gap > COLUMN_GAP * charHeight) runs.push([]);
    runs.at(-1)!.push(words[i]!);
  }
  if (runs.length === 1 && words.length === all.length) return [line];
  return runs.map((run) => ({
    words: run,
    text: run.map((w) => w.text).join(" "),
    confidence: run.reduce((s, w) => s + w.confidence, 0) / run.length,
    bbox: {
      x0: Math.min(...run.map((w) => w.bbox.x0)),
      y0: Math.min(...run.map((w) => w.bbox.y0)),
      x1: Math.max(...run.map((w) => w.bbox.x1)),
      y1: Math.max(...run.map((w) => w.bbox.y1)),
    },
  }));
}

/**
 * Lines of a tesseract page, split at column gaps, with boxes divided by `scale` so they are in the upright
 * source image's pixels. Empty lines (noise specks read as nothing) are dropped.
 */
export function linesFromTesseract(page: TesseractBlocks, scale: number): Line[] {
  const lines: Line[] = [];
  for (const block of page.blocks ?? []) {
    for (const para of block.paragraphs) {
      for (const line of para.lines.flatMap(wordRuns)) {
        const text = cleanOcrText(line.text);
        if (!text) continue;
        const { x0, y0, x1, y1 } = line.bbox;
        const box: Box = {
          x: round1(x0 / scale),
          y: round1(y0 / scale),
          w: round1((x1 - x0) / scale),
          h: round1((y1 - y0) / scale),
        };
        lines.push({ text, box, source: "ocr", confidence: clamp01(line.confidence / 100) });
      }
    }
  }
  return lines;
}

export function meanConfidence(lines: readonly Line[]): number {
  if (lines.length === 0) return 0;
  // Weighted by length, so one confident short label does not hide a garbled paragraph.
  let sum = 0;
  let chars = 0;
  for (const line of lines) {
    const n = [...line.text].length;
    sum += line.confidence * n;
    chars += n;
  }
  return chars === 0 ? 0 : round3(sum / chars);
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const round3 = (n: number) => Math.round(n * 1000) / 1000;
const clamp01 = (n: number) => Math.min(1, Math.max(0, n));
