/** Shared text helpers for the value normalisers: width folding, match keys, 字数, Chinese numerals. */

/**
 * Full-width ASCII variants (U+FF01–U+FF5E: １２３ＡＢＣ（），：％－) and the ideographic space to ASCII, and
 * the full-width yuan sign to ¥. One UTF-16 unit in, one out, so offsets found in the result hold in the input.
 * Chinese punctuation without an ASCII twin (。、「」《》—) is left alone.
 */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000\uFFE5]/g, (ch) => {
    const code = ch.charCodeAt(0);
    if (code === 0x3000) return " ";
    if (code === 0xffe5) return "¥";
    return String.fromCharCode(code - 0xfee0);
  });
}

const DASHES = /[\u2010-\u2015\u2212\u2500\u2501\u30FC\uFE58\uFE63\u301C\u3030~]/g;
/** Each group of characters and the one spelling it gets in a match key. */
const PUNCTUATION: [string, string][] = [
  ["\u201C\u201D\u300C\u300D\u300E\u300F", '"'],
  ["\u2018\u2019", "'"],
  ["\u3010\u3014", "["],
  ["\u3011\u3015", "]"],
  ["\u3008\u300A", "<"],
  ["\u3009\u300B", ">"],
  ["\u3002", "."],
  ["\u3001", ","],
  ["\u00B7\u30FB\u2022", "·"],
];
const QUOTES: Record<string, string> = Object.fromEntries(
  PUNCTUATION.flatMap(([chars, to]) => [...chars].map((c) => [c, to])),
);
/** Whitespace plus the invisible characters PDF text layers and Word leave between glyphs. */
const INVISIBLE = /^[\s\u200B-\u200D\u2060\uFEFF\u00AD]$/u;

export interface MatchKey {
  text: string;
  /** offsets[i] is the index in the original text of the character that produced text[i]. */
  offsets: number[];
}

/**
 * The key under which a quote and page text are compared: NFKC, lower case, no whitespace, one spelling per
 * punctuation family (dashes → "-", all quote marks → '"', 。→ "." and 、→ ","), since an LLM or OCR quote
 * rarely reproduces the page's exact punctuation. Keeps a map back to original offsets.
 */
export function matchKey(text: string): MatchKey {
  let out = "";
  const offsets: number[] = [];
  // A base character with its combining marks is normalised as one unit so NFKC can compose them.
  for (const m of text.matchAll(/\P{M}\p{M}*|\p{M}+/gu)) {
    if (INVISIBLE.test(m[0])) continue;
    let n = m[0].normalize("NFKC").toLowerCase().replace(DASHES, "-");
    n = [...n]
      .map((c) => QUOTES[c] ?? c)
      .join("")
      .replace(/\s+/gu, "");
    for (const unit of n.split("")) {
      out += unit;
      offsets.push(m.index);
    }
  }
  return { text: out, offsets };
}

export function normalizeForMatch(text: string): string {
  return matchKey(text).text;
}

/** Where `quote` occurs in `text` under normalizeForMatch, as a [start, end) range of the original text. */
export function locateQuote(text: string, quote: string): { start: number; end: number } | null {
  const needle = normalizeForMatch(quote);
  if (needle === "") return null;
  const key = matchKey(text);
  const at = key.text.indexOf(needle);
  if (at < 0) return null;
  const last = key.offsets[at + needle.length - 1]!;
  const lastChar = text.codePointAt(last)!;
  let end = last + (lastChar > 0xffff ? 2 : 1);
  while (end < text.length && /\p{M}/u.test(text[end]!)) end++;
  return { start: key.offsets[at]!, end };
}

/**
 * 字数 as a reviewer checks a limit such as 「不超过2000字」: Word's 「字符数(不计空格)」, i.e. every visible
 * character counts once — each 汉字, each Latin letter or digit, each punctuation mark (full- or half-width).
 * Whitespace, line breaks, zero-width characters and combining marks are not counted; a character outside the
 * BMP (e.g. 𠀀 or an emoji) counts once. This is never below Word's 「字数」, which counts a Latin word as one.
 */
