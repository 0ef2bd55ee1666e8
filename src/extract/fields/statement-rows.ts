/**
 * Rows of financial tables (statements, 申报表, 明细表): the label at the start of a row, the amounts in it
 * with their x position or cell column, and the column a header names (本期金额 vs 上期金额).
 */
import { editDistance, type AmountUnit } from "../normalize/index.js";
import { amount, amountTokens, statedUnit, type Unit } from "./amounts-dates.js";

export interface RowAmount {
  raw: string;
  wan: number;
  /** Horizontal centre in page units, when the line has a box. */
  x?: number;
  /** DOCX table column. */
  col?: number;
}

/** Amount tokens of a row, left to right, each placed by its line box (proportionally within a line) or cell. */
export function rowAmounts(u: Unit, unit: AmountUnit): RowAmount[] {
  const out: RowAmount[] = [];
  for (const p of u.parts) {
    for (const t of amountTokens(p.text)) {
      const a = amount(t.raw, unit);
      if (!a) continue;
      const mid = t.index + t.raw.length / 2;
      out.push({
        raw: t.raw,
        wan: a.wan,
        ...(p.box ? { x: p.box.x + (p.box.w * mid) / Math.max(p.text.length, 1) } : {}),
        ...(p.cell ? { col: p.cell.col } : {}),
      });
    }
  }
  return out;
}

/** Numbering and connective prefixes before a statement label: 一、 （二） 减： 加： 其中： 1. */
const PREFIX = /^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．]|[减加][:：]|其中[:：]|\s)+/u;

/** The row's label text: before its first amount, without numbering prefixes and parentheticals. */
export function rowLabel(u: Unit): string {
  const first = amountTokens(u.text)[0];
  const head = first ? u.text.slice(0, first.index) : u.text;
  return head.replace(PREFIX, "").replace(/[（(][^）)]*(?:[）)]|$)/gu, "").replace(/\s+/g, "");
}

/**
 * Does the row's label read as `label`? The remainder may only be a 附注 reference (五、21 · 六(1) · 注释3)
 * or digits, so 「营业收入确认」 prose or 「其他业务收入」 do not match 「营业收入」.
 */
export function labelIs(u: Unit, label: string): boolean {
  const l = rowLabel(u);
  if (l.startsWith(label) && /^(?:附注|注释)?[一二三四五六七八九十]*[、.]?\d*$/u.test(l.slice(label.length))) return true;
  return u.parts.every((p) => p.source === "ocr") && ocrLabelIs(l, label);
}

/**
 * Row labels of the statements under 企业会计准则 (资产负债表, 利润表): the labels extractors look for and
 * the neighbours an OCR slip could turn them into, so that a misread label is only taken for its nearest one.
 */
const STATEMENT_LABELS = [
  "货币资金", "交易性金融资产", "应收票据", "应收账款", "预付款项", "其他应收款", "存货", "流动资产合计", "固定资产",
  "在建工程", "无形资产", "开发支出", "长期待摊费用", "非流动资产合计", "资产总计", "资产总额", "短期借款", "应付票据",
  "应付账款", "预收款项", "合同负债", "应付职工薪酬", "应交税费", "其他应付款", "流动负债合计", "长期借款",
  "非流动负债合计", "负债合计", "负债总计", "实收资本", "资本公积", "盈余公积", "未分配利润", "所有者权益合计",
  "负债和所有者权益总计", "营业总收入", "营业收入", "营业总成本", "营业成本", "税金及附加", "销售费用", "管理费用",
  "研发费用", "财务费用", "其他收益", "投资收益", "营业利润", "营业外收入", "营业外支出", "利润总额", "所得税费用",
  "净利润", "持续经营净利润", "终止经营净利润", "综合收益总额",
];

/**
 * An OCR'd row label with one wrong character (研发赏用, 一营M收入, 洗利润) reads as `label` when `label` is the
 * only statement label that close. The 附注 cell (五、25 · 亚8) and a numbering without its 、 are dropped
 * first; labels of three characters allow a substitution only.
 */
function ocrLabelIs(rowText: string, label: string): boolean {
  const core = rowText.replace(/[|｜]+$/u, "").replace(/(?:附注|注释)?[\u4e00-\u9fff]?[、.,]?\d+[|｜]*$/u, "");
  const heads = [core, core.replace(/^[一二三四五六七八九十]/u, "")];
  const tolerance = (l: string, head: string) => (l.length >= 4 || l.length === head.length ? 1 : 0);
  return heads.some((head) => {
    const d = editDistance(head, label);
    if (d === 0) return true;
    if (d > tolerance(label, head)) return false;
    return STATEMENT_LABELS.every((other) => other === label || editDistance(head, other) > d);
  });
}

