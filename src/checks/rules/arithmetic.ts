/**
 * Figures on the form that must hold together: 人工智能营业收入 ≤ 营业收入 (year by year), 人工智能研发人员 ≤
 * 研发人员 ≤ 员工总数, and a share written out in full (「总共X人，其中Y人，占Z%」: Y ≤ X and Y/X ≈ Z%, within one
 * unit of the last digit written, so both rounding and truncation pass). A share's part and whole may come from
 * another document (资产负债率 on the form = 负债合计 / 资产总计 of that year's 审计报告). A composition written
 * out in a text cell (「研发资金组成为：语料和数据费用236.8万元，……」) adds up, sentence by sentence, to the total
 * (the form's total cell, else the 「共计」 the text states), within the rounding of the amounts written.
 * Form values only unless `from` says otherwise; `*` in a key stands for the year and pairs the same year on
 * both sides. Thresholds on a share (「不低于50%」) are number-range's.
 */
import type { DocType, Field } from "../../model.js";
import { evidenceOf, formFields } from "../_internal/fields.js";
import { DOC_LABELS, keyLabel } from "../_internal/labels.js";
import type { Rule, RuleContext, RuleReport } from "../types.js";
import { compositionReports, type Composition } from "../_internal/composition.js";

/** left ≤ right */
export interface Bound {
  left: string;
  right: string;
}

/** part ≤ whole, and part / whole × 100 ≈ percent */
export interface Share {
  part: string;
  whole: string;
  percent: string;
  /** Part and whole are read from this document type (the percent stays the form's); part ≤ whole is not asked. */
  from?: DocType;
}

export type Relation = Bound | Share | Composition;

export const arithmetic: Rule<{ relations: readonly Relation[] }> = {
  meta: {
    id: "arithmetic",
    description: "申报书中相关数据之间的数量关系成立（分项不大于总数，占比与人数相符）",
    category: "consistency",
    messages: {
      exceeds:
        "申报书中「{{left}}」为{{leftValue}}，大于「{{right}}」{{rightValue}}（{{where}}）。分项不应超过总数，请核对后更正。",
      shareOff:
        "申报书中「{{part}}」为{{partValue}}、「{{whole}}」为{{wholeValue}}，占比应为{{computed}}%，但「{{percent}}」填写为{{percentValue}}%（{{where}}）。请核对人数或占比后更正。",
      shareOffDoc:
        "申报书「{{percent}}」填写为{{percentValue}}%，但{{docName}}中「{{part}}」为{{partValue}}、「{{whole}}」为{{wholeValue}}，按此计算应为{{computed}}%（{{where}}）。请以{{docName}}为准核对后更正。",
      sumOff:
        "申报书「{{label}}」中列出的各项金额（{{items}}）合计{{sum}}万元，与{{totalLabel}}{{total}}万元不符（{{where}}）。请核对各项金额或总额后更正。",
    },
  },
  check(ctx, options) {
    const reports: RuleReport[] = [];
    let compared = 0;
    for (const rel of options.relations) {
      if ("items" in rel) {
        const out = compositionReports(ctx, rel);
        compared += out.compared;
        reports.push(...out.reports);
        continue;
      }
      if ("part" in rel && rel.from) {
        const out = docShares(ctx, rel, rel.from);
        compared += out.compared;
        reports.push(...out.reports);
        continue;
      }
      const pairsOf = "part" in rel ? [[rel.part, rel.whole] as [string, string]] : pairs(ctx, rel);
      for (const [leftKey, rightKey] of pairsOf) {
        const l = numeric(ctx, leftKey);
        const r = numeric(ctx, rightKey);
        if (!l || !r) continue;
        compared++;
        if ((l.value as number) > (r.value as number) + 1e-9) reports.push(exceeds(leftKey, l, rightKey, r));
        else if ("part" in rel) {
          const p = numeric(ctx, rel.percent);
          if (p && shareOff(l, r, p)) reports.push(shareReport(rel, l, r, p));
        }
      }
    }
    if (compared === 0) return { status: "not-evaluated", reason: "申报书中没有可核对的数据" };
    return reports.length ? { status: "fail", reports } : { status: "pass" };
  },
};

