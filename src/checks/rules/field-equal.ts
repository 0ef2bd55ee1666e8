/**
 * The same key read from the application form and from another document must agree (单位名称 and 统一社会信用代码
 * on the form vs the 营业执照; 营业收入 on the form vs the 审计报告). Values are compared after folding width,
 * case and punctuation. When several copies of one document type exist (a licence photo inside the Word file
 * and a separate scan), one agreeing copy is enough: the others are the same paper read worse. A value read by
 * OCR within `maxOcrDistance` edits of the form is probably a misreading: a warning to check, not an error. Of the
 * copies closest to the form, a certain reading is the one reported; a mismatch resting on a doubtful reading on
 * either side is lowered by the engine (context.ts).
 * `same` pairs two keys of the form itself that name one thing (封面「模型名称」 and the table's 模型名称): the
 * table's value (text layer first) is the reference, one agreeing copy of the other is enough, and a mismatch
 * is at most a warning (the notice asks for one name, not for a particular one).
 */
import type { DocType, Field } from "../../model.js";
import { comparable, display, editDistance, evidenceOf, formFields } from "../_internal/fields.js";
import { DOC_LABELS, keyLabel } from "../_internal/labels.js";
import type { Certainty, Rule, RuleContext, RuleReport } from "../types.js";

export interface FieldEqualOptions {
  /** Keys to compare; `*` stands for one dotted segment (finance.revenue.*). */
  keys: readonly string[];
  /** Only compare against these document types (default: every type but the form). */
  against?: readonly DocType[];
  maxOcrDistance?: number;
  clause?: string;
  /** Keys of the form that must hold the same value: `key` (封面) against `as` (the table). */
  same?: readonly { key: string; as: string }[];
}

export const fieldEqual: Rule<FieldEqualOptions> = {
  meta: {
    id: "field-equal",
    description: "申报书与证照、审计报告等材料中的同一信息一致",
    category: "consistency",
    messages: {
      mismatch:
        "「{{label}}」不一致：申报书填写为「{{formValue}}」，{{docName}}上为「{{otherValue}}」（{{where}}）。请核对，以证照、报告原件为准更正申报书或更换材料。",
      sameMismatch:
        "申报书中「{{label}}」为「{{value}}」，「{{asLabel}}」为「{{asValue}}」（{{where}}），两处应为同一名称。请统一后重新提交；如有备案证明，以备案名称为准。",
      ocrMismatch:
        "「{{label}}」疑似不一致：申报书填写为「{{formValue}}」，{{docName}}扫描件识别为「{{otherValue}}」（{{where}}），相差{{distance}}个字符，可能是识别误差。请人工核对原件。",
    },
  },
  check(ctx, options) {
    const maxOcr = options.maxOcrDistance ?? 2;
    const reports: RuleReport[] = [];
    let compared = 0;
    for (const key of options.keys.flatMap((k) => ctx.keys(k))) {
      const reference = pickReference(ctx, key);
      if (!reference) continue;
      for (const [type, candidates] of byDocType(ctx, key, options.against)) {
        compared++;
        const report = judge(ctx, key, reference, type, candidates, maxOcr);
        if (report) reports.push(report);
      }
    }
    for (const pair of options.same ?? []) {
      const reference = pickReference(ctx, pair.as);
      const copies = formFields(ctx, pair.key).filter((f) => comparable(pair.key, f.value) !== "");
      if (!reference || copies.length === 0) continue;
      compared++;
      if (copies.some((c) => agrees(pair.key, reference, c))) continue;
      const best = copies.find((c) => !ctx.certainty(c).ocr) ?? copies[0]!;
      reports.push({
        messageId: "sameMismatch",
        data: {
          label: keyLabel(pair.key),
          value: display(best.value),
          asLabel: keyLabel(pair.as),
          asValue: display(reference.value),
        },
        evidence: evidenceOf(best, reference),
        docType: "application-form",
        fieldKeys: [pair.key, pair.as],
        basis: [best, reference],
        expected: reference.value,
        actual: best.value,
        severity: "warning",
      });
    }
    if (compared === 0) return { status: "not-evaluated", reason: "申报书与其他材料没有可对照的字段" };
    return reports.length ? { status: "fail", reports } : { status: "pass" };
  },
};

/** The form's value: a certain reading from a text layer first, then any text-layer reading, then a certain one. */
function pickReference(ctx: RuleContext, key: string): Field | undefined {
  const form = formFields(ctx, key)
    .filter((f) => comparable(key, f.value) !== "")
    .map((f) => ({ f, c: ctx.certainty(f) }));
  const rank = ({ c }: { c: Certainty }) => (c.ocr ? 2 : 0) + (c.level === "certain" ? 0 : 1);
  return form.sort((a, b) => rank(a) - rank(b))[0]?.f;
}

function byDocType(ctx: RuleContext, key: string, against: readonly DocType[] | undefined): Map<DocType, Field[]> {
  const groups = new Map<DocType, Field[]>();
  for (const f of ctx.fields(key)) {
    const type = ctx.documentOf(f)?.type;
    if (!type || type === "application-form" || (against && !against.includes(type))) continue;
    if (f.extractor === "rule:form" || comparable(key, f.value) === "") continue;
    groups.set(type, [...(groups.get(type) ?? []), f]);
  }
  return groups;
}

function judge(
  ctx: RuleContext,
  key: string,
  reference: Field,
  type: DocType,
  candidates: Field[],
  maxOcr: number,
): RuleReport | null {
  if (candidates.some((c) => agrees(key, reference, c))) return null;
  const want = comparable(key, reference.value);
  // Closest first; among equally close copies, a certain reading (the finding then rests on it).
  const scored = candidates
    .map((c) => ({ c, d: editDistance(want, comparable(key, c.value)), sure: ctx.certainty(c) }))
    .sort((a, b) => a.d - b.d || Number(a.sure.level === "doubtful") - Number(b.sure.level === "doubtful"));
  const { c: best, d, sure } = scored[0]!;
  const ocrSlip = sure.ocr && d <= maxOcr && d * 3 <= [...want].length;
  return {
    messageId: ocrSlip ? "ocrMismatch" : "mismatch",
    data: {
      label: keyLabel(key),
      formValue: display(reference.value),
      docName: DOC_LABELS[type],
      otherValue: display(best.value),
      distance: d,
    },
    evidence: evidenceOf(best, reference),
    docType: type,
    fieldKeys: [key],
    basis: [reference, { field: best, differsBy: d }],
    expected: reference.value,
    actual: best.value,
    ...(ocrSlip ? { severity: "warning" as const } : {}),
  };
}

function agrees(key: string, a: Field, b: Field): boolean {
  if (typeof a.value === "number" && typeof b.value === "number") {
    return Math.abs(a.value - b.value) <= 0.01 + Math.abs(a.value) * 1e-6;
  }
  return comparable(key, a.value) === comparable(key, b.value);
}
