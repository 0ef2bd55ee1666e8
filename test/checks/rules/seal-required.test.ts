import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HUNAN_COVER_SEAL } from "../../../src/checks/calls/_shared.js";
import { sealRequired, type SealPlace } from "../../../src/checks/rules/seal-required.js";
import {
  DOCX,
  FIXTURES,
  PDF,
  doc,
  fakeContext,
  field,
  findingsOf,
  fixtureContext,
  outcome,
  pathsContext,
  place,
  reportsOf,
} from "../_support.js";
import { loadPackage, pdfImagesWithoutSeal, steps, writePackage } from "../planted/files.js";

const cover: SealPlace = {
  name: "封面「申报单位（加盖公章）」处",
  docTypes: ["application-form"],
  scope: "cover",
  clause: "申报单位____（加盖公章）；同步报送电子版（Word和PDF盖章件）",
};
const copies: SealPlace = {
  name: "复印件",
  docTypes: ["business-license", "audit-report"],
  scope: "document",
  clause: "申报单位相关证明材料（复印件需加盖公章）",
};
const options = { places: [cover] };
const COVER_LINE = "申报单位 武汉云帆智算科技有限公司（加盖公章）";

describe("seal-required", () => {
  it("wuhan-vertical-a: the PDF's cover was stamped and scanned back; the Word form is not judged", async () => {
    expect(outcome(sealRequired, await fixtureContext("wuhan-vertical-a"), options)).toEqual({ status: "pass" });
  });

  it("hubei-industrial-model-e: the scanned licence carries a seal; the plain PDF export's cover does not (warning: a text page)", async () => {
    const ctx = await fixtureContext("hubei-industrial-model-e");
    const findings = findingsOf(sealRequired, ctx, { places: [cover, { ...copies, docTypes: ["business-license"] }] });
    expect(findings.map((f) => [f.severity, f.docType, f.evidence[0]?.quote, place(f)])).toEqual([
      ["warning", "application-form", "武汉云帆智算科技有限公司（加盖公章）", "湖北省工业领域专用模型项目申报书.pdf#1"],
    ]);
    expect(findings[0]!.message).toContain("电子签章");
  });

  it("hunan-ai-model-b: only the combined PDF's first page is the cover, not the 申报信息表 that starts on page 4", async () => {
    const reports = reportsOf(sealRequired, await fixtureContext("hunan-ai-model-b"), { places: [HUNAN_COVER_SEAL] });
    expect(reports.map((r) => [r.messageId, place(r)])).toEqual([
      ["unsealedText", "2025年湖南省人工智能大模型项目申报书（湘江智语）.pdf#1"],
    ]);
  });

  it("a scanned cover without a seal keeps the pack's level, pointing at the line that asks for it", () => {
    const ctx = fakeContext({
      documents: [doc("d1", "application-form", PDF, [1, 4]), doc("d2", "application-form", DOCX, [1, 4])],
      ocrPages: [`${PDF}#1`],
      pageLines: { [`${PDF}#1`]: ["武汉市垂直行业模型项目申报书", COVER_LINE] },
    });
    const findings = findingsOf(sealRequired, ctx, options);
    expect(findings.map((f) => [f.severity, f.evidence[0]?.quote, place(f)])).toEqual([
      ["error", COVER_LINE, "申报书.pdf#1"],
    ]);
    expect(findings[0]!.message).toContain(cover.clause);
    const stamped = fakeContext({
      documents: [doc("d1", "application-form", PDF, [1, 4])],
      ocrPages: [`${PDF}#1`],
      sealedPages: [`${PDF}#1`],
    });
    expect(outcome(sealRequired, stamped, options)).toEqual({ status: "pass" });
  });

  it("wuhan-governance-platform-h: the cover scanned before it was stamped is reported although OCR no longer reads its 「（加盖公章）」", async () => {
    const base = "wuhan-governance-platform-h";
    const pdf = "公共服务平台申报书（江城数智）.pdf";
    expect(outcome(sealRequired, await pathsContext(base, [path.join(FIXTURES, base)]), options)).toEqual({
      status: "pass",
    });
    const parent = await mkdtemp(path.join(tmpdir(), "shenbao-seal-"));
    const dir = path.join(parent, base);
    await writePackage(dir, await steps(pdfImagesWithoutSeal(pdf, 1))(await loadPackage(base)));
    const ctx = await pathsContext("h-cover-seal-removed", [dir]).finally(() =>
      rm(parent, { recursive: true, force: true }),
    );
    const findings = findingsOf(sealRequired, ctx, options);
    // The cover scan is black and white once its red seal is gone: no red seal can show there, so its absence is
    // doubtful (severity follows certainty) and the reviewer is asked to look.
    expect(findings.map((f) => [f.severity, f.docType, place(f)])).toEqual([["warning", "application-form", `${pdf}#1`]]);
    // Pointed at the 申报单位 line the form reader read on the cover, where the seal belongs.
    expect(findings[0]!.evidence[0]!.box).toBeDefined();
    expect(findings[0]!.message).toContain("黑白（灰度）扫描，无法识别红色公章");
    expect(findings[0]!.message).toContain("未能可靠识别，请人工核对");
  });

  it("a scanned first page without a seal line is a cover when the form reader read cover lines there", () => {
    const applicant = field("cover.applicant", "武汉云帆智算科技有限公司", "d1", { page: 1 });
    const ctx = fakeContext({
      documents: [doc("d1", "application-form", PDF, [1, 4])],
      fields: [field("applicant.name", "武汉云帆智算科技有限公司", "d1", { page: 2 }), applicant],
      ocrPages: [`${PDF}#1`],
      pageLines: { [`${PDF}#1`]: ["武汉市垂直行业模型项目申报书", "申报单位 武汉云帆智算科技有限公司"] },
    });
    const reports = reportsOf(sealRequired, ctx, options);
    expect(reports.map((r) => [r.messageId, r.evidence?.[0]])).toEqual([["unsealed", applicant.evidence[0]]]);
    // Without the cover lines (a first page the reader took for a table page) it is not judged.
    const table = fakeContext({
      documents: [doc("d1", "application-form", PDF, [1, 4])],
      fields: [field("applicant.name", "武汉云帆智算科技有限公司", "d1", { page: 1 })],
      ocrPages: [`${PDF}#1`],
    });
    expect(outcome(sealRequired, table, options).status).toBe("not-evaluated");
  });

  it("a first page that neither shows a seal nor asks for one is not a cover", () => {
    const ctx = fakeContext({
      documents: [doc("d1", "application-form", PDF, [1, 3])],
      pageLines: { [`${PDF}#1`]: ["一、单位基本情况"] },
    });
    expect(outcome(sealRequired, ctx, options).status).toBe("not-evaluated");
  });

  it("a copy needs a seal on any of its pages; one without any is reported per document", () => {
    const licence = "pkg/营业执照.jpg";
    const audit = "pkg/审计报告.pdf";
    const ctx = fakeContext({
      documents: [doc("l", "business-license", licence), doc("a", "audit-report", audit, [1, 3])],
      ocrPages: [`${licence}#1`, `${audit}#1`, `${audit}#2`, `${audit}#3`],
      sealedPages: [`${audit}#3`],
    });
    const reports = reportsOf(sealRequired, ctx, { places: [copies] });
    expect(reports.map((r) => [r.messageId, r.docType, place(r), r.severity])).toEqual([
      ["unsealed", "business-license", "营业执照.jpg#1", undefined],
    ]);
  });

  it("Word files are never judged", () => {
    const ctx = fakeContext({
      documents: [doc("d1", "application-form", DOCX)],
      pageLines: { [`${DOCX}#1`]: [COVER_LINE] },
    });
    expect(outcome(sealRequired, ctx, options).status).toBe("not-evaluated");
  });
});