function exceeds(leftKey: string, l: Field, rightKey: string, r: Field): RuleReport {
  return {
    messageId: "exceeds",
    data: {
      left: keyLabel(leftKey),
      leftValue: l.value as number,
      right: keyLabel(rightKey),
      rightValue: r.value as number,
    },
    evidence: evidenceOf(l, r),
    docType: "application-form",
    fieldKeys: [leftKey, rightKey],
    basis: [l, r],
    expected: { [leftKey]: `<= ${r.value as number}` },
    actual: { [leftKey]: l.value, [rightKey]: r.value },
  };
}

/** The written percentage is off by more than one unit of its last digit (74% ±1, 74.4% ±0.1). */
function shareOff(part: Field, whole: Field, percent: Field): boolean {
  if ((whole.value as number) <= 0) return false;
  const computed = ((part.value as number) / (whole.value as number)) * 100;
  const decimals = /\d+\.(\d+)/.exec(percent.raw)?.[1]?.length ?? 0;
  return Math.abs(computed - (percent.value as number)) > 10 ** -decimals + 1e-9;
}

function shareReport(rel: Share, part: Field, whole: Field, percent: Field): RuleReport {
  const computed = Math.round(((part.value as number) / (whole.value as number)) * 1000) / 10;
  return {
    messageId: "shareOff",
    data: {
      part: keyLabel(rel.part),
      partValue: part.value as number,
      whole: keyLabel(rel.whole),
      wholeValue: whole.value as number,
      percent: keyLabel(rel.percent),
      percentValue: percent.value as number,
      computed,
    },
    evidence: evidenceOf(percent),
    docType: "application-form",
    fieldKeys: [rel.part, rel.whole, rel.percent],
    basis: [part, whole, percent],
    expected: { [rel.percent]: computed },
    actual: { [rel.part]: part.value, [rel.whole]: whole.value, [rel.percent]: percent.value },
  };
}

/** Year by year (`*` in percent, part and whole): the form's percentage against the document's figures. */
function docShares(ctx: RuleContext, rel: Share, from: DocType): { compared: number; reports: RuleReport[] } {
  const reports: RuleReport[] = [];
  let compared = 0;
  const years = rel.percent.includes("*") ? ctx.keys(rel.percent).map((k) => k.split(".").at(-1)!) : [""];
  for (const year of years) {
    const at = (key: string) => (year ? key.replace("*", year) : key);
    const p = numeric(ctx, at(rel.percent));
    const of = (key: string) =>
      ctx.fields(at(key)).find((f) => typeof f.value === "number" && ctx.documentOf(f)?.type === from);
    const part = of(rel.part);
    const whole = of(rel.whole);
    if (!p || !part || !whole || (whole.value as number) <= 0) continue;
    compared++;
    if (!shareOff(part, whole, p)) continue;
    const computed = Math.round(((part.value as number) / (whole.value as number)) * 10000) / 100;
    const [partKey, wholeKey, percentKey] = [at(rel.part), at(rel.whole), at(rel.percent)];
    reports.push({
      messageId: "shareOffDoc",
      data: {
        percent: keyLabel(percentKey),
        percentValue: p.value as number,
        docName: DOC_LABELS[from],
        part: keyLabel(partKey),
        partValue: part.value as number,
        whole: keyLabel(wholeKey),
        wholeValue: whole.value as number,
        computed,
      },
      evidence: evidenceOf(p, part, whole),
      docType: from,
      basis: [p, part, whole],
      fieldKeys: [percentKey, partKey, wholeKey],
      expected: { [percentKey]: computed },
      actual: { [percentKey]: p.value, [partKey]: part.value, [wholeKey]: whole.value },
    });
  }
  return { compared, reports };
}

function pairs(ctx: RuleContext, rel: Bound): Array<[string, string]> {
  if (!rel.left.includes("*")) return [[rel.left, rel.right]];
  const prefix = rel.left.slice(0, rel.left.indexOf("*"));
  return ctx.keys(rel.left).map((k) => [k, rel.right.replace("*", k.slice(prefix.length).split(".")[0]!)]);
}

export function numeric(ctx: RuleContext, key: string): Field | undefined {
  return formFields(ctx, key).find((f) => typeof f.value === "number");
}
