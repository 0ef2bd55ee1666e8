import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { requiredField } from "../../../src/checks/rules/required-field.js";
import type { Unfilled } from "../../../src/extract/form/types.js";
import { doc, fakeContext, findingsOf, fixtureContext, outcome, pathsContext, place, reportsOf } from "../_support.js";
import { docxText, loadPackage, pdfText, steps, writePackage, type Step } from "../planted/files.js";

const temporary: string[] = [];
afterAll(() => Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true }))));

/** A fixture package edited the way an applicant would, in a temporary folder of the same name. */
async function editedContext(key: string, base: string, ...edits: Step[]) {
  const parent = await mkdtemp(path.join(tmpdir(), "shenbao-required-field-"));
  temporary.push(parent);
  const dir = path.join(parent, base);
  await writePackage(dir, await steps(...edits)(await loadPackage(base)));
  return pathsContext(key, [dir]);
}

const at = (page: number) => [{ file: "pkg/申报书.docx", page, quote: "" }];
const unfilled: Unfilled[] = [
  { key: "applicant.name", label: "单位名称", reason: "blank", evidence: at(2) },
  { key: "contact.phone", label: "电话", reason: "placeholder", evidence: at(2) },
  { key: "applicant.intro", label: "单位情况介绍", reason: "template-instruction", evidence: at(2) },
  { key: "model.type", label: "模型类型", reason: "unchecked", evidence: at(3) },
  { key: "applicant.consortium", label: "联合体成员单位（如有）", reason: "blank", evidence: at(2) },
];

describe("required-field", () => {
  it("passes the fully filled fixture forms", async () => {
    for (const name of ["wuhan-vertical-a", "wuhan-vertical-c"] as const) {
      expect(outcome(requiredField, await fixtureContext(name), {})).toEqual({ status: "pass" });
    }
  });

  it("reports each unfilled cell by its reason and place, skipping the 「如有」 cells", () => {
    const ctx = fakeContext({ form: { unfilled } });
    const reports = reportsOf(requiredField, ctx, { optional: ["applicant.consortium"] });
    expect(reports.map((r) => [r.messageId, r.fieldKeys?.[0], place(r)])).toEqual([
      ["blank", "applicant.name", "申报书.docx#2"],
      ["placeholder", "contact.phone", "申报书.docx#2"],
      ["template-instruction", "applicant.intro", "申报书.docx#2"],
      ["unchecked", "model.type", "申报书.docx#3"],
    ]);
    expect(findingsOf(requiredField, ctx, {})[0]).toMatchObject({
      ruleId: "required-field",
      severity: "error",
      category: "missing",
    });
  });

  it("reports a value that does not read as its kind with what was written; on a scanned page only as a warning", () => {
    const unreadable: Unfilled[] = [
      {
        ...unfilled[0]!,
        key: "applicant.foundedOn",
        label: "注册时间",
        reason: "unreadable",
        written: "2018年13月06日",
        kind: "date",
      },
      {
        key: "staff.total",
        label: "员工总数",
        reason: "unreadable",
        written: "二百零三",
        kind: "integer",
        evidence: [{ file: "pkg/申报书.pdf", page: 2, quote: "员工总数 二百零三" }],
      },
    ];
    const ctx = fakeContext({
      documents: [doc("d1", "application-form", "pkg/申报书.pdf", [1, 4])],
      form: { unfilled: unreadable },
      ocrPages: ["pkg/申报书.pdf#2"],
    });
    const findings = findingsOf(requiredField, ctx, {});
    expect(findings.map((f) => [f.severity, f.fieldKeys, f.message])).toEqual([
      [
        "error",
        ["applicant.foundedOn"],
        "申报书「注册时间」一栏填写为「2018年13月06日」，无法识别为日期（「pkg/申报书.docx」第2页）。请按「2018年11月6日」的格式填写日期。",
      ],
      [
        "warning",
        ["staff.total"],
        "申报书「员工总数」一栏在扫描件中识别为「二百零三」，无法识别为整数（「pkg/申报书.pdf」第2页），可能是识别误差。请人工核对该栏是否按「86」的格式填写了整数。",
      ],
    ]);
  });

  it("wuhan-vertical-a with 「电话」 left empty in Word and PDF: one finding naming both files", async () => {
    const edit = { find: "电话 027-87651234", replace: "电话 " };
    const [docx, pdf] = ["武汉市垂直行业模型项目申报书.docx", "武汉市垂直行业模型项目申报书.pdf"];
    const ctx = await editedContext(
      "a-phone-blank",
      "wuhan-vertical-a",
      docxText(docx, [edit]),
      pdfText(pdf, 2, [edit]),
    );
    const findings = findingsOf(requiredField, ctx, {});
    expect(findings.map((f) => [f.fieldKeys, f.evidence.map((e) => `${path.basename(e.file)}#${e.page}`)])).toEqual([
      [["contact.phone"], [`${docx}#2`, `${pdf}#2`]],
    ]);
    expect(findings[0]!.message).toMatch(
      /^申报书「电话」一栏未填写（「.*\.docx」第2页、「.*\.pdf」第2页）。请填写后重新提交。$/,
    );
  });

  it("hunan-digital-center-j with 注册时间 「2018年13月06日」: an error saying what was written and that it is no date", async () => {
    const pdf = "2025年湖南省制造业数字化转型促进中心项目申报书（湘江智语）.pdf";
    const edit = pdfText(pdf, 4, [{ find: "2018年11月06日", replace: "2018年13月06日" }]);
    const ctx = await editedContext("j-founded-unreadable", "hunan-digital-center-j", edit);
    const findings = findingsOf(requiredField, ctx, {});
    expect(findings.map((f) => [f.severity, f.fieldKeys, place(f)])).toEqual([
      ["error", ["applicant.foundedOn"], `${pdf}#4`],
    ]);
    expect(findings[0]!.message).toContain("「注册时间」一栏填写为「2018年13月06日」，无法识别为日期");
  });

  it("is not evaluated without a recognised form", () => {
    expect(outcome(requiredField, fakeContext({ form: null }), {}).status).toBe("not-evaluated");
  });
});
