/**
 * Severity follows certainty: the policy (src/checks/context.ts `certainty`) and its enforcement by the engine,
 * RuleTester style — readings that are certain and doubtful, and rules whose error findings are lowered when the
 * reading they rest on is doubtful.
 */
import { describe, expect, it } from "vitest";
import { CERTAIN_CONFIDENCE, createContext, UNCERTAIN_NOTE } from "../../src/checks/context.js";
import { runChecks } from "../../src/checks/engine.js";
import { fieldEqual } from "../../src/checks/rules/field-equal.js";
import { requiredDocument } from "../../src/checks/rules/required-document.js";
import { requiredField } from "../../src/checks/rules/required-field.js";
import { usccValid } from "../../src/checks/rules/uscc-valid.js";
import { wordAndPdf } from "../../src/checks/rules/word-and-pdf.js";
import type { Basis, Rule, RuleContext } from "../../src/checks/types.js";
import type { Unfilled } from "../../src/extract/form/types.js";
import type { Field } from "../../src/model.js";
import { doc, DOCX, fakeContext, field, findingsOf, PDF } from "./_support.js";

const LICENCE = "pkg/营业执照.jpg";
const USCC = "91420100MA4KQ7U39D";

const withConfidence = (f: Field, confidence: number): Field => ({ ...f, confidence });
const levelOf = (ctx: RuleContext, b: Basis) => ctx.certainty(b).level;

function unfilled(key: string, label: string, reason: string, quote: string, file = PDF, page = 1): Unfilled {
  return { key, label, reason: reason as Unfilled["reason"], evidence: [{ file, page, quote }] };
}

describe("ctx.certainty: fields", () => {
  const ctx = fakeContext({ ocrPages: [`${LICENCE}#1`] });

  it("a value read with the threshold's confidence is certain; below it, doubtful, saying why", () => {
    expect(CERTAIN_CONFIDENCE).toBe(0.9);
    expect(levelOf(ctx, withConfidence(field("applicant.name", "武汉云帆智算科技有限公司"), 0.9))).toBe("certain");
    const low = ctx.certainty(withConfidence(field("applicant.name", "武汉云帆智算科技有限公司"), 0.62));
    expect(low.level).toBe("doubtful");
    expect(low.reasons.join()).toContain("置信度0.62");
  });

  it("a 信用代码 whose check characters hold verifies itself, whatever the OCR confidence", () => {
    const code = withConfidence(field("applicant.uscc", USCC, "d2", { file: LICENCE }), 0.3);
    expect(ctx.certainty(code)).toMatchObject({ level: "certain", ocr: true });
    expect(levelOf(ctx, withConfidence(field("applicant.uscc", "91420100MA4KQ7U39X"), 0.5))).toBe("doubtful");
  });

  it("text holding another label of the form is a cell read from the wrong place", () => {
    const c = ctx.certainty(field("applicant.name", "统一社会信用代码单位地址单位性质"));
    expect(c.level).toBe("doubtful");
    expect(c.reasons.join()).toContain("统一社会信用代码");
    expect(levelOf(ctx, field("contact.name", "职务"))).toBe("doubtful"); // a label alone
    // Its own label in front of the value is not another label; ordinary names and addresses are certain.
    expect(levelOf(ctx, field("applicant.name", "单位名称：武汉云帆智算科技有限公司"))).toBe("certain");
    expect(levelOf(ctx, field("applicant.address", "武汉东湖新技术开发区高新大道999号"))).toBe("certain");
  });

  it("a phone with more digits in a run than any phone is two cells joined", () => {
    expect(levelOf(ctx, field("contact.phone", "027-8765000113871234567"))).toBe("doubtful");
    expect(levelOf(ctx, field("contact.phone", "027-87651234"))).toBe("certain");
    expect(levelOf(ctx, field("principal.phone", "13907186521"))).toBe("certain");
    expect(levelOf(ctx, field("contact.phone", "027-87651234、13907186521"))).toBe("certain");
  });

  it("a name that is only punctuation is no name; 无 and / are answers", () => {
    expect(levelOf(ctx, field("contact.name", "——·"))).toBe("doubtful");
    expect(levelOf(ctx, field("applicant.consortium", "/"))).toBe("certain");
  });

  it("long narratives may name other parts of the form", () => {
    const text = "公司成立于2019年，单位地址位于东湖高新区，营业收入逐年增长。".repeat(3);
    expect(levelOf(ctx, field("applicant.intro", text))).toBe("certain");
  });

  it("a difference larger than misreading can explain stands on an OCR'd document, not on a form cell", () => {
    const licence = withConfidence(field("applicant.name", "武汉云帆智算科技有限公司", "d2", { file: LICENCE, extractor: "rule:business-license" }), 0.86);
    expect(levelOf(ctx, licence)).toBe("doubtful");
    expect(levelOf(ctx, { field: licence, differsBy: 4 })).toBe("certain");
    expect(levelOf(ctx, { field: licence, differsBy: 2 })).toBe("doubtful");
    const cell = withConfidence(field("applicant.name", "武汉云帆智算科技有限公司", "d1", { file: LICENCE }), 0.86);
    expect(levelOf(ctx, { field: cell, differsBy: 8 })).toBe("doubtful");
  });
});

