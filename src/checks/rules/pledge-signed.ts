/**
 * The 承诺书 (真实性承诺) is signed by the legal representative, stamped with the applicant's seal and dated, as
 * every notice's template asks (「申请单位法人代表（签名）：申请单位（盖章）：年 月 日」). Judged on the stamped
 * versions (PDF, scan, image); a Word copy of the pledge is the editable version and is skipped when one exists.
 *
 * Certainty decides severity: a scanned page without a seal is the pack's level; a text-layer page without a
 * seal image is a warning (an electronic seal may be vector graphics or an annotation the detector cannot
 * see). A blank signature or date on a text layer is a warning (to correct, not grounds for rejection: the
 * unit's seal is what binds it); on a scan it is an info to check by eye, since OCR does not read handwriting.
 * Only the pledge is judged here; other places that ask for a seal are `seal-required`'s.
 */
import type { Document, Evidence, Field } from "../../model.js";
import { evidenceOf } from "../_internal/fields.js";
import { isWordFile } from "../_internal/files.js";
import { hasSeal, monochrome, pagesOf, sealPlace, wholePagesSeen } from "../_internal/seals.js";
import type { Basis, Rule, RuleContext, RuleReport } from "../types.js";

export interface PledgeSignedOptions {
  /** The template's signature block: 「申请单位法人代表（签名）：申请单位（盖章）：年 月 日」. */
  clause: string;
}

export const pledgeSigned: Rule<PledgeSignedOptions> = {
  meta: {
    id: "pledge-signed",
    description: "承诺书（真实性承诺）已由法定代表人签名、加盖单位公章并填写日期（以盖章扫描件或PDF为准）",
    category: "format",
    messages: {
      unsealed:
        "承诺书上未检测到公章（{{where}}）。承诺书须加盖申报单位公章，模板要求：「{{clause}}」。请在「（盖章）」处加盖单位公章后重新扫描提交。",
      unsealedGray:
        "承诺书扫描件为黑白（灰度）图像，无法识别红色公章（{{where}}）。未能可靠识别，请人工核对是否已加盖单位公章；建议提交彩色扫描件。",
      unsealedText:
        "承诺书为电子文档（非扫描件），页面上未检测到公章图像（{{where}}）。模板要求：「{{clause}}」。请提交加盖公章后的扫描件；如已加盖电子签章，请人工核对。",
      unsigned:
        "承诺书「法定代表人（签名）」处为空（{{where}}）。模板要求：「{{clause}}」。请由法定代表人签名后重新扫描提交。",
      signatureUnread:
        "承诺书为扫描件，签名处未能识别出姓名（{{where}}）；手写签名通常无法自动识别。请人工核对法定代表人是否已签名。",
      noSignatureLine:
        "承诺书中未找到「法定代表人（签名）」一栏（{{where}}）。模板要求：「{{clause}}」。请使用通知所附模板，由法定代表人签名。",
      undated: "承诺书落款日期未填写（{{where}}）。请填写签署日期后重新提交。",
      dateUnread: "承诺书为扫描件，未能识别出落款日期（{{where}}），可能为手写。请人工核对是否已填写日期。",
      wordOnly:
        "承诺书只有Word版（{{where}}）。Word文件无法体现法定代表人签名和单位公章，模板要求：「{{clause}}」。请将承诺书打印、由法定代表人签名并加盖公章后，扫描为PDF一并提交。",
    },
  },
  check(ctx, options) {
    const pledges = ctx.documents.filter((d) => d.type === "pledge");
    if (pledges.length === 0)
      return { status: "not-evaluated", reason: "材料中没有承诺书（缺少承诺书由 required-document 报告）" };
    const of = (d: Document, key: string) => ctx.fields(key).filter((f) => f.documentId === d.id);
    // A Word pledge showing a seal carries a picture of the stamped paper: judged like a scan.
    const stamped = pledges.filter(
      (d) => !isWordFile(ctx, d.file) || of(d, "pledge.sealed").some((f) => f.value === true),
    );
    if (stamped.length === 0) {
      const word = pledges.map((d) => ({ file: d.file, page: d.pages[0], quote: d.title }));
      // A stamped pledge may be in a file that could not be read (context.ts): then this is not certain.
      const absent = { absent: { name: "盖章的承诺书", docTypes: ["pledge"] as const, fileKinds: ["pdf", "image"] as const } };
      return { status: "fail", reports: [report("wordOnly", word, options, { category: "missing", basis: [absent] })] };
    }
    const reports = stamped.flatMap((d) => judge(ctx, d, of, options));
    return reports.length ? { status: "fail", reports } : { status: "pass" };
  },
};

type Cap = RuleReport["severity"];

function judge(
  ctx: RuleContext,
  doc: Document,
  of: (d: Document, key: string) => Field[],
  options: PledgeSignedOptions,
): RuleReport[] {
  const reports: RuleReport[] = [];
  const add = (messageId: string, evidence: Evidence[], key: string, severity: Cap, basis?: Field) =>
    reports.push(report(messageId, evidence, options, { key, severity, ...(basis ? { basis: [basis] } : {}) }));
  const pages = pagesOf(ctx, doc);
  const first = [{ file: doc.file, page: doc.pages[0], quote: doc.title }];

  const sealed = of(doc, "pledge.sealed")[0];
  if (sealed ? sealed.value !== true : !hasSeal(pages)) {
    const at = sealed ? evidenceOf(sealed) : [sealPlace(doc, pages)];
    const seen = wholePagesSeen(pages.filter(({ page }) => page.index === at[0]!.page));
    // Whether the seal detector saw the whole page is the rule's own certainty (wholePagesSeen); the field, when
    // there is one, says how sure the detector was.
    const gray = monochrome(pages.filter(({ page }) => page.index === at[0]!.page));
    if (seen) add("unsealed", at, "pledge.sealed", undefined, sealed);
    else if (gray) add("unsealedGray", at, "pledge.sealed", "warning", sealed);
    else add("unsealedText", at, "pledge.sealed", "warning", sealed);
  }
  const signed = of(doc, "pledge.signed")[0];
  if (!signed) {
    if (wholePagesSeen(pages)) add("signatureUnread", first, "pledge.signed", "info");
    else add("noSignatureLine", first, "pledge.signed", "warning");
  } else if (signed.value !== true) {
    if (ctx.certainty(signed).ocr) add("signatureUnread", evidenceOf(signed), "pledge.signed", "info", signed);
    else add("unsigned", evidenceOf(signed), "pledge.signed", "warning", signed);
  }
  const date = of(doc, "pledge.date")[0];
  if (!date || date.value === null) {
    const at = date ? evidenceOf(date) : first;
    if (date ? ctx.certainty(date).ocr : wholePagesSeen(pages)) add("dateUnread", at, "pledge.date", "info", date);
    else add("undated", at, "pledge.date", "warning", date);
  }
  return reports;
}

function report(
  messageId: string,
  evidence: Evidence[],
  options: PledgeSignedOptions,
  how: { key?: string; severity?: Cap; category?: RuleReport["category"]; basis?: Basis[] },
): RuleReport {
  return {
    messageId,
    data: { clause: options.clause },
    evidence,
    docType: "pledge",
    ...(how.key ? { fieldKeys: [how.key] } : {}),
    expected: { clause: options.clause },
    ...(how.severity ? { severity: how.severity } : {}),
    ...(how.category ? { category: how.category } : {}),
    ...(how.basis ? { basis: how.basis } : {}),
  };
}
