/** Percentages: 45%, 45.5％, 百分之四十五, 千分之五, and bare numbers whose column says （%） or 「比例」. */
import { roundTo } from "./_decimal.js";
import { chineseNumeralToNumber, toHalfWidth } from "./text.js";

export interface Percent {
  /** On the 0..100 scale (45% → 45). Not clamped: a growth rate of 150% stays 150, a decline −12%. */
  value: number;
  raw: string;
}

export interface PercentOptions {
  /**
   * How to read a bare number: "percent" for a column headed （%） (45.5 → 45.5), "ratio" for a fraction
   * (0.455 → 45.5). Without it a bare number is not a percentage (null).
   */
  bare?: "percent" | "ratio";
}

const NUMBER = String.raw`[-−]?\d+(?:\.\d+)?`;

export function parsePercent(text: string, options: PercentOptions = {}): Percent | null {
  const half = toHalfWidth(text);
  if (/\d\s+\d/.test(half)) return null;
  const s = half.replace(/\s+/g, "").replace(/^(?:约|占比?|为|达到?)+/u, "");
  if (s === "") return null;
  const value = read(s, options.bare);
  return value === null || !Number.isFinite(value) ? null : { value: roundTo(value, 6), raw: text };
}

function read(s: string, bare: PercentOptions["bare"]): number | null {
  let m = new RegExp(`^(${NUMBER})(%|‰)$`, "u").exec(s);
  if (m) return toNumber(m[1]!) / (m[2] === "‰" ? 10 : 1);
  m = /^(百|千)分之(.+)$/u.exec(s);
  if (m) {
    const n = /^\d+(?:\.\d+)?$/.test(m[2]!) ? Number(m[2]) : m[2] === "百" ? 100 : chineseNumeralToNumber(m[2]!);
    return n === null ? null : m[1] === "千" ? n / 10 : n;
  }
  m = /^([一二三四五六七八九十])成$/u.exec(s);
  if (m) return (chineseNumeralToNumber(m[1]!) ?? 0) * 10;
  m = new RegExp(`^${NUMBER}$`, "u").exec(s);
  if (m && bare) return bare === "ratio" ? toNumber(m[0]) * 100 : toNumber(m[0]);
  return null;
}

function toNumber(s: string): number {
  return Number(s.replace("−", "-"));
}
