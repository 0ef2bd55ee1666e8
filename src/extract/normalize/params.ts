/** Model parameter counts (参数量) normalised to 亿: 80亿参数, 72B, 1.5T, 700M, 一千三百亿, 7B/13B, 千亿级. */
import { roundTo } from "./_decimal.js";
import { chineseNumeralToNumber, toHalfWidth } from "./text.js";

export interface Params {
  /** The first count in the text, in 亿 (1B = 10亿); null when the text only names a magnitude (千亿级). */
  yi: number | null;
  /** Every count in the text in order, in 亿 (「7B/13B/70B」 → [70, 130, 700]). */
  values: number[];
  raw: string;
  /** A magnitude without a number (「参数规模达到千亿级」 → "千亿级"), with the least count it implies. */
  qualitative?: { text: string; atLeastYi: number };
}

export interface ParamsOptions {
  /** Unit of a bare number, e.g. "亿" for a cell under 「参数量（亿）」. Without it a bare number is not read. */
  defaultUnit?: "亿" | "B" | "万";
}

/** Multipliers to 亿, longest spelling first so 万亿 wins over 万 and 亿. */
const UNITS: [string, number][] = [
  ["万亿", 1e4],
  ["千亿", 1e3],
  ["百亿", 1e2],
  ["十亿", 10],
  ["千万", 0.1],
  ["百万", 0.01],
  ["亿", 1],
  ["万", 1e-4],
  ["trillion", 1e4],
  ["billion", 10],
  ["million", 0.01],
  ["bn", 10],
  ["t", 1e4],
  ["b", 10],
  ["m", 0.01],
];
const UNIT_ALT = UNITS.map(([u]) => u).join("|");
const CN_NUM = "零〇一二三四五六七八九十百千两";
const COUNT_RE = new RegExp(
  `(?<![\\d.a-z])(\\d+(?:,\\d{3})*(?:\\.\\d+)?|[${CN_NUM}]+(?:点[${CN_NUM}]+)?)\\s*(${UNIT_ALT})(?![a-z])(?!\\s*tokens?)`,
  "gu",
);
const MAGNITUDE_RE = /(?<![\d零〇一二三四五六七八九])(万亿|千亿|百亿|十亿|亿)(?:级|量级|规模|参数)/u;

export function parseParams(text: string, options: ParamsOptions = {}): Params | null {
  const s = toHalfWidth(text).toLowerCase();
  const values: number[] = [];
  for (const m of s.matchAll(COUNT_RE)) {
    const n = /^\d/.test(m[1]!) ? Number(m[1]!.replace(/,/g, "")) : chineseNumeralToNumber(m[1]!);
    if (n === null) continue;
    values.push(roundTo(n * UNITS.find(([u]) => u === m[2])![1], 8));
  }
  if (values.length === 0 && options.defaultUnit) {
    const bare = /^\s*(\d+(?:,\d{3})*(?:\.\d+)?)\s*$/.exec(s);
    const unit = options.defaultUnit === "B" ? 10 : options.defaultUnit === "万" ? 1e-4 : 1;
    if (bare) values.push(roundTo(Number(bare[1]!.replace(/,/g, "")) * unit, 8));
  }
  const magnitude = MAGNITUDE_RE.exec(s);
  const qualitative = magnitude
    ? { text: s.slice(magnitude.index, magnitude.index + magnitude[0].length), atLeastYi: magnitudeYi(magnitude[1]!) }
    : undefined;
  if (values.length === 0 && !qualitative) return null;
  return { yi: values[0] ?? null, values, raw: text, ...(qualitative && values.length === 0 ? { qualitative } : {}) };
}

function magnitudeYi(word: string): number {
  return { 万亿: 1e4, 千亿: 1e3, 百亿: 1e2, 十亿: 10, 亿: 1 }[word] ?? 1;
}
