/**
 * 专项审计报告 (研发费用): the audited subject (project / model), the period, the audited R&D cost total
 * (`model.rdCost`, 万元) and its composition (`rd.cost.<item>`), from the 明细表 or, failing that, the text.
 */
import type { Field } from "../../model.js";
import type { DocumentPages, FieldExtractor } from "../types.js";
import { FieldSink, amount, period, segment, units, valueAfter, type Unit } from "./amounts-dates.js";
import { findReportNo } from "./audit-report.js";
import { rowAmounts, rowLabel, tableUnit } from "./statement-rows.js";

/** 研发费用 items as the 明细表 (and A107012) name them; the first label a row starts with decides. */
export const RD_ITEMS: readonly { item: string; labels: readonly string[] }[] = [
  { item: "personnel", labels: ["人员人工费用", "人员人工"] },
  { item: "direct", labels: ["直接投入费用", "直接投入"] },
  { item: "depreciation", labels: ["折旧费用", "折旧费"] },
  { item: "amortization", labels: ["无形资产摊销"] },
  { item: "design", labels: ["新产品设计费", "设计试验费", "设计费"] },
  { item: "other", labels: ["其他相关费用", "其他费用"] },
];
const TOTAL_LABELS = ["研发费用合计", "研发投入合计", "合计", "总计"];
const SUBJECT_LABELS = ["研发项目名称", "项目名称", "模型名称", "审计对象"];
const PERIOD_LABELS = ["审计期间", "归集期间", "研发期间"];
const TOTAL_TEXT = /研发(?:费用|投入)(?:合计|总额)[^¥￥\d]{0,40}[¥￥]?\s*([\d,]+(?:\.\d+)?)\s*(万元|元)?/u;
const QUOTED_PROJECT = /[“"「]([^”"」]{2,40})[”"」]\s*(?:项目|模型)/u;
const PERIOD_TEXT = /(\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?\s*(?:至|到|-|—)\s*\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)/u;

function labelled(all: Unit[], labels: readonly string[]): { value: string; from: Unit[] } | null {
  for (let i = 0; i < all.length; i++) {
    const seg = segment(all[i]!.text, labels)[0];
    const loc = seg && valueAfter(all, i, seg.value, labels, false);
    if (loc) return { value: loc.value, from: loc.units };
  }
  return null;
}

/** The row's amount: the last one, which is the total column in multi-year tables and the only one otherwise. */
function rowValue(all: Unit[], i: number): { wan: number; raw: string } | null {
  const last = rowAmounts(all[i]!, tableUnit(all, i, "元")).at(-1);
  return last ? { wan: last.wan, raw: last.raw } : null;
}

export function extractRdAuditReport(input: DocumentPages): Field[] {
  const sink = new FieldSink(input.document.id, "rd-audit-report");
  const all = units(input, Infinity);
  const no = findReportNo(all);
  if (no) sink.add("rd.reportNo", no.value, no.raw, [no.from]);

  const subject = labelled(all, SUBJECT_LABELS);
  const quoted = all.find((u) => QUOTED_PROJECT.test(u.text));
  if (subject) sink.add("rd.subject", subject.value.replace(/[“”"「」]/g, ""), subject.value, subject.from);
  else if (quoted) sink.add("rd.subject", QUOTED_PROJECT.exec(quoted.text)![1]!, quoted.text, [quoted], { confidence: 0.8 });

  const pl = labelled(all, PERIOD_LABELS);
  const pu = pl ? null : all.find((u) => PERIOD_TEXT.test(u.text.replace(/\s+/g, "")));
  const praw = pl?.value ?? (pu ? PERIOD_TEXT.exec(pu.text.replace(/\s+/g, ""))![1]! : null);
  const p = praw ? period(praw) : null;
  if (p && praw) sink.add("rd.period", `${p.from}/${p.to ?? ".."}`, praw, pl?.from ?? [pu!]);

  for (const { item, labels } of RD_ITEMS) {
    const i = all.findIndex((u) => labels.some((l) => rowLabel(u).startsWith(l)) && rowAmounts(u, "元").length > 0);
    const v = i < 0 ? null : rowValue(all, i);
    if (v) sink.add(`rd.cost.${item}`, v.wan, v.raw, [all[i]!], { unit: "万元" });
  }
  const ti = all.findIndex((u) => TOTAL_LABELS.includes(rowLabel(u)) && rowAmounts(u, "元").length > 0);
  const total = ti < 0 ? null : rowValue(all, ti);
  if (total) {
    sink.add("model.rdCost", total.wan, total.raw, [all[ti]!], { unit: "万元" });
  } else {
    const tu = all.find((u) => TOTAL_TEXT.test(u.text));
    const m = tu && TOTAL_TEXT.exec(tu.text);
    const a = m && amount(m[1]!, m[2] === "万元" ? "万元" : "元");
    if (tu && m && a) sink.add("model.rdCost", a.wan, m[0], [tu], { unit: "万元", confidence: 0.9 });
  }
  return sink.fields;
}

export const rdAuditReport: FieldExtractor = {
  name: "rd-audit-report",
  docTypes: ["rd-audit-report"],
  extract: (input) => extractRdAuditReport(input),
};