const CURRENT = /本期(?:金额|发生额|数)?|本年(?:金额|发生额|数|累计(?:金额)?)?|期末(?:余额|数)|(?<!上)年末(?:余额|数)|\d{4}\s*年度?(?:金额)?/u;
const PRIOR = /上期|上年|期初|年初|上年年末/u;

export interface Column {
  /** Header fragment centre x, when boxed. */
  x?: number;
  col?: number;
  /** Position among the amount columns (0 = first), from the header's reading order. */
  order: number;
}

/**
 * The current-period column named by the nearest header above `rowIndex` on the same page: the unit that
 * mentions both a current and a prior column label. Null when no header is found.
 */
export function currentColumn(all: Unit[], rowIndex: number): Column | null {
  const row = all[rowIndex]!;
  for (let i = rowIndex - 1; i >= 0; i--) {
    const h = all[i]!;
    if (h.page !== row.page || h.file !== row.file) break;
    const byYear = yearColumns(h);
    if (byYear) return byYear;
    if (!PRIOR.test(h.text) || !h.parts.some((p) => isCurrent(p.text)) && !isCurrent(h.text.replace(PRIOR_LABEL, ""))) continue;
    const ordered = h.parts.filter((p) => isCurrent(p.text) || PRIOR.test(p.text));
    const idx = ordered.findIndex((p) => isCurrent(p.text) && !PRIOR.test(p.text));
    const cur = ordered[idx];
    if (cur && ordered.length > 1) return place(cur, idx);
    // One line holding both labels (text layer without column splits): order by position in the text.
    const text = h.text.replace(/\s+/g, "");
    const c = text.replace(PRIOR_LABEL, (m) => "□".repeat(m.length)).search(CURRENT);
    const p = text.search(PRIOR);
    return { order: c >= 0 && p >= 0 && p < c ? 1 : 0 };
  }
  return null;
}

const PRIOR_LABEL = /上年年末(?:余额|数)?|上期(?:金额|发生额|数)?|上年(?:金额|数|发生额|同期)?|期初(?:余额|数)?|年初(?:余额|数)?/gu;

const place = (p: Unit["parts"][number], order: number): Column => ({
  order,
  ...(p.box ? { x: p.box.x + p.box.w / 2 } : {}),
  ...(p.cell ? { col: p.cell.col } : {}),
});

/** A header whose columns are years (2024年12月31日 | 2023年12月31日, 2024年度 | 2023年度): the latest is current. */
function yearColumns(h: Unit): Column | null {
  const years = h.parts.map((p) => Number(/^(20\d{2})\s*(?:年|[-.])/u.exec(p.text.trim())?.[1] ?? NaN));
  const known = years.filter((y) => !Number.isNaN(y));
  if (known.length < 2 || new Set(known).size < 2) return null;
  const max = Math.max(...known);
  const at = years.indexOf(max);
  return place(h.parts[at]!, known.indexOf(max));
}

function isCurrent(text: string): boolean {
  const t = text.replace(/\s+/g, "");
  return CURRENT.test(t) && !/^(?:上期|上年|期初|年初)/u.test(t);
}

/** The amount in the current column: by x, else by cell column, else by header order (default first). */
export function pickCurrent(amounts: RowAmount[], col: Column | null): { value: RowAmount; confidence: number } | null {
  if (amounts.length === 0) return null;
  if (col?.x !== undefined && amounts.every((a) => a.x !== undefined)) {
    const best = [...amounts].sort((a, b) => Math.abs(a.x! - col.x!) - Math.abs(b.x! - col.x!))[0]!;
    return { value: best, confidence: 1 };
  }
  if (col?.col !== undefined) {
    const hit = amounts.find((a) => a.col === col.col);
    if (hit) return { value: hit, confidence: 1 };
  }
  const order = col?.order ?? 0;
  if (amounts.length === 1) return { value: amounts[0]!, confidence: order === 0 ? 0.8 : 0.5 };
  const v = amounts[order] ?? amounts[0]!;
  return { value: v, confidence: col ? 0.9 : 0.7 };
}

/** Unit in which the table on `rowIndex`'s page is written: the last 单位： statement above it, else the fallback. */
export function tableUnit(all: Unit[], rowIndex: number, fallback: AmountUnit): AmountUnit {
  const row = all[rowIndex]!;
  for (let i = rowIndex; i >= 0; i--) {
    const u = all[i]!;
    if (u.page !== row.page || u.file !== row.file) break;
    const s = statedUnit(u.text);
    if (s) return s;
  }
  return fallback;
}