export function countChars(text: string): number {
  let n = 0;
  for (const ch of text) {
    if (INVISIBLE.test(ch) || /[\p{M}\p{Cc}\p{Cf}]/u.test(ch)) continue;
    n++;
  }
  return n;
}

const DIGIT_SPELLINGS = ["零〇○", "一壹幺", "二贰貳两兩", "三叁參", "四肆", "五伍", "六陆陸", "七柒", "八捌", "九玖"];
const DIGITS: Record<string, number> = Object.fromEntries(
  DIGIT_SPELLINGS.flatMap((chars, digit) => [...chars].map((c) => [c, digit])),
);
const SMALL_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };

/** Characters chineseNumeralToNumber understands (for building regexes around it). */
export const CHINESE_NUMERAL_CHARS = `${DIGIT_SPELLINGS.join("")}十拾百佰千仟万萬亿億点點`;

/**
 * 一千二百三十四 → 1234, 壹佰万 → 1000000, 二〇二五 → 2025 (digits read one by one when there is no unit),
 * 三点五 → 3.5, 一万五 → 15000 (a trailing digit takes the next lower unit), 1亿2000万 → 120000000 (Arabic runs
 * are read as one digit group). Null when the text is not a well-formed numeral.
 */
export function chineseNumeralToNumber(input: string): number | null {
  const text = toHalfWidth(input).replace(/\s+/g, "");
  if (text === "") return null;
  const point = /^(.*?)[点點]([^点點]+)$/.exec(text);
  if (point) {
    const big = /[万萬亿億]$/.exec(point[2]!)?.[0];
    const fracDigits = big ? point[2]!.slice(0, -1) : point[2]!;
    const whole = point[1] === "" ? 0 : chineseNumeralToNumber(point[1]!);
    const frac = [...fracDigits].map((c) => (/\d/.test(c) ? Number(c) : DIGITS[c]));
    if (whole === null || frac.length === 0 || frac.some((d) => d === undefined)) return null;
    const value = Number(`${whole}.${frac.join("")}`);
    return big ? value * BIG_UNITS[big]! : value;
  }
  const tokens = text.match(/\d+(?:\.\d+)?|./gu) ?? [];
  if (!tokens.some((t) => t in SMALL_UNITS || t in BIG_UNITS)) {
    if (tokens.length === 1 && /^\d/.test(tokens[0]!)) return Number(tokens[0]);
    const digits = tokens.map((t) => DIGITS[t]);
    return digits.some((d) => d === undefined) ? null : Number(digits.join(""));
  }
  let total = 0;
  let section = 0; // the part under 亿, including its 万 group
  let group = 0; // the part under 万
  let digit: number | null = null;
  let lastUnit = 0;
  let zeroSince = false;
  for (const t of tokens) {
    const d = /^\d/.test(t) ? Number(t) : DIGITS[t];
    if (d !== undefined) {
      if (digit !== null) return null;
      if (d === 0 && !/^\d/.test(t)) {
        zeroSince = true;
        continue;
      }
      digit = d;
    } else if (t in SMALL_UNITS) {
      const unit = SMALL_UNITS[t]!;
      if (digit === null && unit !== 10) return null;
      group += (digit ?? 1) * unit;
      [digit, lastUnit, zeroSince] = [null, unit, false];
    } else if (t in BIG_UNITS) {
      const unit = BIG_UNITS[t]!;
      const value = group + (digit ?? 0);
      if (unit === 1e4) {
        if (value === 0) return null;
        section += value * 1e4;
      } else {
        if (value + section === 0) return null;
        total = (total + section + value) * 1e8;
        section = 0;
      }
      [group, digit, lastUnit, zeroSince] = [0, null, unit, false];
    } else {
      return null;
    }
  }
  if (digit !== null && lastUnit >= 10 && !zeroSince) digit *= lastUnit / 10;
  return total + section + group + (digit ?? 0);
}

/** Levenshtein distance over code points. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length]!;
}
