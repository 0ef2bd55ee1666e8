/**
 * Every document the call's 申报材料 list asks for is in the package, under the list's conditions
 * (事业单位 give a 法人证书 instead of a 营业执照; 联合体协议 only for a consortium; 「如有」 never required),
 * and 「近两年」 documents cover each year. The pack's `documents` list cites the notice sentence of each.
 * A missing document is an error only when nothing in the package may be it unrecognised (an unreadable file, a
 * page classified 其他 that names it): the engine asks context.ts about the absence (basis `absent`).
 */
import type { Document } from "../../model.js";
import { normalizeForMatch } from "../../extract/normalize/index.js";
import { applicantNature, evidenceOf, isNone, yearsOf } from "../_internal/fields.js";
import type { Condition, RequiredDocument, Rule, RuleContext, RuleReport } from "../types.js";

export const requiredDocument: Rule = {
  meta: {
    id: "required-document",
    description: "申报材料清单中要求的文件齐全（含按单位性质、联合体等条件要求的文件）",
    category: "missing",
    rejects: true,
    messages: {
      missing: "缺少「{{name}}」：申报材料中未找到该文件。通知要求：「{{clause}}」。请补充后重新提交。",
      missingListed:
        "缺少「{{name}}」：目录中列有「{{listed}}」（{{where}}），但材料中未找到该文件。通知要求：「{{clause}}」。请补充后重新提交。",
      missingYears:
        "「{{name}}」不全：已提供{{covered}}年度，缺少{{missing}}年度（{{where}}）。通知要求：「{{clause}}」。请补充缺少年度的材料。",
    },
  },
  check(ctx) {
    const nature = applicantNature(ctx);
    const reports: RuleReport[] = [];
    for (const item of ctx.pack.documents) {
      if (item.optional) continue;
      if (item.when && !holds(ctx, item.when, nature)) continue;
      if (item.unless && holds(ctx, item.unless, nature)) continue;
      const docs = ctx.documents.filter((d) => item.docTypes.includes(d.type));
      const report = docs.length === 0 ? missing(ctx, item) : missingYears(ctx, item, docs);
      if (report) reports.push({ ...report, ...(item.severity ? { severity: item.severity } : {}) });
    }
    return reports.length ? { status: "fail", reports } : { status: "pass" };
  },
};

export function holds(ctx: RuleContext, cond: Condition, nature: string | null): boolean {
  if (cond.nature && !(nature !== null && cond.nature.includes(nature))) return false;
  if (cond.field && !ctx.fields(cond.field).some((f) => !isNone(f.value))) return false;
  return true;
}

function missing(ctx: RuleContext, item: RequiredDocument): RuleReport {
  const key = item.listedAs ? normalizeForMatch(item.listedAs) : null;
  const entry = key ? ctx.extraction.toc.find((t) => normalizeForMatch(t.title).includes(key)) : undefined;
  return {
    messageId: entry ? "missingListed" : "missing",
    data: { name: item.name, clause: item.clause, ...(entry ? { listed: entry.title } : {}) },
    evidence: entry
      ? [
          {
            file: entry.line.file,
            page: entry.line.page,
            quote: entry.line.text,
            ...(entry.line.box ? { box: entry.line.box } : {}),
          },
        ]
      : [],
    docType: item.docTypes[0]!,
    basis: [
      { absent: { name: item.name, docTypes: item.docTypes, ...(item.listedAs ? { listedAs: item.listedAs } : {}) } },
    ],
    expected: { document: item.name, docTypes: item.docTypes, clause: item.clause },
    actual: null,
  };
}

function missingYears(ctx: RuleContext, item: RequiredDocument, docs: Document[]): RuleReport | null {
  if (!item.years) return null;
  const ids = new Set(docs.map((d) => d.id));
  const fields = item.years.keys.flatMap((k) => ctx.fields(k)).filter((f) => ids.has(f.documentId));
  const covered = [...new Set(fields.flatMap((f) => yearsOf(f.value)))].sort();
  const lacking = item.years.years.filter((y) => !covered.includes(y));
  if (lacking.length === 0) return null;
  const evidence = fields.length
    ? evidenceOf(...fields)
    : docs.map((d) => ({ file: d.file, page: d.pages[0], quote: d.title }));
  return {
    messageId: "missingYears",
    data: {
      name: item.name,
      clause: item.clause,
      covered: covered.join("、") || "未识别出",
      missing: lacking.join("、"),
    },
    docType: docs[0]!.type,
    evidence,
    // The years read from the documents; a year not read at all may be a year not read well.
    basis: [
      ...(fields.length ? fields : docs.map((d) => ({ place: { file: d.file, page: d.pages[0], quote: d.title } }))),
      { absent: { name: item.name, docTypes: item.docTypes } },
    ],
    expected: { years: item.years.years, clause: item.clause },
    actual: { years: covered },
  };
}
