/** Amount tokens as tables print them; shared by the unit builder (wrapped-cell folding) and the amount helpers. */
import { toHalfWidth } from "../../normalize/index.js";

/**
 * 1,234,567.89 · (1,234.00) · -12.50 · 0.00 — and, first, the spellings OCR makes of a 元 amount with two
 * decimals on a poor scan: a thousands comma read as a point or the reverse, lost or doubled (1.876,500.00 ·
 * 17.864.200.00 · 73,186,200,00 · 1876,500.00 · 38,056,.824.00). Three-digit groups and a two-digit tail make these
 * unambiguous: no locale writes them.
 */
const SLIPPED = String.raw`(?<![\d.,])[-(（]?\d{1,4}(?:[.,]{1,2}\d{3})+[.,]\d{2}[)）]?(?![\d.,])`;
const STRICT = String.raw`(?<![\d.,])[-(（]?\d{1,3}(?:,\d{3})+(?:\.\d+)?[)）]?(?![\d,])|(?<![\d.,])[-(（]?\d+\.\d{1,2}[)）]?(?![\d.])`;
const AMOUNT_TOKEN = new RegExp(`${SLIPPED}|${STRICT}`, "gu");
const STRICT_WHOLE = new RegExp(`^(?:${STRICT})$`, "u");
const SLIPPED_WHOLE = new RegExp(`^${SLIPPED}$`, "u");

export function amountTokens(text: string): { raw: string; index: number }[] {
  return [...toHalfWidth(text).matchAll(AMOUNT_TOKEN)].map((m) => ({ raw: text.slice(m.index, m.index + m[0].length), index: m.index }));
}

/** A slipped-separator token in its printed spelling (1.876,500.00 → 1,876,500.00); any other text unchanged. */
export function canonicalAmountToken(raw: string): string {
  const s = toHalfWidth(raw);
  if (STRICT_WHOLE.test(s) || !SLIPPED_WHOLE.test(s)) return raw;
  return s.replace(/\d[\d.,]*\d/u, (digits) => {
    const bare = digits.replace(/[.,]/g, "");
    const whole = bare.slice(0, -2).replace(/\B(?=(\d{3})+$)/g, ",");
    return `${whole}.${bare.slice(-2)}`;
  });
}
