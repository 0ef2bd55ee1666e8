/**
 * Application forms made by OTHER producers than the project's own generator (issue 11): the committed slice
 * fixtures/robust/ (fixtures/generate/robust/slice.ts) — a Word form with narrow, uneven columns exported by
 * LibreOffice, the same kind of form as an HTML table printed by Chromium on Letter paper with the choice
 * written on the line, a python-docx form with √/□ ticks and 「单位名称：…」 in one cell, and one printed and
 * scanned form page. Each replaces the form of a fixture package (fixtures/packages/<base>), the rest of the
 * package is kept, and the whole goes through the real pipeline. What a user checks: the key fields of the
 * form are read right, and a clean package gets no error.
 */
import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createOcrService } from "../../src/ingest/ocr.js";
import type { Field } from "../../src/model.js";
import { runCheck } from "../../src/pipeline.js";
import type { Report } from "../../src/report/schema.js";
import { sameValue } from "../../bench/_internal/robust-fields.js";
import { sharedCacheDir } from "../_support/cache.js";
import { FIXTURES_ROOT, PACKAGES_ROOT } from "../checks/planted/files.js";
import { describeFinding, matches } from "../checks/planted/match.js";
import { BASES, type BaseName, type Expect } from "../checks/planted/plants.js";

const SLICE = path.join(FIXTURES_ROOT, "robust");
const cacheDir = sharedCacheDir() ?? (await mkdtemp(path.join(os.tmpdir(), "shenbao-robust-cache-")));
const workDir = await mkdtemp(path.join(os.tmpdir(), "shenbao-robust-"));
const ocr = createOcrService({ cacheDir: path.join(cacheDir, "ocr") });
afterAll(async () => {
  await ocr.close();
  await rm(workDir, { recursive: true, force: true });
  if (!sharedCacheDir()) await rm(cacheDir, { recursive: true, force: true });
});

/** The fixture package with its form files swapped for the slice's (same names; a .docx the slice lacks is kept). */
async function assemble(base: BaseName, folder: string): Promise<string> {
  const dir = path.join(workDir, folder);
  await cp(path.join(PACKAGES_ROOT, base), dir, { recursive: true });
  for (const f of await readdir(path.join(SLICE, folder))) {
    if (f.endsWith(".jpg")) continue; // the scanned page is tested on its own
    await cp(path.join(SLICE, folder, f), path.join(dir, f));
  }
  return dir;
}

const reports = new Map<string, Promise<Report>>();
function reportOf(base: BaseName, folder: string): Promise<Report> {
  let p = reports.get(folder);
  if (!p) {
    p = assemble(base, folder).then((dir) => runCheck([dir], { cacheDir, ocr }));
    reports.set(folder, p);
  }
  return p;
}

/** The form reader's value of `key` read from `file`. */
function formValue(report: Report, file: string, key: string): Field["value"] | undefined {
  const f = report.fields.find(
    (x) => x.key === key && x.extractor === "rule:form" && x.evidence.some((e) => e.file === file || e.file.endsWith(`/${file}`)),
  );
  return f?.value;
}

function expectField(report: Report, file: string, key: string, want: string | number): void {
  const got = formValue(report, file, key);
  expect(sameValue(key, want, got), `${file} ${key}: 期望「${want}」，读到「${got === undefined ? "（未读到）" : String(got)}」`).toBe(true);
}

function expectNoFalseError(report: Report, base: BaseName): void {
  const known = BASES[base].errors as readonly Expect[];
  const extra = report.findings.filter((f) => f.severity === "error" && !known.some((k) => matches(f, k)));
  expect(extra.map((f) => `${describeFinding(f)} — ${f.message}`)).toEqual([]);
}

const T = 300_000;

