/**
 * 信用中国 查询报告 (公共信用信息报告, a printed search result or its screenshot): the subject (`applicant.name`,
 * `applicant.uscc`, so consistency checks pair it with the form), `credit.reportNo`, `credit.queryDate` (报告生成
 * 时间 / 查询日期, ISO) and record counts per category: `credit.penalties` (行政处罚), `credit.seriousDishonest`
 * (严重失信主体名单), `credit.abnormal` (经营异常名录), `credit.dishonestDebtor` (失信被执行人).
 *
 * A count is read from the summary (「行政处罚 0条」 as a table row, 「行政处罚（2）」 as a search-result tab);
 * failing that, from the category's own section: 「未查询到相关信息」 is 0, otherwise its numbered records count.
 */
import type { Field } from "../../model.js";
import type { DocumentPages, FieldExtractor } from "../types.js";
import { FieldSink, firstDate, segment, units, valueAfter, type Unit } from "./amounts-dates.js";
import { emitUscc } from "./uscc-field.js";

export const CREDIT_CATEGORIES: readonly { key: string; labels: readonly string[] }[] = [
  { key: "credit.penalties", labels: ["行政处罚"] },
  { key: "credit.seriousDishonest", labels: ["严重失信主体名单", "严重违法失信名单", "严重失信"] },
  { key: "credit.abnormal", labels: ["经营异常名录", "经营异常"] },
  { key: "credit.dishonestDebtor", labels: ["失信被执行人"] },
];

const NAME_LABELS = ["主体名称", "企业名称", "市场主体名称", "查询主体", "查询对象", "单位名称"];
const REPORT_NO = /报告编号\s*[:：]?\s*([A-Za-z0-9-]{6,40})/u;
const QUERY_DATE = /(?:报告生成时间|生成时间|查询日期|查询时间|报告日期|出具日期|打印日期|打印时间)\s*[:：]?/u;
/** 「二、」「（三）」「1.」 before a heading or a summary row. */
const NUMBERING = String.raw`(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．])?\s*`;
/** The count after a label: 「0条」「（2）」「：无」; OCR reads 条 as other characters, so any one may follow. */
const COUNT = String.raw`(?:信息|记录)?\s*[:：]?\s*[（(]?\s*(\d{1,4}|无|零)\s*(?:[条项次个]|\S)?\s*[)）]?`;
const NONE_FOUND = /未查询到|暂无|无相关|无记录|没有查询到/u;
/** The next section: 「四、经营异常名录信息」「（五）其他」. */
const NEXT_SECTION = /^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）])\s*\S{2,20}$/u;
const RECORD = /^\s*\d{1,3}\s*[.、．]/u;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const toCount = (s: string) => (/^\d+$/.test(s) ? Number(s) : 0);

export function extractCreditReport(input: DocumentPages): Field[] {
  const sink = new FieldSink(input.document.id, "credit-report");
  const all = units(input, Infinity);

  for (let i = 0; i < all.length && !sink.has("applicant.name"); i++) {
    const seg = segment(all[i]!.text, [...NAME_LABELS, "统一社会信用代码", "报告编号"]).find(
      (s) => s.label < NAME_LABELS.length,
    );
    const loc = seg && valueAfter(all, i, seg.value, NAME_LABELS, false);
    if (loc && loc.value.length >= 4) sink.add("applicant.name", loc.value, loc.value, loc.units);
  }
  emitUscc(sink, all);
  const no = all.find((u) => REPORT_NO.test(u.text));
  if (no) sink.add("credit.reportNo", REPORT_NO.exec(no.text)![1]!, no.text, [no]);
  const dated = all.find((u) => QUERY_DATE.test(u.text) && firstDate(u.text.slice(u.text.search(QUERY_DATE))));
  if (dated)
    sink.add("credit.queryDate", firstDate(dated.text.slice(dated.text.search(QUERY_DATE)))!, dated.text, [dated]);

  for (const { key, labels } of CREDIT_CATEGORIES) {
    const found = summaryCount(all, labels) ?? sectionCount(all, labels);
    if (found)
      sink.add(key, found.count, found.raw, found.from, found.confidence ? { confidence: found.confidence } : {});
  }
  return sink.fields;
}

interface Count {
  count: number;
  raw: string;
  from: Unit[];
  confidence?: number;
}

function summaryCount(all: Unit[], labels: readonly string[]): Count | null {
  const alt = labels.map(escape).join("|");
  const row = new RegExp(`^${NUMBERING}(?:${alt})${COUNT}$`, "u");
  const tab = new RegExp(`(?:${alt})\\s*[（(]\\s*(\\d{1,4})\\s*[)）]`, "u");
  for (const u of all) {
    const text = u.text.trim();
    const m = row.exec(text) ?? tab.exec(text);
    if (m) return { count: toCount(m[1]!), raw: m[0], from: [u] };
  }
  return null;
}

/** 「三、严重失信主体名单信息」 then 「未查询到相关信息」 or numbered records, up to the next heading. */
function sectionCount(all: Unit[], labels: readonly string[]): Count | null {
  const heading = new RegExp(`^${NUMBERING}(?:${labels.map(escape).join("|")})(?:信息|记录)?\\s*$`, "u");
  const start = all.findIndex((u) => heading.test(u.text.trim()));
  if (start < 0) return null;
  const body: Unit[] = [];
  for (const u of all.slice(start + 1)) {
    if (NEXT_SECTION.test(u.text.trim())) break;
    body.push(u);
  }
  const none = body.find((u) => NONE_FOUND.test(u.text));
  if (none) return { count: 0, raw: none.text, from: [all[start]!, none], confidence: 0.9 };
  const records = body.filter((u) => RECORD.test(u.text));
  if (records.length === 0) return null;
  return {
    count: records.length,
    raw: records.map((r) => r.text).join("；"),
    from: [all[start]!, ...records],
    confidence: 0.8,
  };
}

export const creditReport: FieldExtractor = {
  name: "credit-report",
  docTypes: ["credit-report"],
  extract: (input) => extractCreditReport(input),
};
