/**
 * Cells left empty, left as the template wrote them or written so they do not read, on the fixture packages edited
 * the way an applicant would (test/checks/planted/files.ts: real DOCX and PDF text-layer edits), read whole by
 * extract(): what `form.unfilled` holds across the Word and PDF versions, and the Hunan centre's numbered rows.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { extract, type Extraction } from "../../../src/extract/extract.js";
import type { Unfilled } from "../../../src/extract/form/types.js";
import { ingest } from "../../../src/ingest/ingest.js";
import { sharedCacheDir } from "../../_support/cache.js";
import { docxText, loadPackage, pdfText, steps, writePackage, type Step } from "../../checks/planted/files.js";
import { parseFile } from "./_helpers.js";

const A = { docx: "武汉市垂直行业模型项目申报书.docx", pdf: "武汉市垂直行业模型项目申报书.pdf" };
const G = { docx: "行业模型和智能体项目申报书（灵犀智巡）.docx", pdf: "行业模型和智能体项目申报书（灵犀智巡）.pdf" };
const J = { pdf: "2025年湖南省制造业数字化转型促进中心项目申报书（湘江智语）.pdf" };
const MEMBERS = [
  "长沙星联工程机械有限公司（制造业企业）",
  "湖南麓山工业互联网研究院（科研院所）",
  "湖南湘云数据服务有限公司（服务商）",
];

const temporary: string[] = [];
afterAll(() => Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true }))));

/** The fixture package with the edits applied, written to a temporary folder of the same name. */
async function editedDir(base: string, ...edits: Step[]): Promise<string> {
  const files = await steps(...edits)(await loadPackage(base));
  const parent = await mkdtemp(path.join(tmpdir(), "shenbao-unfilled-"));
  temporary.push(parent);
  const dir = path.join(parent, base);
  await writePackage(dir, files);
  return dir;
}

async function edited(base: string, ...edits: Step[]): Promise<Extraction> {
  return extract(await ingest([await editedDir(base, ...edits)], { cacheDir: sharedCacheDir() }));
}

const places = (u: Unfilled | undefined) => u?.evidence.map((e) => `${path.basename(e.file)}#${e.page}`);
const valuesOf = (ex: Extraction, key: string) => ex.fields.filter((f) => f.key === key).map((f) => f.value);

describe("form.unfilled across the versions of the form", () => {
  it("「电话」 left empty in a row that holds values is blank, not the number in the next row; Word and PDF give one item", async () => {
    const edit = { find: "电话 027-87651234", replace: "电话 " };
    const ex = await edited("wuhan-vertical-a", docxText(A.docx, [edit]), pdfText(A.pdf, 2, [edit]));
    const phone = ex.form!.unfilled.filter((u) => u.key === "contact.phone");
    expect(phone.map((u) => [u.reason, u.label])).toEqual([["blank", "电话"]]);
    expect(places(phone[0])).toEqual([`${A.docx}#2`, `${A.pdf}#2`]);
    // Before: contact.phone = null read from 「4865.27」, the 人工智能营业收入 under the cell.
    expect(valuesOf(ex, "contact.phone")).toEqual([]);
    expect(valuesOf(ex, "principal.phone")).toEqual(["13907186521", "13907186521"]);
    expect(valuesOf(ex, "finance.aiRevenue.2024")).toEqual([4865.27, 4865.27]);
  });

  it("the Word version that kept the template's instruction is unfilled although its PDF, the fuller version, was filled", async () => {
    const instruction =
      "(自筹、财政资金或其他,请详细介绍。研发资金组成,包括语料和数据费用、产品开发费用、测试费用、人工费用、设备采购和材料费用等)";
    const ex = await edited(
      "wuhan-governance-model-agent-g",
      docxText(G.docx, [{ find: "近三年研发资金共计1286.5万元", replace: instruction, whole: true }]),
    );
    const form = ex.documents.find((d) => d.id === ex.form!.documentId)!;
    expect(path.basename(form.file)).toBe(G.pdf);
    const funding = ex.form!.unfilled.find((u) => u.key === "product.rdFunding");
    expect(funding?.reason).toBe("template-instruction");
    expect(places(funding)).toEqual([`${G.docx}#3`]);
    expect(ex.form!.unfilled.map((u) => u.key)).toEqual(["product.rdFunding"]);
  });

  it("a date that does not read as a date is unreadable, with what was written", async () => {
    const ex = await edited(
      "hunan-digital-center-j",
      pdfText(J.pdf, 4, [{ find: "2018年11月06日", replace: "2018年13月06日" }]),
    );
    const founded = ex.form!.unfilled.find((u) => u.key === "applicant.foundedOn");
    expect(founded).toMatchObject({ reason: "unreadable", written: "2018年13月06日", kind: "date", label: "注册时间" });
    expect(places(founded)).toEqual([`${J.pdf}#4`]);
    // The field stays, with what was written, for the other checks.
    const field = ex.fields.find((f) => f.key === "applicant.foundedOn" && f.extractor === "rule:form");
    expect(field).toMatchObject({ value: null, raw: "2018年13月06日" });
  });

  it("an amount written as words is unreadable in the Word form; its PDF, which reads the number, vouches for the key", async () => {
    const edit = docxText(A.docx, [{ find: "7318.62", replace: "待审计", exact: true }]);
    const dir = await editedDir("wuhan-vertical-a", edit);
    const word = await parseFile(path.join(dir, A.docx), "wuhan-vertical-model-2025");
    expect(word.unfilled).toEqual([
      expect.objectContaining({ key: "finance.revenue.2024", reason: "unreadable", written: "待审计", kind: "amount" }),
    ]);
    const ex = extract(await ingest([dir], { cacheDir: sharedCacheDir() }));
    expect(ex.form!.unfilled).toEqual([]);
    expect(valuesOf(ex, "finance.revenue.2024")).toEqual([null, 7318.62]);
  });
});

describe("numbered rows beside one label (湖南促进中心 「联合体其他成员单位名称与类型」)", () => {
  it("hunan-digital-center-j: the three filled rows are the consortium, each with its place; rows of 「—」 are not", async () => {
    const ex = await edited("hunan-digital-center-j");
    const field = ex.fields.find((f) => f.key === "applicant.consortium")!;
    expect(field.value).toBe(MEMBERS.join("、"));
    expect(field.evidence.map((e) => [e.quote, e.page])).toEqual(MEMBERS.map((m) => [m, 4]));
    // Rows 3–6 run together into one cell of the PDF; each member's place is its own line, one row apart.
    const ys = field.evidence.map((e) => e.box!.y);
    expect(ys[1]! - ys[0]!).toBeGreaterThan(10);
    expect(ys[2]! - ys[1]!).toBeGreaterThan(10);
    expect(field.evidence[2]!.box!.h).toBeLessThan(20);
  });

  it("rows all left 「—」 are no consortium (无)", async () => {
    const ex = await edited(
      "hunan-digital-center-j",
      pdfText(
        J.pdf,
        4,
        MEMBERS.map((m) => ({ find: m, replace: "—" })),
      ),
    );
    expect(valuesOf(ex, "applicant.consortium")).toEqual(["无"]);
  });
});
