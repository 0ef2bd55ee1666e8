/**
 * Places where the notice or its template asks for the applicant's seal (「申报单位____（加盖公章）」 on the form's
 * cover, 「复印件需加盖公章」 on copies) carry one in the stamped PDF or scan: ingest's Page.seals (red ring
 * blobs). Word files are the editable version and are never judged. A cover is the first page of the first
 * such document in its file (a combined PDF splits the form into its cover and its 申报信息表), judged when it
 * shows a seal, a line asking for one, or cover lines the form reader read there (「申报单位」「申报日期」: OCR may
 * not read the small 「（加盖公章）」 of a scanned cover, least of all when no seal is on it to draw the eye); a copy
 * needs a seal on any of its pages (stamps on each page or a 骑缝章 across them both count).
 *
 * Limits, stated in the messages: a scanned page without a seal is certain; a text-layer page may carry an
 * electronic seal as vector graphics or an annotation the detector cannot see, so it is at most a warning. The
 * issuer's own seal on a copied certificate or report (登记机关, 会计师事务所, 税务机关) cannot be told apart
 * from the applicant's, so a copy is reported only when it shows no seal at all.
 * The 承诺书 is `pledge-signed`'s, with its signature and date.
 */
import type { PageRef } from "../../extract/types.js";
import type { DocType, Document, Evidence } from "../../model.js";
import { FORM_EXTRACTOR } from "../_internal/fields.js";
import { DOC_LABELS } from "../_internal/labels.js";
import { isWordFile } from "../_internal/files.js";
import { hasSeal, monochrome, pagesOf, sealLine, sealPlace, wholePagesSeen } from "../_internal/seals.js";
import type { Rule, RuleContext, RuleReport } from "../types.js";

export interface SealPlace {
  /** The place after the document's name: 「封面「申报单位（加盖公章）」处」, 「复印件」. */
  name: string;
  docTypes: readonly DocType[];
  /** "cover": the first page of the file's first such document; "document": any page of each document. */
  scope: "cover" | "document";
  clause: string;
}

export interface SealRequiredOptions {
  places: readonly SealPlace[];
}

export const sealRequired: Rule<SealRequiredOptions> = {
  meta: {
    id: "seal-required",
    description: "通知或模板要求加盖公章之处（申报书封面、复印件等），在PDF盖章件或扫描件上有公章",
    category: "format",
    messages: {
      unsealed:
        "{{doc}}{{name}}未检测到公章（{{where}}）。通知要求：「{{clause}}」。请加盖申报单位公章后重新扫描提交；如已盖章但印迹较淡，请人工核对。",
      unsealedGray:
        "{{doc}}{{name}}所在页为黑白（灰度）扫描，无法识别红色公章（{{where}}）。未能可靠识别，请人工核对是否已加盖公章；建议提交彩色扫描件。",
      unsealedText:
        "{{doc}}{{name}}未检测到公章图像（{{where}}），该页为电子文档导出的PDF。通知要求：「{{clause}}」。请提交加盖公章后的扫描件；如已加盖电子签章，请人工核对。",
    },
  },
  check(ctx, options) {
    const reports: RuleReport[] = [];
    let judged = 0;
    for (const place of options.places) {
      for (const doc of placed(ctx, place)) {
        const pages = pagesOf(ctx, doc, place.scope === "cover");
        // A first page that neither asks for the seal nor reads as a cover is not the cover the template describes.
        const cover = place.scope === "cover" ? coverLine(ctx, pages) : undefined;
        if (place.scope === "cover" && !hasSeal(pages) && !sealLine(pages) && !cover) continue;
        judged++;
        if (hasSeal(pages)) continue;
        const seen = wholePagesSeen(pages);
        reports.push({
          messageId: seen ? "unsealed" : monochrome(pages) ? "unsealedGray" : "unsealedText",
          data: { name: place.name, doc: DOC_LABELS[doc.type], clause: place.clause },
          evidence: [sealLine(pages) ?? cover ?? sealPlace(doc, pages)],
          docType: doc.type,
          // How sure the detector was, when the extraction states it (the cover's `cover.sealed`); whether it saw
          // the whole page is the rule's own cap above.
          basis: ctx.fields("cover.sealed").filter((f) => f.documentId === doc.id && f.value === false),
          expected: { seal: place.name, clause: place.clause },
          actual: { pages: pages.map(({ page }) => page.index), seals: 0 },
          ...(seen ? {} : { severity: "warning" as const }),
        });
      }
    }
    if (judged === 0) return { status: "not-evaluated", reason: "没有需要盖章的PDF或扫描件" };
    return reports.length ? { status: "fail", reports } : { status: "pass" };
  },
};

/**
 * Where the form reader read a cover line (cover.* fields) on these pages, 「申报单位」 first (the seal goes beside
 * it): the page is the form's cover even when its 「（加盖公章）」 was not read.
 */
function coverLine(ctx: RuleContext, pages: readonly PageRef[]): Evidence | undefined {
  const on = (e: Evidence) => pages.some(({ file, page }) => e.file === file.path && e.page === page.index);
  const read = ctx.extraction.fields
    .filter((f) => f.extractor === FORM_EXTRACTOR && f.key.startsWith("cover.") && f.evidence.some(on))
    .sort((a, b) => Number(b.key === "cover.applicant") - Number(a.key === "cover.applicant"));
  return read[0]?.evidence.find(on);
}

/** The stamped (non-Word) documents a place covers: for a cover, the first such document of each file. */
function placed(ctx: RuleContext, place: SealPlace): Document[] {
  const docs = ctx.documents.filter((d) => place.docTypes.includes(d.type) && !isWordFile(ctx, d.file));
  if (place.scope === "document") return docs;
  const first = new Map<string, Document>();
  for (const d of docs) {
    const seen = first.get(d.file);
    if (!seen || d.pages[0] < seen.pages[0]) first.set(d.file, d);
  }
  return [...first.values()];
}
