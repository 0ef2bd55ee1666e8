/**
 * Shared locating helpers for the field extractors: labels that tolerate inserted spaces, label → value on
 * the same line or the next, amount tokens and units, dates with OCR slips, and the Field builder that
 * stamps evidence. Units (positioned lines) come from ./units.ts. Parsing of the values themselves lives in
 * ../normalize.
 */
import type { Field } from "../../model.js";
import { findDates, parseAmount, parsePeriod, toHalfWidth, type Amount, type AmountUnit } from "../normalize/index.js";
import { sameRow, type Unit } from "./units.js";
import { canonicalAmountToken } from "./_internal/amount-token.js";

export { amountTokens } from "./_internal/amount-token.js";

export { srcLines, units, type SrcLine, type Unit } from "./units.js";

/** A regex source for a label that allows spaces (「名 称」, 「名　　称」) and OCR specks (「名“称」) between its characters. */
export function labelSource(label: string, spaced = false): string {
  return [...label].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(`[\\s“”"'‘’·.]{${spaced ? 1 : 0},3}`);
}

/** What separates a label from its value: spaces, colons, and the quote-like specks OCR reads in the gap. */
const COLON = /^[\s:：“”"'‘’]+/;

/**
 * Split a unit's text at the labels it contains. A short label (under four characters) counts only at the
 * start or after a space or punctuation, so 「品目名称」 inside a value does not split at 名称; longer ones
 * (注册资本, 营业期限) also split text OCR glued together, and so does a short one printed letter-spaced
 * (「住“所」: the gap only a label has). Returns [label index, value] pairs in order.
 */
export function segment(text: string, labels: readonly string[]): { label: number; value: string; start: number }[] {
  const order = labels.map((l, i) => [l, i] as const).sort((a, b) => b[0].length - a[0].length);
  const source = (l: string) =>
    l.length < 4 ? `(?<=^|[\\s:：;；,，。、|])${labelSource(l)}|${labelSource(l, true)}` : labelSource(l);
  const re = new RegExp(order.map(([l]) => `(${source(l)})`).join("|"), "gu");
  const hits: { label: number; start: number; end: number }[] = [];
  for (const m of text.matchAll(re)) {
    const g = m.slice(1).findIndex((x) => x !== undefined);
    hits.push({ label: order[g]![1], start: m.index, end: m.index + m[0].length });
  }
  return hits.map((h, i) => ({
    label: h.label,
    start: h.start,
    value: text
      .slice(h.end, hits[i + 1]?.start ?? text.length)
      .replace(COLON, "")
      .trim(),
  }));
}

/** Does the unit begin with one of the labels? */
export function startsWithLabel(u: Unit, labels: readonly string[]): boolean {
  return segment(u.text, labels)[0]?.start === 0;
}

export interface Located {
  value: string;
  units: Unit[];
}

/**
 * The value after `label` in unit `i`: on the same unit, else the next unit on the same row to the right,
 * else the unit below. With `multiline`, label-less units right under the value (same left edge) are appended.
 */
export function valueAfter(
  all: Unit[],
  i: number,
  value: string,
  labels: readonly string[],
  multiline: boolean,
): Located | null {
  const u = all[i]!;
  const picked: Unit[] = [u];
  let text = value;
  let anchor: Unit | undefined = u;
  if (!text) {
    const cands = all.filter(
      (o, j) => j !== i && o.file === u.file && o.page === u.page && !startsWithLabel(o, labels),
    );
    const right =
      u.box &&
      cands.filter((o) => o.box && sameRow(o.box, u.box!) && o.box.x > u.box!.x).sort((a, b) => a.box!.x - b.box!.x)[0];
    const below = u.box
      ? cands
          .filter(
            (o) =>
              o.box &&
              o.box.y > u.box!.y + u.box!.h * 0.5 &&
              o.box.y < u.box!.y + 2.5 * u.box!.h &&
              o.box.x + o.box.w > u.box!.x &&
              o.box.x < u.box!.x + u.box!.w * 3,
          )
          .sort((a, b) => a.box!.y - b.box!.y)[0]
      : all[i + 1] && !startsWithLabel(all[i + 1]!, labels) && all[i + 1]!.page === u.page
        ? all[i + 1]
        : undefined;
    anchor = right || below || undefined;
    if (!anchor) return null;
    picked.push(anchor);
    text = anchor.text.replace(COLON, "").trim();
  }
  if (multiline && anchor.box) {
    const startX = anchor === u ? xAt(u, Math.max(0, u.text.indexOf(value))) : anchor.box.x;
    let last = anchor.box;
    for (;;) {
      // A line with a label on its row (to its left, in a label column) is the next field's value.
      const labelled = (o: Unit) =>
        all.some((l) => l !== o && l.box && sameRow(l.box, o.box!) && startsWithLabel(l, labels));
      const near = (o: Unit) =>
        o.box &&
        o.file === u.file &&
        o.page === u.page &&
        !picked.includes(o) &&
        o.box.y > last.y + last.h * 0.5 &&
        o.box.y - (last.y + last.h) < last.h * 1.2 &&
        !labelled(o);
      // Letter-spaced labels (住　　所) make startX an estimate: the next line may start a few 字 to its right.
      const aligned = all.find(
        (o) =>
          near(o) && o.box!.x > startX - 1.5 * last.h && o.box!.x < startX + 4 * last.h && !startsWithLabel(o, labels),
      );
      // A label anywhere in it means the line belongs to another field.
      if (!aligned || segment(aligned.text, labels).length > 0) break;
      picked.push(aligned);
      text += aligned.text.trim();
      last = aligned.box!;
    }
  }
  return text ? { value: text, units: picked } : null;
}

/** Glyph advance in em: Latin letters, digits and ASCII punctuation are about half a 汉字 wide. */
const advance = (c: string) => (c.charCodeAt(0) < 0x2e80 ? 0.55 : 1);

/** Estimated x of character `i` of a boxed unit, spreading the box width over the glyph advances. */
function xAt(u: Unit, i: number): number {
  const chars = [...u.text];
  const total = chars.reduce((s, c) => s + advance(c), 0);
  const before = chars.slice(0, i).reduce((s, c) => s + advance(c), 0);
  return u.box!.x + (u.box!.w * before) / Math.max(total, 1);
}

/**
 * OCR slips in dates: 「18E」「18曰」 for 「18日」, and 「2019仪03月」 (any one non-digit between a year and a
 * month) for 「2019年03月」. Length-preserving, so offsets hold in the input.
 */
export function fixDateOcr(text: string): string {
  return toHalfWidth(text)
    .replace(/(月\s*\d{1,2}\s*)[EB曰目田口时]/gu, "$1日")
    .replace(/(?<!\d)((?:19|20)\d{2}\s?)[^\d\s年.\-/\uD800-\uDFFF](\s?\d{1,2}\s*月)/gu, "$1年$2");
}

/** The first date in the text as ISO, with OCR slips repaired. */
export function firstDate(text: string): string | null {
  return findDates(fixDateOcr(text))[0]?.iso ?? null;
}

/** 「2024年01月01日至2024年12月31日」 inside longer text: the first date-to-date span, or null. */
export function findPeriod(text: string): { from: string; to: string; raw: string } | null {
  const s = fixDateOcr(text);
  const dates = findDates(s).filter((d) => d.precision === "day");
  for (let i = 0; i + 1 < dates.length; i++) {
    const [a, b] = [dates[i]!, dates[i + 1]!];
    if (/^\s*(?:至|到|-|—|~)\s*$/u.test(s.slice(a.end, b.start)))
      return { from: a.iso, to: b.iso, raw: text.slice(a.start, b.end) };
  }
  return null;
}

export function period(text: string): { from: string; to: string | null } | null {
  const p = parsePeriod(
    fixDateOcr(text)
      .replace(/\s+/g, "")
      .replace(/无.定.限/u, "无固定期限"),
  );
  return p ? { from: p.from, to: p.to } : null;
}

export function amount(raw: string, unit: AmountUnit = "元"): Amount | null {
  const a = parseAmount(canonicalAmountToken(raw).replace(/[（]/g, "(").replace(/[）]/g, ")"), { defaultUnit: unit });
  return a && { ...a, raw };
}

/** 单位：元 / 金额单位：人民币万元 in the given text; null when not stated. */
export function statedUnit(text: string): AmountUnit | null {
  const m = /单\s*位\s*[:：]\s*(?:人民币)?\s*(亿元|万元|千元|元)/u.exec(toHalfWidth(text));
  return (m?.[1] as AmountUnit | undefined) ?? null;
}

/** Collects fields for one document, stamping documentId, extractor and evidence from the units. */
export class FieldSink {
  readonly fields: Field[] = [];
  constructor(
    private readonly documentId: string,
    private readonly extractor: string,
  ) {}

  add(
    key: string,
    value: Field["value"],
    raw: string,
    from: readonly Unit[],
    opts: { unit?: string; confidence?: number } = {},
  ): Field {
    const parts = [...new Set(from.flatMap((u) => u.parts))];
    const lineConf = Math.min(...parts.map((p) => p.confidence), 1);
    const field: Field = {
      key,
      value,
      raw,
      documentId: this.documentId,
      extractor: `rule:${this.extractor}`,
      confidence: Math.round(lineConf * (opts.confidence ?? 1) * 1000) / 1000,
      evidence: parts.map((p) => ({ file: p.file, page: p.page, quote: p.text, ...(p.box ? { box: p.box } : {}) })),
      ...(opts.unit ? { unit: opts.unit } : {}),
    };
    this.fields.push(field);
    return field;
  }

  has(key: string): boolean {
    return this.fields.some((f) => f.key === key);
  }
}
