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

export function cleanOcrText(text: string): string {
  return removeCjkSpaces(chinesePunctuation(removeCjkSpaces(text.replace(/\s+/g, " ").trim())));
}

/** The parts of tesseract.js' result we read (blocks → paragraphs → lines). */
export interface TesseractBlocks {
  blocks: {
    paragraphs: {
      lines: { text: string; confidence: number; bbox: { x0: number; y0: number; x1: number; y1: number } }[];
    }[];
  }[] | null;
}

/**
 * Lines of a tesseract page, with boxes divided by `scale` so they are in the upright source image's
 * pixels. Empty lines (noise specks read as nothing) are dropped.
 */
export function linesFromTesseract(page: TesseractBlocks, scale: number): Line[] {
  const lines: Line[] = [];
  for (const block of page.blocks ?? []) {
    for (const para of block.paragraphs) {
      for (const line of para.lines) {
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
