/**
 * 年度财务审计报告: opinion type, firm, signing CPAs, report number, fiscal year, report date, and the key
 * statement figures (current-year column, in 万元) as `finance.<item>.<year>`.
 */
import type { Field } from "../../model.js";
import type { DocumentPages, FieldExtractor } from "../types.js";
import { findDates, toHalfWidth } from "../normalize/index.js";
import { FieldSink, units, type Unit } from "./amounts-dates.js";
import { currentColumn, labelIs, pickCurrent, rowAmounts, tableUnit } from "./statement-rows.js";

/** Statement rows read, first label that matches wins (营业总收入 before 营业收入 in consolidated statements). */
export const AUDIT_FIGURES: readonly { key: string; labels: readonly string[] }[] = [
  { key: "revenue", labels: ["营业总收入", "营业收入"] },
  { key: "netProfit", labels: ["净利润"] },
  { key: "rdExpense", labels: ["研发费用"] },
  { key: "totalAssets", labels: ["资产总计", "资产总额"] },
  { key: "totalLiabilities", labels: ["负债合计", "负债总计"] },
];

/**
 * Opinion types as 审计准则 name them: 标准无保留意见, 带强调事项段的无保留意见, 保留意见, 否定意见, 无法表示意见.
 * Modified opinions are named in their own headings; 无保留意见 is what remains when the report opines at all.
 */
const MODIFIED: readonly [string, RegExp][] = [
  ["无法表示意见", /形成无法表示意见的基础|^[一二三四五六七八九十]+、\s*无法表示意见|我们不对.{0,60}发表审计意见/u],
  ["否定意见", /形成否定意见的基础|^[一二三四五六七八九十]+、\s*否定意见/u],
  ["保留意见", /形成保留意见的基础|^[一二三四五六七八九十]+、\s*保留意见/u],
];
const UNQUALIFIED = /^[一二三四五六七八九十]+、\s*审计意见|在所有重大方面.{0,60}公允反映|无保留意见/u;
const EMPHASIS = /^[一二三四五六七八九十]+、\s*强调事项|强调事项段?$/u;

