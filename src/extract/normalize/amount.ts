/** Money amounts as written in application forms and financial statements, normalised to 万元. */
import { roundTo, shiftDecimal } from "./_decimal.js";
import { CHINESE_NUMERAL_CHARS, chineseNumeralToNumber, toHalfWidth } from "./text.js";

export type AmountUnit = "元" | "万元" | "亿元" | "千元";

export interface Amount {
  /** The amount in 万元, at most 6 decimals (= 0.01 元). */
  wan: number;
  raw: string;
  /** The unit the number was written in; for a Chinese numeral, 万元/亿元 when it ends in 万元/亿元 (壹佰万元整). */
  unit: AmountUnit;
}

export interface AmountOptions {
  /** Unit of a bare number, e.g. "万元" for a cell under a header 「营业收入（万元）」. Default "元". */
  defaultUnit?: AmountUnit;
}

/** Power of ten from the unit to 万元. */
const TO_WAN: Record<AmountUnit, number> = { 元: -4, 千元: -1, 万元: 0, 亿元: 4 };
const UNIT_WORDS: Record<string, AmountUnit> = {
  元: "元",
  圆: "元",
  块: "元",
  千: "千元",
  千元: "千元",
  万: "万元",
  萬: "万元",
  万元: "万元",
  w: "万元",
  亿: "亿元",
  億: "亿元",
  亿元: "亿元",
};
/** What people write in a cell to mean "nothing to report". */
const NONE = /^(?:[-—–―－_/\\]+|无|暂无|空|不适用|n\/?a|null)$/i;
const CN = `[${CHINESE_NUMERAL_CHARS}\\d.]`;
const CN_AMOUNT = new RegExp(`^(${CN}+?)?(?:([元圆块])(?:零)?(?:(${CN})角)?(?:零)?(?:(${CN})分)?)?$`, "u");

export function parseAmount(text: string, options: AmountOptions = {}): Amount | null {
  const raw = text;
  // A space between digit groups is a thousands separator (12 345.68); any other space between digits is two numbers.
  let s = toHalfWidth(text).replace(/(?<=\d)\s+(?=\d{3}(?!\d))/g, ",");
  if (/\d\s+\d/.test(s)) return null;
  s = s.replace(/\s+/g, "").toLowerCase();
  if (s === "" || NONE.test(s)) return null;

  let negative = false;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) [negative, s] = [true, paren[1]!];
  s = s.replace(/^(?:人民币|rmb|cny|¥|金额[:：]?|小写[:：]?|大写[:：]?)+/, "");
  const sign = /^([-−]|负)/.exec(s);
  if (sign) {
    if (negative) return null;
    [negative, s] = [true, s.slice(sign[0].length)];
  }
  s = s
    .replace(/^(?:人民币|rmb|cny|¥)+/, "")
    .replace(/[整正]$/, "")
    .replace(/(?<=[元万亿千])(?:人民币|rmb)$/, "");

  const result = parseArabic(s, options.defaultUnit ?? "元") ?? parseChinese(s, options.defaultUnit ?? "元");
  if (!result) return null;
  const wan = roundTo(negative ? -result.wan : result.wan, 6);
  return { wan, raw, unit: result.unit };
}

/** 12,345.68 · 1.2345亿 · 500.00万元 · 1,234,567.00元: the number is exact decimal, shifted by the unit. */
function parseArabic(s: string, defaultUnit: AmountUnit): { wan: number; unit: AmountUnit } | null {
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(千元?|万元?|萬|w|亿元?|億|元|圆|块)?$/.exec(s);
  if (!m) return null;
  const unit = m[3] ? UNIT_WORDS[m[3]]! : defaultUnit;
  const digits = m[1]!.replace(/,/g, "") + (m[2] ?? "");
  return { wan: Number(shiftDecimal(digits, TO_WAN[unit])), unit };
}

/** 人民币壹仟贰佰万元整 · 叁仟肆佰伍拾陆元柒角捌分 · 1亿2000万元 · 伍拾万. */
function parseChinese(s: string, defaultUnit: AmountUnit): { wan: number; unit: AmountUnit } | null {
  const m = CN_AMOUNT.exec(s);
  if (!m || (!m[1] && !m[3] && !m[4])) return null;
  const yuanWord = m[2] !== undefined;
  if (!yuanWord && (m[3] || m[4])) return null;
  const whole = m[1] ? chineseNumeralToNumber(m[1]) : 0;
  const jiao = m[3] ? chineseNumeralToNumber(m[3]) : 0;
  const fen = m[4] ? chineseNumeralToNumber(m[4]) : 0;
  if (whole === null || jiao === null || fen === null || jiao > 9 || fen > 9) return null;
  const place = UNIT_WORDS[m[1]?.at(-1) ?? ""];
  const endsInBigPlace = place === "万元" || place === "亿元";
  // Written with 元 or ending in 万/亿, `whole` counts yuan (万/亿 are place words); otherwise it is in defaultUnit.
  const inYuan = yuanWord || endsInBigPlace;
  // 壹佰万元整 is written in 万元, but 壹万元零捌角 goes down to 角 and so is written in 元.
  const unit = endsInBigPlace && !m[3] && !m[4] ? place! : inYuan ? "元" : defaultUnit;
  const scale = inYuan ? 1 : 10 ** (TO_WAN[defaultUnit] + 4);
  const fenTotal = Math.round(whole * scale * 100) + jiao * 10 + fen;
  return { wan: fenTotal / 1e6, unit };
}
