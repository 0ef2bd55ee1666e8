/**
 * 「同步报送电子版（Word和PDF盖章件）」: the application form is there both as a Word file and as a PDF,
 * and the two say the same thing. A PDF value read by OCR (the stamped, scanned cover) that differs beyond
 * a misreading is reported as "could not verify" (info), since the scan is the reason, not the applicant.
 * Whether the PDF's cover carries the seal is `seal-required`'s (one place for every 「加盖公章」).
 */
import type { Document, Field, FileKind } from "../../model.js";
import { comparable, display, editDistance, evidenceOf, FORM_EXTRACTOR } from "../_internal/fields.js";
import { isPdfFile, isWordFile } from "../_internal/files.js";
import { keyLabel } from "../_internal/labels.js";
import type { Rule, RuleContext, RuleReport } from "../types.js";

export interface WordAndPdfOptions {
  clause: string;
  maxOcrDistance?: number;
}

export const wordAndPdf: Rule<WordAndPdfOptions> = {
  meta: {
    id: "word-and-pdf",
    description: "申报书同时提供Word版和PDF盖章版，且两版内容一致",
    category: "missing",
    messages: {
      missingWord: "未提供Word版申报书（只找到PDF版：{{where}}）。通知要求：「{{clause}}」。请补交Word版。",
      missingPdf: "未提供PDF盖章版申报书（只找到Word版：{{where}}）。通知要求：「{{clause}}」。请补交盖章后的PDF版。",
      missingBoth: "未找到申报书（Word版和PDF盖章版均缺）。通知要求：「{{clause}}」。请补交。",
      differ:
        "Word版与PDF版申报书的「{{label}}」不一致：Word版为「{{word}}」，PDF版为「{{pdf}}」（{{where}}）。请确认PDF由最终Word版导出后重新盖章。",
      partial:
        "Word版与PDF版申报书的「{{label}}」只有部分相同：Word版为「{{word}}」，PDF版读出「{{pdf}}」（{{where}}），可能是PDF中该栏换行或缺字。请核对PDF版是否完整。",
      unverifiable:
        "PDF版申报书「{{label}}」所在页为扫描图像，识别结果「{{pdf}}」与Word版「{{word}}」差异较大，无法自动核对（{{where}}）。请人工核对。",
    },
  },
  check(ctx, options) {
    const forms = ctx.documents.filter((d) => d.type === "application-form");
    const word = forms.filter((d) => isWordFile(ctx, d.file));
    const pdf = forms.filter((d) => isPdfFile(ctx, d.file));
    const place = (ds: Document[]) => ds.map((d) => ({ file: d.file, page: d.pages[0], quote: d.title }));
    // A version may be there unrecognised (an encrypted or broken PDF, a Word file classified 其他): context.ts.
    const absent = (name: string, fileKinds: FileKind[]) => ({
      absent: { name, docTypes: ["application-form"] as const, fileKinds },
    });
    const clause = options.clause;
    if (word.length === 0 || pdf.length === 0) {
      const messageId = word.length ? "missingPdf" : pdf.length ? "missingWord" : "missingBoth";
      return {
        status: "fail",
        reports: [
          {
            messageId,
            data: { clause },
            evidence: place([...word, ...pdf]),
            docType: "application-form",
            basis: [
              ...(word.length ? [] : [absent("Word版申报书", ["docx", "doc", "wps"])]),
              ...(pdf.length ? [] : [absent("PDF盖章版申报书", ["pdf", "image"])]),
            ],
            expected: { clause },
          },
        ],
      };
    }
    const reports = compare(ctx, fieldsOf(ctx, word), fieldsOf(ctx, pdf), options.maxOcrDistance ?? 2);
    return reports.length ? { status: "fail", reports } : { status: "pass" };
  },
};

function fieldsOf(ctx: RuleContext, docs: Document[]): Map<string, Field> {
  const ids = new Set(docs.map((d) => d.id));
  const out = new Map<string, Field>();
  for (const f of ctx.extraction.fields) {
    if (f.extractor === FORM_EXTRACTOR && ids.has(f.documentId) && !out.has(f.key)) out.set(f.key, f);
  }
  return out;
}

function compare(ctx: RuleContext, word: Map<string, Field>, pdf: Map<string, Field>, maxOcr: number): RuleReport[] {
  const reports: RuleReport[] = [];
  for (const [key, w] of word) {
    const p = pdf.get(key);
    if (!p) continue;
    const a = comparable(key, w.value);
    const b = comparable(key, p.value);
    if (a === b) continue;
    const data = { label: keyLabel(key), word: display(w.value), pdf: display(p.value) };
    const base = {
      data,
      evidence: evidenceOf(w, p),
      docType: "application-form" as const,
      fieldKeys: [key],
      // Two readings: a cell the PDF reader took from the wrong place (context.ts) is no second version.
      basis: [w, p],
      expected: w.value,
      actual: p.value,
    };
    if (ctx.certainty(p).ocr) {
      if (editDistance(a, b) > maxOcr)
        reports.push({ ...base, messageId: "unverifiable", category: "consistency", severity: "info" });
    } else if (a.includes(b) || b.includes(a)) {
      // One reading inside the other: a cell the PDF reader split or wrapped, more likely than two versions.
      reports.push({ ...base, messageId: "partial", category: "consistency", severity: "warning" });
    } else {
      reports.push({ ...base, messageId: "differ", category: "consistency" });
    }
  }
  return reports;
}
