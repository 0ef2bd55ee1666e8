/** A value cell's text → the Field value by kind, with the shared normalisers (../normalize). */
import { normalizeUscc } from "../fields/uscc.js";
import {
  parseAmount,
  parseDataVolume,
  parseDate,
  parseHeadcount,
  parseParams,
  parsePercent,
  parsePhone,
  findPhones,
  toHalfWidth,
} from "../normalize/index.js";
import type { ValueKind } from "./types.js";

export interface Parsed {
  value: string | number;
  unit?: string;
}

/** The first number with an optional unit, for cells that say more than the number (「2680.50（近三年…）」). */
const LEADING_AMOUNT = /(?:人民币|¥)?\s*-?\d[\d,]*(?:\.\d+)?\s*(?:万元|亿元|千元|元|万|亿)?/u;

/** A number with its unit at the start of a cell that goes on with other text (OCR ran two cells together). */
const LEADING_NUMBER = /^\s*\d[\d,]*(?:\.\d+)?\s*(?:[KMGTP]B|[KMGTPB]|亿|万|人|名|个|%)?/iu;

/** Null when the text does not hold a value of this kind (the cell then counts as not filled in properly). */
export function parseValue(kind: Exclude<ValueKind, "checkbox">, text: string): Parsed | null {
  const whole = parseWhole(kind, text);
  if (whole || kind === "text" || kind === "longText" || kind === "date" || kind === "phone" || kind === "uscc") return whole;
  const lead = LEADING_NUMBER.exec(toHalfWidth(text))?.[0];
  return lead && lead.trim() !== text.trim() ? parseWhole(kind, lead) : null;
}

function parseWhole(kind: Exclude<ValueKind, "checkbox">, text: string): Parsed | null {
  const t = text.trim();
  if (t === "") return null;
  switch (kind) {
    case "text":
    case "longText":
      return { value: t.replace(/[ \t]+/g, " ") };
    case "uscc": {
      const m = /[0-9A-Z]{18}/.exec(normalizeUscc(t));
      return m ? { value: m[0] } : { value: normalizeUscc(t) };
    }
    case "amount": {
      const wan = parseAmount(t, { defaultUnit: "万元" })?.wan ?? firstAmount(t);
      return wan === null ? null : { value: wan, unit: "万元" };
    }
    case "integer": {
      const h = parseHeadcount(t);
      if (h?.total != null) return { value: h.total };
      const m = /^\D{0,4}?(\d+)\s*(?:人|名|个|家|人次|项)?$/u.exec(toHalfWidth(t).replace(/\s+/g, ""));
      return m ? { value: Number(m[1]) } : null;
    }
    case "number": {
      const m = /-?\d[\d,]*(?:\.\d+)?/.exec(toHalfWidth(t));
      return m ? { value: Number(m[0].replace(/,/g, "")) } : null;
    }
    case "params": {
      const p = parseParams(t, { defaultUnit: "亿" });
      return p?.yi != null ? { value: p.yi, unit: "亿" } : null;
    }
    case "dataTB": {
      const d = parseDataVolume(t, { defaultUnit: "TB" });
      return d?.kind === "bytes" ? { value: d.tb, unit: "TB" } : null;
    }
    case "percent": {
      const p = parsePercent(t, { bare: "percent" });
      return p ? { value: p.value, unit: "%" } : null;
    }
    case "date": {
      const d = parseDate(t);
      return d ? { value: d.iso } : null;
    }
    case "phone": {
      const p = parsePhone(t) ?? findPhones(t, { includeLocal: true })[0];
      return p ? { value: p.normalized } : null;
    }
  }
}

function firstAmount(text: string): number | null {
  const m = LEADING_AMOUNT.exec(toHalfWidth(text));
  if (!m) return null;
  return parseAmount(m[0], { defaultUnit: "万元" })?.wan ?? null;
}
