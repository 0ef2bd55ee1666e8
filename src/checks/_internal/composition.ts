/**
 * arithmetic's composition relation: a text cell that lists amounts (「研发资金组成为：语料和数据费用236.8万元，
 * 产品开发费用392.4万元……」) adds up to the total. The text is split into sentences (。；); every sentence that
 * lists two or more amounts, besides the 「共计/合计/总计」 it may state, is one breakdown (sources of funds,
 * then composition) and must sum to the total: the form's total cell when it has one, else the stated 共计. A
 * stated 共计 that differs from the total cell is reported too. Tolerance: half a unit of the last decimal
 * written, per amount (each was rounded), and never less than 0.01 万元.
 */
import type { Field } from "../../model.js";
import { parseAmount } from "../../extract/normalize/index.js";
import { keyLabel } from "./labels.js";
import { evidenceOf, formFields } from "./fields.js";
import type { RuleContext, RuleReport } from "../types.js";

/** items: a text cell listing amounts; total: the numeric cell they add up to (absent: the text's 共计). */
export interface Composition {
  items: string;
  total?: string;
}

const AMOUNT = /(\d[\d,]*(?:\.\d+)?)\s*(万元|万|亿元|元)/gu;
const STATED = /(?:共计|合计|总计|总额为?|总投入)\s*[:：]?\s*(?:人民币)?\s*$/u;

interface Listed {
  wan: number;
  raw: string;
  decimals: number;
}

export function compositionReports(ctx: RuleContext, rel: Composition): { compared: number; reports: RuleReport[] } {
  const cell = formFields(ctx, rel.items).find((f) => typeof f.value === "string" && f.value.trim() !== "");
  if (!cell) return { compared: 0, reports: [] };
  const totalField = rel.total
    ? formFields(ctx, rel.total).find((f) => typeof f.value === "number" && f.documentId === cell.documentId)
    : undefined;
  const { stated, sentences } = parse(String(cell.value));
  const total = (totalField?.value as number | undefined) ?? stated?.wan;
  if (total === undefined) return { compared: 0, reports: [] };
  const totalLabel = totalField ? `「${keyLabel(rel.total!)}」` : "文中所写总额";
  const reports: RuleReport[] = [];
  let compared = 0;
  const check = (items: Listed[], what: string) => {
    compared++;
    const sum = items.reduce((n, i) => n + i.wan, 0);
    const tolerance =
      Math.max(
        0.01,
        items.reduce((n, i) => n + 0.5 * 10 ** -i.decimals, 0),
      ) + 1e-9;
    if (Math.abs(sum - total) <= tolerance) return;
    reports.push(report(rel, cell, totalField, what, Math.round(sum * 1e4) / 1e4, total, totalLabel));
  };
  if (stated && totalField) check([stated], stated.raw);
  for (const items of sentences) check(items, items.map((i) => i.raw).join("、"));
  return { compared, reports };
}

function parse(text: string): { stated: Listed | null; sentences: Listed[][] } {
  let stated: Listed | null = null;
  const sentences: Listed[][] = [];
  for (const sentence of text.split(/[。；;\n]/u)) {
    const items: Listed[] = [];
    for (const m of sentence.matchAll(AMOUNT)) {
      const a = parseAmount(m[1]! + m[2]!, { defaultUnit: "万元" });
      if (!a) continue;
      const listed = { wan: a.wan, raw: m[0], decimals: /\.(\d+)/.exec(m[1]!)?.[1]?.length ?? 0 };
      if (STATED.test(sentence.slice(0, m.index))) stated ??= listed;
      else items.push(listed);
    }
    if (items.length >= 2) sentences.push(items);
  }
  return { stated, sentences };
}

function report(
  rel: Composition,
  cell: Field,
  totalField: Field | undefined,
  items: string,
  sum: number,
  total: number,
  totalLabel: string,
): RuleReport {
  return {
    messageId: "sumOff",
    data: { label: keyLabel(rel.items), items, sum, totalLabel, total },
    evidence: evidenceOf(cell, ...(totalField ? [totalField] : [])),
    docType: "application-form",
    fieldKeys: [rel.items, ...(rel.total ? [rel.total] : [])],
    basis: [cell, ...(totalField ? [totalField] : [])],
    expected: { sum: total },
    actual: { sum, items },
  };
}