describe("ctx.certainty: unfilled cells, places, absences", () => {
  it("a blank read from a text layer is certain; on a scan, or with no place or an unknown reason, doubtful", () => {
    const ctx = fakeContext({ ocrPages: ["pkg/scan.pdf#1"] });
    expect(levelOf(ctx, unfilled("contact.phone", "电话", "blank", "电话"))).toBe("certain");
    expect(levelOf(ctx, unfilled("contact.phone", "电话", "blank", "电话", "pkg/scan.pdf"))).toBe("doubtful");
    expect(levelOf(ctx, { ...unfilled("contact.phone", "电话", "blank", ""), evidence: [] })).toBe("doubtful");
    expect(levelOf(ctx, unfilled("contact.phone", "电话", "not-found", "电话"))).toBe("doubtful");
    expect(levelOf(ctx, { ...unfilled("contact.phone", "电话", "blank", "电话"), confidence: 0.5 })).toBe("doubtful");
  });

  it("an unticked choice is certain only when the cell shows the options, once each, and nothing else", () => {
    const ctx = fakeContext({});
    const nature = (quote: string) => levelOf(ctx, unfilled("applicant.nature", "单位性质", "unchecked", quote));
    expect(nature("☐党政机关 ☐事业单位 ☐社会团体 ☐国有企业 ☐民营企业 ☐外资企业 ☐其他（请注明）")).toBe("certain");
    // The choice written on the line, or beside the boxes; the other options deleted; no option read at all.
    expect(nature("☐党政机关 ☐事业单位 ☐社会团体 ☐国有企业 ☐民营企业 ☐外资企业 ☐其他 民营企业")).toBe("doubtful");
    expect(nature("☐党政机关 ☐事业单位 ☐社会团体 ☐国有企业 ☐民营企业 ☐外资企业 ☐其他 有限责任公司")).toBe("doubtful");
    expect(nature("民营企业")).toBe("doubtful");
    expect(nature("单位性质")).toBe("doubtful");
  });

  it("a text written as a phone that joins two cells is doubtful as unreadable too", () => {
    const ctx = fakeContext({});
    const u = { ...unfilled("contact.phone", "电话", "unreadable", "027-8765000113871234567"), written: "027-8765000113871234567" };
    expect(levelOf(ctx, u)).toBe("doubtful");
  });

  it("a place on a page OCR'd below the threshold is doubtful", () => {
    const ctx = fakeContext({ ocrPages: ["pkg/scan.pdf#1"] });
    expect(levelOf(ctx, { place: { file: "pkg/scan.pdf", page: 1, quote: "目录" }, confidence: 0.7 })).toBe("doubtful");
    expect(levelOf(ctx, { place: { file: PDF, page: 1, quote: "目录" } })).toBe("certain");
  });

  it("a document is certainly absent unless an unreadable file or an unrecognised page may be it", () => {
    const absent = { absent: { name: "营业执照（副本）复印件", docTypes: ["business-license" as const] } };
    expect(levelOf(fakeContext({ documents: [doc("d1", "application-form")] }), absent)).toBe("certain");
    const broken = brokenFile(fakeContext({ documents: [doc("d1", "application-form")] }), "pkg/执照.jpg");
    expect(broken.certainty(absent)).toMatchObject({ level: "doubtful" });
    expect(broken.certainty(absent).reasons.join()).toContain("执照.jpg");
    // A broken file named for another document is not the licence.
    expect(levelOf(brokenFile(fakeContext({}), "pkg/承诺书.pdf"), absent)).toBe("certain");
    const other = fakeContext({
      documents: [{ ...doc("d9", "other", "pkg/附件3.pdf"), title: "营业执照" }],
      pageLines: { "pkg/附件3.pdf#1": ["营业执照", "统一社会信用代码"] },
    });
    expect(levelOf(other, absent)).toBe("doubtful");
  });
});

