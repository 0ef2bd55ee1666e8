/** Amount tokens as tables print them; shared by the unit builder (wrapped-cell folding) and the amount helpers. */
import { toHalfWidth } from "../../normalize/index.js";

/** 1,234,567.89 · (1,234.00) · -12.50 · 0.00 */
const AMOUNT_TOKEN = /(?<![\d.,])[-(（]?\d{1,3}(?:,\d{3})+(?:\.\d+)?[)）]?(?![\d,])|(?<![\d.,])[-(（]?\d+\.\d{1,2}[)）]?(?![\d.])/gu;

export function amountTokens(text: string): { raw: string; index: number }[] {
  return [...toHalfWidth(text).matchAll(AMOUNT_TOKEN)].map((m) => ({ raw: text.slice(m.index, m.index + m[0].length), index: m.index }));
}