const FIRM = /(?<=^|[\s:：])([\u4e00-\u9fff]{2,30}?会计师事务所(?:[（(][\u4e00-\u9fff]{2,10}[）)])?(?:[\u4e00-\u9fff]{1,8}分所)?)/u;
/** Two-character names are often letter-spaced (李　娟), so single spaces inside the name are allowed. */
const CPA = /中国注册会计师\s*[:：]?\s*(?:[（(][^）)]{1,8}[）)])?\s*([\u4e00-\u9fff](?:\s?[\u4e00-\u9fff]){1,3})(?![\u4e00-\u9fff])/gu;
const NOT_NAME = /签名|签字|盖章|签章|项目|合伙人/u;
const REPORT_NO = /[\u4e00-\u9fffA-Za-z]{1,12}字?\s*[〔[【（(]\s*(20\d{2})\s*[〕\]】）)]\s*第?\s*[A-Za-z0-9-]{1,10}\s*号/u;
const YEAR = [/(20\d{2})\s*年\s*12\s*月\s*31\s*日的(?:合并及(?:母|本)公司)?资产负债表/u, /(20\d{2})\s*年度的(?:合并及(?:母|本)公司)?(?:利润表|财务报表)/u, /(20\d{2})\s*年度?(?:财务报表)?审计报告/u];
/** The statements' own header: 编制单位：… 2024年12月31日 (资产负债表) or … 2024年度 (利润表). */
const STATEMENT_YEAR = /编制单位[:：].{2,60}?(20\d{2})\s*年(?:\s*12\s*月\s*31\s*日|度)/u;
/** 审字 / 报字 / 验字 before the 〔year〕 of a report number; OCR of a poor scan turns 字 into a look-alike. */
const NUMBER_WORD_SLIP = /(?<=[审报验])[^字\s\d〔[【（(](?=\s*[〔[【（(]\s*20\d{2})/u;

/** 〔2025〕: one bracket spelling, no spaces, so the number matches the one typed in the form. */
export function normalizeReportNo(raw: string): string {
  return toHalfWidth(raw).replace(/\s+/g, "").replace(/[[【(（]/u, "〔").replace(/[\]】)）](?=第|\d|[A-Za-z])/u, "〕");
}

export function findReportNo(all: Unit[]): { value: string; raw: string; from: Unit } | null {
  const from = all.find((u) => REPORT_NO.test(u.text));
  if (!from) return null;
  const raw = REPORT_NO.exec(from.text)![0];
  const ocr = from.parts.every((p) => p.source === "ocr");
  return { value: normalizeReportNo(ocr ? raw.replace(NUMBER_WORD_SLIP, "字") : raw), raw, from };
}

export function opinionOf(all: Unit[]): { value: string; from: Unit[] } | null {
  for (const [value, re] of MODIFIED) {
    const u = all.find((x) => re.test(x.text.trim()));
    if (u) return { value, from: [u] };
  }
  const u = all.find((x) => UNQUALIFIED.test(x.text.trim()));
  if (!u) return null;
  const emphasis = all.find((x) => EMPHASIS.test(x.text.trim()));
  return emphasis ? { value: "带强调事项段的无保留意见", from: [u, emphasis] } : { value: "标准无保留意见", from: [u] };
}

/**
 * The audited year from the opinion paragraph (read across a line break: a scan's lines end mid-sentence),
 * else from the statements' header.
 */
function fiscalYear(all: Unit[]): { year: string; from: Unit } | null {
  const flat = (u: Unit | undefined) => u?.text.replace(/\s+/g, "") ?? "";
  for (const re of YEAR) {
    for (const [i, u] of all.entries()) {
      const m = re.exec(flat(u) + (u.page === all[i + 1]?.page ? flat(all[i + 1]) : ""));
      if (m) return { year: m[1]!, from: u };
    }
  }
  const header = all.find((u) => STATEMENT_YEAR.test(flat(u)));
  return header ? { year: STATEMENT_YEAR.exec(flat(header))![1]!, from: header } : null;
}

/** The firm named most often at the start of a line (signature block, letterhead); ties go to the last. */
function firmOf(all: Unit[]): { name: string; from: Unit } | null {
  const seen = new Map<string, { n: number; from: Unit }>();
  for (const u of all) {
    const m = FIRM.exec(u.text.trim());
    if (!m) continue;
    const name = m[1]!.replace(/[()]/g, (c) => (c === "(" ? "（" : "）"));
    seen.set(name, { n: (seen.get(name)?.n ?? 0) + 1, from: u });
  }
  const best = [...seen].sort((a, b) => b[1].n - a[1].n)[0];
  return best ? { name: best[0], from: best[1].from } : null;
}

function statementFigures(sink: FieldSink, all: Unit[], year: string, yearUnit: Unit): void {
  for (const fig of AUDIT_FIGURES) {
    for (const label of fig.labels) {
      const i = all.findIndex((u) => labelIs(u, label) && rowAmounts(u, "元").length > 0);
      if (i < 0) continue;
      const row = all[i]!;
      const unit = tableUnit(all, i, "元");
      const picked = pickCurrent(rowAmounts(row, unit), currentColumn(all, i));
      if (!picked) continue;
      sink.add(`finance.${fig.key}.${year}`, picked.value.wan, picked.value.raw, [row, yearUnit], {
        unit: "万元",
        confidence: picked.confidence,
      });
      break;
    }
  }
}

export function extractAuditReport(input: DocumentPages): Field[] {
  const sink = new FieldSink(input.document.id, "audit-report");
  const all = units(input, Infinity);
  const opinion = opinionOf(all);
  if (opinion) sink.add("audit.opinion", opinion.value, opinion.from.map((u) => u.text).join(" / "), opinion.from);
  const firm = firmOf(all);
  if (firm) sink.add("audit.firm", firm.name, firm.name, [firm.from]);
  const cpas = all.flatMap((u) => [...u.text.matchAll(CPA)].map((m) => ({ name: m[1]!.replace(/\s/g, ""), u }))).filter((c) => !NOT_NAME.test(c.name));
  if (cpas.length) sink.add("audit.cpas", [...new Set(cpas.map((c) => c.name))], cpas.map((c) => c.name).join("、"), [...new Set(cpas.map((c) => c.u))]);
  const no = findReportNo(all);
  if (no) sink.add("audit.reportNo", no.value, no.raw, [no.from]);
  const fy = fiscalYear(all);
  if (fy) {
    sink.add("audit.year", fy.year, fy.year, [fy.from]);
    statementFigures(sink, all, fy.year, fy.from);
  }
  // The report date follows the CPA signatures, on the same page (the next page's 2024年12月31日 is not it).
  const sig = all.findIndex((u) => /中国注册会计师\s*[:：]/u.test(u.text));
  const block = sig < 0 ? [] : all.slice(sig, sig + 8).filter((u) => u.page === all[sig]!.page && u.file === all[sig]!.file);
  const dated = block.find((u) => findDates(u.text).some((d) => d.precision === "day"));
  if (dated) {
    const d = findDates(dated.text).find((x) => x.precision === "day")!;
    sink.add("audit.reportDate", d.iso, d.raw, [dated]);
  }
  return sink.fields;
}

export const auditReport: FieldExtractor = {
  name: "audit-report",
  docTypes: ["audit-report"],
  extract: (input) => extractAuditReport(input),
};
