import { describe, expect, it } from "vitest";
import { pledgeSigned } from "../../../src/checks/rules/pledge-signed.js";
import { DOCX, doc, fakeContext, field, findingsOf, fixtureContext, outcome, place, reportsOf } from "../_support.js";

const options = { clause: "申请单位法人代表（签名）：申请单位（盖章）：年 月 日" };
const SCAN = "pkg/承诺书（扫描件）.pdf";
const at = (file: string, page = 1) => ({ file, page, extractor: "rule:pledge" });

/** A pledge document with its extracted fields: sealed / signed / date as given (undefined: not extracted). */
function pledge(file: string, f: { sealed?: boolean; signed?: boolean; date?: string | null }, id = "p1") {
  const fields = [
    ...(f.sealed !== undefined ? [field("pledge.sealed", f.sealed, id, at(file))] : []),
    ...(f.signed !== undefined ? [field("pledge.signed", f.signed, id, at(file))] : []),
    ...(f.date !== undefined ? [field("pledge.date", f.date, id, at(file))] : []),
  ];
  return { documents: [doc(id, "pledge", file)], fields };
}

describe("pledge-signed", () => {
  it("wuhan-vertical-c: the scanned pledge is signed, stamped and dated", async () => {
    expect(outcome(pledgeSigned, await fixtureContext("wuhan-vertical-c"), options)).toEqual({ status: "pass" });
  });

  it("wuhan-vertical-a: the PDF pledge is judged, not its Word copy; stamped electronically, its signature line is empty (warning)", async () => {
    const findings = findingsOf(pledgeSigned, await fixtureContext("wuhan-vertical-a"), options);
    expect(findings.map((f) => [f.severity, f.fieldKeys?.[0], place(f)])).toEqual([
      ["warning", "pledge.signed", "武汉市垂直行业模型项目申报书.pdf#5"],
    ]);
  });

  it("hunan-ai-model-b: the pledge page of the combined PDF has neither seal nor signature (warnings: a text page)", async () => {
    const findings = findingsOf(pledgeSigned, await fixtureContext("hunan-ai-model-b"), options);
    expect(findings.map((f) => [f.severity, f.fieldKeys?.[0], place(f)]).sort()).toEqual([
      ["warning", "pledge.sealed", "2025年湖南省人工智能大模型项目申报书（湘江智语）.pdf#3"],
      ["warning", "pledge.signed", "2025年湖南省人工智能大模型项目申报书（湘江智语）.pdf#3"],
    ]);
    expect(findings.find((f) => f.fieldKeys?.[0] === "pledge.sealed")?.message).toContain("电子签章");
  });

  it("a scanned pledge without a seal is an error at the pack's level", () => {
    const ctx = fakeContext({
      ...pledge(SCAN, { sealed: false, signed: true, date: "2025-10-20" }),
      ocrPages: [`${SCAN}#1`],
    });
    const findings = findingsOf(pledgeSigned, ctx, options);
    expect(findings.map((f) => [f.severity, f.category, f.fieldKeys?.[0]])).toEqual([
      ["error", "format", "pledge.sealed"],
    ]);
    expect(findings[0]!.message).toContain(options.clause);
  });

  it("no pledge.sealed field: the pages' seals decide", () => {
    const input = pledge(SCAN, { signed: true, date: "2025-10-20" });
    expect(reportsOf(pledgeSigned, fakeContext({ ...input, sealedPages: [`${SCAN}#1`] }), options)).toEqual([]);
    const bare = reportsOf(pledgeSigned, fakeContext({ ...input, ocrPages: [`${SCAN}#1`] }), options);
    expect(bare.map((r) => [r.messageId, r.severity])).toEqual([["unsealed", undefined]]);
  });

  it("on a scan, an unread signature or date is an info to check by eye (OCR does not read handwriting)", () => {
    const ctx = fakeContext({ ...pledge(SCAN, { sealed: true, signed: false, date: null }), ocrPages: [`${SCAN}#1`] });
    expect(reportsOf(pledgeSigned, ctx, options).map((r) => [r.messageId, r.severity])).toEqual([
      ["signatureUnread", "info"],
      ["dateUnread", "info"],
    ]);
  });

  it("on a text layer, a blank date or a missing signature line are warnings", () => {
    const ctx = fakeContext(pledge("pkg/承诺书.pdf", { sealed: true, date: null }));
    expect(reportsOf(pledgeSigned, ctx, options).map((r) => [r.messageId, r.severity])).toEqual([
      ["noSignatureLine", "warning"],
      ["undated", "warning"],
    ]);
  });

  it("a pledge only in Word cannot carry a signature or seal: asks for the signed and stamped scan", () => {
    const findings = findingsOf(pledgeSigned, fakeContext(pledge(DOCX, { sealed: false, signed: false })), options);
    expect(findings.map((f) => [f.severity, f.category, place(f)])).toEqual([["error", "missing", "申报书.docx#1"]]);
    expect(findings[0]!.message).toContain("扫描为PDF");
  });

  it("a Word pledge showing a stamped picture is judged like a scan; beside a PDF pledge the Word copy is skipped", () => {
    const pictured = fakeContext(pledge(DOCX, { sealed: true, signed: true, date: "2025-10-20" }));
    expect(outcome(pledgeSigned, pictured, options)).toEqual({ status: "pass" });
    const word = pledge(DOCX, { sealed: false, signed: false, date: null }, "w");
    const pdf = pledge(SCAN, { sealed: true, signed: true, date: "2025-10-20" });
    const both = fakeContext({
      documents: [...word.documents, ...pdf.documents],
      fields: [...word.fields, ...pdf.fields],
    });
    expect(outcome(pledgeSigned, both, options)).toEqual({ status: "pass" });
  });

  it("is not evaluated without a pledge (its absence is required-document's)", () => {
    expect(outcome(pledgeSigned, fakeContext({}), options).status).toBe("not-evaluated");
  });
});