/** The context with one more file that ingest could not read. */
function brokenFile(ctx: RuleContext, path: string): RuleContext {
  const broken = { path, sha256: "0".repeat(64), bytes: 10, kind: "image" as const, pages: [], textSource: "none" as const, status: "error" as const };
  return createContext({ ...ctx.pkg, files: [...ctx.pkg.files, broken] }, ctx.extraction, ctx.pack);
}

describe("the engine lowers an error resting on a doubtful reading", () => {
  const judge: Rule<{ basis: Basis[]; cap?: "warning" | "info" }> = {
    meta: { id: "judge", description: "", category: "consistency", rejects: true, messages: { bad: "不一致（{{where}}）。" } },
    check: (_ctx, o) => ({
      status: "fail",
      reports: [{ messageId: "bad", evidence: [{ file: PDF, page: 1, quote: "" }], basis: o.basis, ...(o.cap ? { severity: o.cap } : {}) }],
    }),
  };
  const run = (basis: Basis[], level: "error" | "warning" = "error", cap?: "warning" | "info") => {
    const ctx = fakeContext({});
    const only = { ...ctx, pack: { ...ctx.pack, rules: { judge: [level, { basis, cap }] as const } } };
    return runChecks(only, { judge: judge as Rule<never> });
  };

  it("certain basis: the pack's level; doubtful: a warning saying 未能可靠识别 and why; nothing rejected", () => {
    expect(run([field("applicant.name", "甲公司")]).findings[0]).toMatchObject({ severity: "error", message: "不一致（「pkg/申报书.pdf」第1页）。" });
    const lowered = run([field("applicant.name", "甲公司"), withConfidence(field("applicant.name", "乙公司"), 0.5)]);
    expect(lowered.findings[0]!.severity).toBe("warning");
    expect(lowered.findings[0]!.message).toMatch(new RegExp(`^不一致（「pkg/申报书.pdf」第1页）。（${UNCERTAIN_NOTE}：「单位名称」识别置信度0.5，低于0.9）$`));
    expect(lowered.rejected).toBe(false);
  });

  it("a warning or info stays as it is; no basis is taken as certain", () => {
    const doubtful = [withConfidence(field("applicant.name", "乙公司"), 0.5)];
    expect(run(doubtful, "warning").findings[0]).toMatchObject({ severity: "warning", message: "不一致（「pkg/申报书.pdf」第1页）。" });
    expect(run(doubtful, "error", "info").findings[0]!.severity).toBe("info");
    expect(run([]).findings[0]!.severity).toBe("error");
  });
});

