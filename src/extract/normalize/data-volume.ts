/** Training-data volumes: 1.5TB, 2PB, 500GB, 10T, 800G, and token counts (2万亿tokens, 15T tokens) kept apart. */
import { roundTo } from "./_decimal.js";
import { chineseNumeralToNumber, toHalfWidth } from "./text.js";

export type DataVolume =
  /** Bytes, in TB with binary steps (1 TB = 1024 GB), as storage is counted in forms and by tools like du. */
  | { kind: "bytes"; tb: number; raw: string }
  /** A token count; tokens are not bytes and never convert to TB. */
  | { kind: "tokens"; tokens: number; raw: string };

export interface FoundDataVolume {
  volume: DataVolume;
  start: number;
  end: number;
}

export interface DataVolumeOptions {
  /** Unit of a bare number, e.g. "TB" for a cell under 「训练数据量（TB）」. */
  defaultUnit?: "TB" | "GB" | "PB";
}

/** Exponent of 1024 relative to TB. */
const BYTE_UNITS: Record<string, number> = { k: -3, m: -2, g: -1, t: 0, p: 1, e: 2 };
const COUNT_WORDS: Record<string, number> = {
  万亿: 1e12,
  千亿: 1e11,
  亿: 1e8,
  万: 1e4,
  t: 1e12,
  b: 1e9,
  m: 1e6,
  k: 1e3,
};
const NUM = String.raw`\d+(?:,\d{3})*(?:\.\d+)?`;
const BYTES_RE = new RegExp(
  String.raw`(?<![\d.a-z])(${NUM})\s*([kmgtpe])(i?b(?:ytes?)?|字节)?(?![a-z])(?!\s*tokens?)`,
  "gu",
);
const TOKENS_RE = new RegExp(
  String.raw`(?<![\d.a-z])(${NUM}|[零〇一二三四五六七八九十百千两]+)\s*(万亿|千亿|亿|万|[tbmk])?\s*(?:个)?\s*(?:tokens?|词元)`,
  "gu",
);

/** Every volume in the text, byte volumes and token counts, in order of appearance. */
export function findDataVolumes(text: string): FoundDataVolume[] {
  const s = toHalfWidth(text).toLowerCase();
  const found: FoundDataVolume[] = [];
  for (const m of s.matchAll(TOKENS_RE)) {
    const n = /^\d/.test(m[1]!) ? Number(m[1]!.replace(/,/g, "")) : chineseNumeralToNumber(m[1]!);
    if (n === null) continue;
    const tokens = roundTo(n * (m[2] ? COUNT_WORDS[m[2]]! : 1), 0);
    found.push({
      volume: { kind: "tokens", tokens, raw: text.slice(m.index, m.index + m[0].length) },
      start: m.index,
      end: m.index + m[0].length,
    });
  }
  for (const m of s.matchAll(BYTES_RE)) {
    if (found.some((f) => m.index < f.end && m.index + m[0].length > f.start)) continue;
    // A bare K or M is more often a context length or a parameter count (128K, 700M) than kilo/megabytes.
    if (!m[3] && (m[2] === "k" || m[2] === "m")) continue;
    const tb = toTb(Number(m[1]!.replace(/,/g, "")), BYTE_UNITS[m[2]!]!);
    found.push({
      volume: { kind: "bytes", tb, raw: text.slice(m.index, m.index + m[0].length) },
      start: m.index,
      end: m.index + m[0].length,
    });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The first volume in the text; a bare number is read in `defaultUnit` when given. Null when there is none. */
export function parseDataVolume(text: string, options: DataVolumeOptions = {}): DataVolume | null {
  const first = findDataVolumes(text)[0];
  if (first) return { ...first.volume, raw: text };
  const bare = new RegExp(`^\\s*(${NUM})\\s*$`).exec(toHalfWidth(text));
  if (!bare || !options.defaultUnit) return null;
  const exp = BYTE_UNITS[options.defaultUnit[0]!.toLowerCase()]!;
  return { kind: "bytes", tb: toTb(Number(bare[1]!.replace(/,/g, "")), exp), raw: text };
}

function toTb(n: number, exp: number): number {
  return roundTo(n * 1024 ** exp, 9);
}
