/**
 * 税收完税证明 / 纳税证明: taxpayer (code and name), the tax kinds paid, the covered period, the amounts
 * per row (`tax.paid.<n>`, n = row order, with the row as evidence) and the total (万元).
 */
import type { Field } from "../../model.js";
import type { DocumentPages, FieldExtractor } from "../types.js";
import { findDates, toHalfWidth } from "../normalize/index.js";
import { amount, amountTokens, FieldSink, firstDate, segment, units, valueAfter, type Unit } from "./amounts-dates.js";
import { emitUscc } from "./uscc-field.js";

/** Tax kinds as 税务机关 print them; longer names first so 个人所得税 is not read as 所得税. */
export const TAX_KINDS = [
  "城市维护建设税", "地方教育附加", "残疾人就业保障金", "城镇土地使用税", "企业所得税", "个人所得税", "教育费附加",
  "土地增值税", "社会保险费", "增值税", "消费税", "印花税", "房产税", "车船税", "契税", "资源税", "环境保护税",
] as const;

const NAME_LABELS = ["纳税人名称", "缴款单位（人）名称", "单位名称"];
/** The total in figures after the one in words; OCR reads the ¥ before it as Y or y. */
const TOTAL = /(?:金额合计|合\s*计)[^¥￥]*?(?:[¥￥]|[Yy](?=\s*\d))\s*([\d,.]+[.,]\d{2})(?!\d)/u;

export function extractTaxCertificate(input: DocumentPages): Field[] {
  const sink = new FieldSink(input.document.id, "tax-certificate");
  const all = units(input, Infinity);
  emitUscc(sink, all);
  for (let i = 0; i < all.length && !sink.has("applicant.name"); i++) {
    const seg = segment(all[i]!.text, [...NAME_LABELS, "纳税人识别号", "税务机关", "填发日期"]).find((s) => s.label < NAME_LABELS.length);
    const loc = seg && valueAfter(all, i, seg.value, NAME_LABELS, false);
    if (loc && loc.value.length >= 4) sink.add("applicant.name", loc.value, loc.value, loc.units);
  }
  const issued = all.find((u) => /填发日期|开具日期|开具时间/u.test(u.text));
  const issuedOn = issued && firstDate(issued.text.slice(issued.text.search(/填发日期|开具日期|开具时间/u)));
  if (issued && issuedOn) sink.add("tax.certificateDate", issuedOn, issued.text, [issued]);

  const rows: { kind: string; from?: string; to?: string; wan: number; raw: string; unit: Unit }[] = [];
  for (const u of all) {
    const text = toHalfWidth(u.text);
    const kind = TAX_KINDS.find((k) => text.includes(k));
    const last = amountTokens(text).at(-1);
    if (!kind || !last || TOTAL.test(text)) continue;
    const a = amount(last.raw);
    if (!a) continue;
    const dates = findDates(text).filter((d) => d.precision === "day");
    rows.push({ kind, from: dates[0]?.iso, to: dates[1]?.iso, wan: a.wan, raw: u.text.slice(last.index, last.index + last.raw.length), unit: u });
    sink.add(`tax.paid.${rows.length}`, a.wan, last.raw, [u], { unit: "万元" });
  }
  if (rows.length) {
    const from = rows.map((r) => r.from).filter(Boolean).sort()[0];
    const to = rows.map((r) => r.to).filter(Boolean).sort().at(-1);
    sink.add("tax.kinds", [...new Set(rows.map((r) => r.kind))], rows.map((r) => r.kind).join("、"), rows.map((r) => r.unit));
    if (from && to) sink.add("tax.period", `${from}/${to}`, `${from}至${to}`, rows.map((r) => r.unit));
  }
  const totalUnit = all.find((u) => TOTAL.test(toHalfWidth(u.text)));
  const t = totalUnit && TOTAL.exec(toHalfWidth(totalUnit.text));
  const total = t ? amount(t[1]!) : null;
  if (totalUnit && t && total) {
    sink.add("tax.total", total.wan, t[1]!, [totalUnit], { unit: "万元" });
  } else if (rows.length) {
    const sum = Math.round(rows.reduce((s, r) => s + r.wan, 0) * 1e6) / 1e6;
    sink.add("tax.total", sum, rows.map((r) => r.raw).join("+"), rows.map((r) => r.unit), { unit: "万元", confidence: 0.9 });
  }
  return sink.fields;
}

export const taxCertificate: FieldExtractor = {
  name: "tax-certificate",
  docTypes: ["tax-certificate"],
  extract: (input) => extractTaxCertificate(input),
};