describe("rules rest on their readings", () => {
  it("required-field: 「未填写」 on a text layer is an error; on a scan, or a label not found, 未能可靠识别 (warning)", () => {
    const ctx = fakeContext({
      ocrPages: ["pkg/scan.pdf#2"],
      form: {
        unfilled: [
          unfilled("contact.phone", "电话", "blank", "电话", PDF, 2),
          unfilled("principal.phone", "电话", "blank", "电话", "pkg/scan.pdf", 2),
          { key: "contact.email", label: "电子邮箱", reason: "not-found" as Unfilled["reason"], evidence: [] },
          unfilled("applicant.nature", "单位性质", "unchecked", "单位性质 民营企业"),
        ],
      },
    });
    const byKey = Object.fromEntries(findingsOf(requiredField, ctx, {}).map((f) => [f.fieldKeys![0], f]));
    expect(byKey["contact.phone"]).toMatchObject({ severity: "error" });
    expect(byKey["principal.phone"]!.severity).toBe("warning");
    expect(byKey["principal.phone"]!.message).toContain(UNCERTAIN_NOTE);
    expect(byKey["contact.email"]).toMatchObject({ severity: "warning" });
    expect(byKey["contact.email"]!.message).toContain("未能可靠识别");
    expect(byKey["applicant.nature"]!.severity).toBe("warning");
  });

  it("field-equal: a form 单位名称 read from the wrong cells is no mismatch to state as an error", () => {
    const licence = field("applicant.name", "武汉云帆智算科技有限公司", "d2", { file: "pkg/执照.pdf", extractor: "rule:business-license" });
    const make = (name: string) =>
      fakeContext({ documents: [doc("d1", "application-form"), doc("d2", "business-license", "pkg/执照.pdf")], fields: [field("applicant.name", name), licence] });
    expect(findingsOf(fieldEqual, make("武汉星河数据有限公司"), { keys: ["applicant.name"] })[0]!.severity).toBe("error");
    const garbage = findingsOf(fieldEqual, make("统一社会信用代码单位地址单位性质"), { keys: ["applicant.name"] })[0]!;
    expect(garbage.severity).toBe("warning");
    expect(garbage.message).toContain(UNCERTAIN_NOTE);
  });

  it("word-and-pdf: a PDF phone that joins two cells is not a second version", () => {
    const ctx = fakeContext({
      documents: [doc("d1", "application-form", DOCX), doc("d2", "application-form", PDF)],
      fields: [field("contact.phone", "027-87651234", "d1", { file: DOCX }), field("contact.phone", "027-8765000113871234567", "d2")],
    });
    const [finding] = findingsOf(wordAndPdf, ctx, { clause: "Word和PDF" });
    expect(finding).toMatchObject({ ruleId: "word-and-pdf", severity: "warning" });
    expect(finding!.message).toContain("连在一起");
  });

  it("uscc-valid: a code with Chinese in it is a misplaced cell, not a wrong code", () => {
    const ctx = fakeContext({ documents: [doc("d1", "application-form")], fields: [field("applicant.uscc", "91420100MA4KQ7U39X")] });
    expect(findingsOf(usccValid, ctx, {})[0]!.severity).toBe("error");
    const misread = fakeContext({ documents: [doc("d1", "application-form")], fields: [field("applicant.uscc", "单位地址914201")] });
    expect(findingsOf(usccValid, misread, {})[0]!.severity).toBe("warning");
  });

  it("required-document: missing is an error unless an unreadable file may be the document", () => {
    const item = { name: "营业执照（副本）复印件", docTypes: ["business-license" as const], clause: "营业执照" };
    const ctx = fakeContext({ documents: [doc("d1", "application-form")] }, { documents: [item] });
    expect(findingsOf(requiredDocument, ctx, undefined as never)[0]!.severity).toBe("error");
    const lowered = findingsOf(requiredDocument, brokenFile(ctx, "pkg/执照.jpg"), undefined as never)[0]!;
    expect(lowered.severity).toBe("warning");
    expect(lowered.message).toContain("执照.jpg");
  });
});
