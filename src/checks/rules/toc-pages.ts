/**
 * The page numbers a 目录 gives agree with where the documents really start (「目录（请列明具体目录及页码）」).
 * Judged per TOC entry that names a document type and a page, against the documents of that type in the
 * same file; the printed number is mapped to a physical page through the footers (toc.physicalPage).
 */
import { physicalPage } from "../../extract/toc.js";
import { DOC_LABELS } from "../_internal/labels.js";
import type { Rule, RuleReport } from "../types.js";

export interface TocPagesOptions {
  clause: string;
}

export const tocPages: Rule<TocPagesOptions> = {
  meta: {
    id: "toc-pages",
    description: "目录页码与材料实际所在页一致",
    category: "order",
    messages: {
      wrongPage:
        "目录中「{{entry}}」标注为第{{printed}}页，但「{{doc}}」实际从文件第{{actualPage}}页开始（目录页码{{printed}}对应文件第{{expectedPage}}页）（{{where}}）。通知要求：「{{clause}}」。请更正目录页码或调整材料顺序。",
    },
  },
  check(ctx, options) {
    const reports: RuleReport[] = [];
    let judged = 0;
    for (const entry of ctx.extraction.toc) {
      if (entry.printedPage === null || !entry.docType) continue;
      const file = ctx.pkg.files.find((f) => f.path === entry.line.file);
      const candidates = ctx.documents.filter((d) => d.file === entry.line.file && d.type === entry.docType);
      if (!file || candidates.length === 0) continue;
      const expectedPage = physicalPage(file, entry.printedPage);
      if (expectedPage === undefined) continue;
      judged++;
      // A type can occur twice in one file (a form's cover and its 申报信息表): any of them starting there will do.
      if (candidates.some((d) => d.pages[0] === expectedPage)) continue;
      const target = candidates.reduce((a, b) =>
        Math.abs(b.pages[0] - expectedPage) < Math.abs(a.pages[0] - expectedPage) ? b : a,
      );
      reports.push({
        messageId: "wrongPage",
        data: {
          entry: entry.title,
          printed: entry.printedPage,
          doc: DOC_LABELS[target.type],
          actualPage: target.pages[0],
          expectedPage,
          clause: options.clause,
        },
        evidence: [
          {
            file: entry.line.file,
            page: entry.line.page,
            quote: entry.line.text,
            ...(entry.line.box ? { box: entry.line.box } : {}),
          },
          { file: target.file, page: target.pages[0], quote: target.title },
        ],
        docType: target.type,
        basis: [
          { place: { file: entry.line.file, page: entry.line.page, quote: entry.line.text } },
          { place: { file: target.file, page: target.pages[0], quote: target.title } },
        ],
        expected: { page: expectedPage },
        actual: { page: target.pages[0] },
      });
    }
    if (judged === 0) return { status: "not-evaluated", reason: "没有带页码、能对应到材料的目录条目" };
    return reports.length ? { status: "fail", reports } : { status: "pass" };
  },
};
