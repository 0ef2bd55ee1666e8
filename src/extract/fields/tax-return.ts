/**
 * 企业所得税年度纳税申报表: A100000 (主表) and A107012 (研发费用加计扣除优惠明细表). Every numbered row
 * becomes `tax.<form>.line<N>` (万元, or a plain number for counts); A100000 line 1 also gives
 * `finance.revenue.<year>`, A107012's 加计扣除总额 row `tax.a107012.deductionTotal`.
 */
import type { Field } from "../../model.js";
import type { DocumentPages, FieldExtractor } from "../types.js";
import { toHalfWidth } from "../normalize/index.js";
import { amount, FieldSink, findPeriod, units, type Unit } from "./amounts-dates.js";
import { tableUnit } from "./statement-rows.js";
import { emitUscc } from "./uscc-field.js";

/**
 * What A100000's key rows say; a row whose item disagrees (an OCR-misread 行次) gets confidence ×0.6, and a
 * row whose 行次 OCR could not read at all (「目」 for 2) is placed by its item.
 */
export const A100000_LINES: Record<number, string> = {
  1: "营业收入", 2: "营业成本", 3: "税金及附加", 10: "营业利润", 13: "利润总额", 19: "纳税调整后所得", 23: "应纳税所得额",
  25: "应纳所得税额", 28: "应纳税额", 31: "实际应纳所得税额", 33: "本年应补（退）所得税额",
};

/**
 * 行次 at the start of the row (OCR may glue it to the 类别 text: 「1利润总额计算」), then the item text (may
 * have wrapped above and below), then the value at the end (separators as OCR read them: see amount()).
 */
const ROW = /^\s*(\d{1,2})(?:\s+|(?=[\u4e00-\u9fff]))(?:(.*?[\u4e00-\u9fff].*?)\s+)?(-?\d[\d.,]*|\d+(?:\.\d+)?%)\s*$/u;
/** Rate rows (税率 25%, 加计扣除比例 100%): a percentage, not an amount, and OCR often loses the %. */
const RATE_ITEM = /税率|比例/u;
const DEDUCTION_TOTAL = /加计扣除(?:总额|金额合计)/u;

export interface TaxRow {
  line: number;
  item: string;
  raw: string;
  /** The row first, then any units its wrapped item text came from. */
  units: Unit[];
  /** 行次 unreadable: the line number comes from the item text. */
  byItem?: boolean;
}

/**
 * A cell whose item text wrapped leaves the 行次 and amount on a row between the item's lines: the item is
 * then read from the amount-less units right above and below that overlap the row's height band.
 */
function wrappedItem(all: Unit[], i: number): { text: string; units: Unit[] } {
  const u = all[i]!;
  const near = [all[i - 1], all[i + 1]].filter((o): o is Unit =>
    !!o && !!o.box && !!u.box && o.page === u.page && !ROW.test(toHalfWidth(o.text)) &&
    Math.abs(o.box.y + o.box.h / 2 - (u.box.y + u.box.h / 2)) < 1.5 * u.box.h);
  return { text: near.map((o) => o.text).join(""), units: near };
}

const A100000_ITEMS = Object.entries(A100000_LINES).map(([line, item]) => ({
  line: Number(line),
  re: new RegExp(`(?:[一二三四五六七八九十]、|[减加]:)${toHalfWidth(item).replace(/[()]/g, "\\$&")}(?:\\(|\\d|-|$)`, "u"),
}));

/**
 * The A100000 line an item names as the form prints it: after its numbering (五、) or 减：/加：, before its
 * formula bracket — so the 类别 column (利润总额计算, 应纳税所得额) does not count.
 */
function a100000LineOf(text: string): number | null {
  const t = toHalfWidth(text).replace(/\s+/g, "");
  return A100000_ITEMS.find((i) => i.re.test(t))?.line ?? null;
}

/** A row whose 行次 OCR misread as a non-digit, placed by its item; null when the item is not a known line. */
function rowByItem(u: Unit, taken: TaxRow[]): TaxRow | null {
  const text = toHalfWidth(u.text);
  const value = /(-?\d[\d.,]*)\s*$/u.exec(text);
  const line = value && !ROW.test(text) ? a100000LineOf(text.slice(0, value.index)) : null;
  if (!value || line === null || taken.some((r) => r.line === line)) return null;
  return { line, item: text.slice(0, value.index), raw: u.text.slice(value.index).trim(), units: [u], byItem: true };
}

export function taxRows(all: Unit[], form: "a100000" | "a107012" = "a100000"): TaxRow[] {
  const rows: TaxRow[] = [];
  for (const [i, u] of all.entries()) {
    const m = ROW.exec(toHalfWidth(u.text));
    if (!m && form === "a100000") {
      const placed = rowByItem(u, rows);
      if (placed) rows.push(placed);
      continue;
    }
    if (!m || Number(m[1]) < 1 || Number(m[1]) > 60) continue;
    // The first row of a number wins: a repeated header on a continuation page does not override it.
    if (rows.some((r) => r.line === Number(m[1]))) continue;
    const item = m[2] ? { text: m[2], units: [] } : wrappedItem(all, i);
    if (!/[\u4e00-\u9fff]/u.test(item.text)) continue;
    const raw = u.text.slice(m.index + m[0].lastIndexOf(m[3]!)).trim();
    rows.push({ line: Number(m[1]), item: item.text, raw, units: [u, ...item.units] });
  }
  return rows;
}

function taxYear(all: Unit[]): { year: string; from: Unit } | null {
  for (const u of all) {
    const at = u.text.search(/所属(?:期间|时期|期)/u);
    const p = at >= 0 ? findPeriod(u.text.slice(at)) : null;
    if (p) return { year: p.to.slice(0, 4), from: u };
  }
  return null;
}

export function extractTaxReturn(input: DocumentPages): Field[] {
  const form = input.document.type === "tax-return-a107012" ? "a107012" : "a100000";
  const sink = new FieldSink(input.document.id, `tax-return`);
  const all = units(input, Infinity);
  emitUscc(sink, all);
  const year = taxYear(all);
  if (year) sink.add("tax.year", year.year, year.from.text, [year.from]);
  for (const r of taxRows(all, form)) {
    if (r.raw.endsWith("%") || RATE_ITEM.test(r.item)) continue;
    const counted = !/[.,]/.test(r.raw) && form === "a107012" && r.line === 1;
    const i = all.indexOf(r.units[0]!);
    const a = counted ? null : amount(r.raw, tableUnit(all, i, "元"));
    if (!counted && !a) continue;
    const value = counted ? Number(r.raw) : a!.wan;
    const expected = form === "a100000" ? A100000_LINES[r.line] : undefined;
    const confidence = r.byItem ? 0.9 : expected && !r.item.replace(/\s+/g, "").includes(expected) ? 0.6 : 1;
    const opts = counted ? { confidence } : { unit: "万元", confidence };
    sink.add(`tax.${form}.line${r.line}`, value, r.raw, r.units, opts);
    if (form === "a100000" && r.line === 1 && year && /营业收入/u.test(r.item)) {
      sink.add(`finance.revenue.${year.year}`, value, r.raw, [...r.units, year.from], opts);
    }
    if (form === "a107012" && DEDUCTION_TOTAL.test(r.item) && !sink.has("tax.a107012.deductionTotal")) {
      sink.add("tax.a107012.deductionTotal", value, r.raw, r.units, opts);
    }
  }
  return sink.fields;
}

export const taxReturn: FieldExtractor = {
  name: "tax-return",
  docTypes: ["tax-return-a100000", "tax-return-a107012"],
  extract: (input) => extractTaxReturn(input),
};