describe("窄列 Word 表单经 LibreOffice 导出（wuhan-vertical-a）", () => {
  const base = "wuhan-vertical-a";
  const folder = "wuhan-vertical-a-lo-narrow";
  const pdf = "武汉市垂直行业模型项目申报书.pdf";
  const docx = "武汉市垂直行业模型项目申报书.docx";
  const want: [string, string | number][] = [
    ["applicant.name", "武汉云帆智算科技有限公司"],
    ["applicant.uscc", "91420100MA4KQ7U39D"],
    ["applicant.address", "武汉东湖新技术开发区高新大道999号武汉未来科技城C2栋12层"],
    ["applicant.nature", "民营企业"],
    ["principal.phone", "13907186521"],
    ["contact.name", "刘晓彤"],
    ["contact.phone", "027-87651234"],
    ["finance.revenue.2024", 7318.62],
    ["finance.aiRevenue.2024", 4865.27],
    ["staff.total", 203],
    ["model.type", "多模态大模型"],
    ["model.paramsYi", 72],
  ];
  for (const [key, value] of want) {
    it(`PDF：${key}`, { timeout: T }, async () => expectField(await reportOf(base, folder), pdf, key, value));
  }
  for (const key of ["applicant.uscc", "contact.phone", "finance.revenue.2024"]) {
    it(`Word：${key}`, { timeout: T }, async () =>
      expectField(await reportOf(base, folder), docx, key, want.find(([k]) => k === key)![1]));
  }
  it("干净的材料包没有错误", { timeout: T }, async () => expectNoFalseError(await reportOf(base, folder), base));
});

describe("HTML 表格由 Chromium 打印为 Letter PDF，选项直接写在线上（hubei-industrial-model-e）", () => {
  const base = "hubei-industrial-model-e";
  const folder = "hubei-industrial-model-e-chromium-letter";
  const pdf = "湖北省工业领域专用模型项目申报书.pdf";
  const want: [string, string | number][] = [
    ["applicant.name", "武汉云帆智算科技有限公司"],
    ["applicant.uscc", "91420100MA4KQ7U39D"],
    ["applicant.nature", "民营企业"],
    ["contact.phone", "027-87651234"],
    ["principal.phone", "13907186521"],
    ["finance.revenue.2025", 9062.35],
    ["staff.total", 203],
    ["staff.rd", 121],
    ["model.type", "多模态大模型"],
    ["model.industry", "电子信息"],
    ["model.rdCost", 1325.8],
  ];
  for (const [key, value] of want) {
    it(`PDF：${key}`, { timeout: T }, async () => expectField(await reportOf(base, folder), pdf, key, value));
  }
  it("材料包没有已知缺漏以外的错误", { timeout: T }, async () => expectNoFalseError(await reportOf(base, folder), base));
});

describe("python-docx 表单（√/□ 勾选、「单位名称：…」同格）经 LibreOffice 导出（wuhan-governance-model-agent-g）", () => {
  const base = "wuhan-governance-model-agent-g";
  const folder = "wuhan-governance-model-agent-g-pydocx";
  const files = ["行业模型和智能体项目申报书（灵犀智巡）.pdf", "行业模型和智能体项目申报书（灵犀智巡）.docx"];
  const want: [string, string | number][] = [
    ["applicant.name", "武汉灵犀智巡科技有限公司"],
    ["applicant.uscc", "91420111MA49W6KD70"],
    ["applicant.nature", "民营企业"],
    ["contact.phone", "027-87926615"],
    ["finance.revenue.2025", 6183.46],
    ["product.type", "智能体"],
    ["model.paramsYi", 32],
  ];
  for (const file of files) {
    for (const [key, value] of want) {
      it(`${file.endsWith(".pdf") ? "PDF" : "Word"}：${key}`, { timeout: T }, async () =>
        expectField(await reportOf(base, folder), file, key, value));
    }
  }
  it("干净的材料包没有错误", { timeout: T }, async () => expectNoFalseError(await reportOf(base, folder), base));
});

describe("窄列表单打印后扫描（200 dpi，倾斜 1.2°）", () => {
  const file = "单位基本情况-扫描.jpg";
  const report = () =>
    (reports.get(file) ??
      reports.set(file, runCheck([path.join(SLICE, "wuhan-vertical-a-lo-narrow", file)], { cacheDir, ocr, callId: "wuhan-vertical-model-2025" })).get(
        file,
      ))!;
  const want: [string, string | number][] = [
    ["applicant.name", "武汉云帆智算科技有限公司"],
    ["applicant.uscc", "91420100MA4KQ7U39D"],
    ["contact.phone", "027-87651234"],
    ["finance.revenue.2024", 7318.62],
    ["staff.total", 203],
  ];
  for (const [key, value] of want) {
    it(`扫描页：${key}`, { timeout: T }, async () => expectField(await report(), file, key, value));
  }
});
