/**
 * Documents bound into one file follow the notice's order (「申请材料按照以下顺序排列」). Judged per file:
 * separate files carry no order. Types not in the order (the form itself, 其他) are skipped.
 */
import type { DocType, Document } from "../../model.js";
import { DOC_LABELS } from "../_internal/labels.js";
import type { Rule, RuleReport } from "../types.js";

export interface DocumentOrderOptions {
  /** Slots in the notice's order; the types in one slot may come in any order among themselves. */
  order: ReadonlyArray<readonly DocType[]>;
  clause: string;
}

export const documentOrder: Rule<DocumentOrderOptions> = {
  meta: {
    id: "document-order",
    description: "合订材料按通知规定的顺序排列",
    category: "order",
    messages: {
      outOfOrder:
        "「{{doc}}」（第{{page}}页）排在「{{before}}」（第{{beforePage}}页）之后，与通知规定的顺序不符（{{where}}）。通知要求：「{{clause}}」。请按规定顺序重新排列。",
    },
  },
  check(ctx, options) {
    const rank = (t: DocType) => options.order.findIndex((slot) => slot.includes(t));
    const byFile = new Map<string, Document[]>();
    for (const d of ctx.documents) if (rank(d.type) >= 0) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
    const reports: RuleReport[] = [];
    let judged = 0;
    for (const docs of byFile.values()) {
      if (docs.length < 2) continue;
      judged++;
      let last: Document | undefined;
      for (const d of [...docs].sort((a, b) => a.pages[0] - b.pages[0])) {
        if (last && rank(d.type) < rank(last.type)) {
          reports.push({
            messageId: "outOfOrder",
            data: {
              doc: DOC_LABELS[d.type],
              page: d.pages[0],
              before: DOC_LABELS[last.type],
              beforePage: last.pages[0],
              clause: options.clause,
            },
            evidence: [{ file: d.file, page: d.pages[0], quote: d.title }],
            docType: d.type,
            basis: [d, last].map((x) => ({ place: { file: x.file, page: x.pages[0], quote: x.title } })),
            expected: { after: last.type },
            actual: { page: d.pages[0] },
          });
        } else last = d;
      }
    }
    if (judged === 0) return { status: "not-evaluated", reason: "没有合订在同一文件中的多份材料" };
    return reports.length ? { status: "fail", reports } : { status: "pass" };
  },
};
