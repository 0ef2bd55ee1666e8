import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingest } from "../../src/ingest/ingest.js";
import { createOcrService, type OcrService } from "../../src/ingest/ocr.js";
import type { Package } from "../../src/model.js";

const fixtures = path.resolve(import.meta.dirname, "../../fixtures");
const at = (...p: string[]) => path.join(fixtures, ...p);

let ocr: OcrService;
let cacheDir: string;
beforeAll(async () => {
  cacheDir = await mkdtemp(path.join(os.tmpdir(), "shenbao-test-ocr-"));
  ocr = createOcrService({ cacheDir });
});
afterAll(async () => {
  await ocr.close();
  await rm(cacheDir, { recursive: true, force: true });
});

const findingsFor = (pkg: Package, file: string) => pkg.findings.filter((f) => f.message.includes(`「${file}」`));

describe("a package with bad files: every bad file becomes one clear finding, the rest is read", () => {
  let pkg: Package;
  beforeAll(async () => {
    pkg = await ingest([at("bad"), at("zip/windows-gbk.zip"), at("pdf/encrypted.pdf"), at("pdf/truncated.pdf")], {
      ocr,
      cacheDir,
      convertLegacy: false,
    });
  });

  it.each([
    ["bad/空文件.pdf", "ingest/empty", /文件为空/],
    ["bad/5000万像素.png", "ingest/too-large", /像素/],
    ["bad/损坏的营业执照.jpg", "ingest/corrupt", /图片/],
    ["bad/营业执照.png", "ingest/unsupported", /纯文本/],
    ["bad/电子发票.ofd", "ingest/legacy-format", /请另存为 \.docx 或 PDF/],
    ["bad/材料.rar", "ingest/unsupported", /zip/],
    ["encrypted.pdf", "ingest/encrypted", /请提供未加密版本/],
  ])("%s → %s", (file, ruleId, advice) => {
    const found = findingsFor(pkg, file);
    expect(found.map((f) => f.ruleId)).toEqual([ruleId]);
    expect(found[0]!.severity).toBe("error");
    expect(found[0]!.category).toBe("ingest");
    expect(found[0]!.message).toMatch(advice);
    expect(pkg.files.find((f) => f.path === file)?.status).toBe("error");
  });

  it("reads a PDF renamed .docx as a PDF and says the extension is wrong", () => {
    const file = pkg.files.find((f) => f.path === "bad/改了扩展名的申报书.docx")!;
    expect(file.kind).toBe("pdf");
    expect(file.pages[0]!.lines.map((l) => l.text)).toContain("Renamed PDF - content is a PDF, extension says docx");
    expect(findingsFor(pkg, "bad/改了扩展名的申报书.docx").map((f) => [f.ruleId, f.severity])).toEqual([
      ["ingest/extension-mismatch", "info"],
    ]);
  });

  it("reads the truncated PDF as far as it goes or reports it as corrupt, never both silent", () => {
    const file = pkg.files.find((f) => f.path === "truncated.pdf")!;
    const found = findingsFor(pkg, "truncated.pdf");
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((f) => f.ruleId === "ingest/corrupt")).toBe(true);
    if (file.status === "error") expect(file.pages).toEqual([]);
  });

  it("still reads every good file of the package, including those inside the GBK zip", () => {
    const ok = pkg.files.filter((f) => f.status === "ok").map((f) => f.path);
    expect(ok).toEqual(
      expect.arrayContaining([
        "windows-gbk.zip/申报材料/武汉市垂直行业模型项目申报书.docx",
        "windows-gbk.zip/申报材料/附件材料.zip/附件/承诺书.docx",
        "windows-gbk.zip/申报材料/附件材料.zip/附件/应用证明.pdf",
      ]),
    );
    const form = pkg.files.find((f) => f.path.endsWith("武汉市垂直行业模型项目申报书.docx"))!;
    expect(form.pages[0]!.lines.map((l) => l.text)).toContain("申报单位：武汉云帆智算科技有限公司");
    expect(form.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("legacy Word files", () => {
  it("a .doc without LibreOffice conversion is one clear finding telling the applicant to resave", async () => {
    const pkg = await ingest([at("docx/wuhan-form.doc"), at("bad/改了扩展名的申报书.docx")], {
      ocr,
      cacheDir,
      convertLegacy: false,
    });
    const found = findingsFor(pkg, "wuhan-form.doc");
    expect(found.map((f) => [f.ruleId, f.severity])).toEqual([["ingest/legacy-format", "error"]]);
    expect(found[0]!.message).toMatch(/旧版Word文档（\.doc）.*请另存为 \.docx 或 PDF/);
    expect(pkg.files.find((f) => f.path === "改了扩展名的申报书.docx")?.status).toBe("ok");
  });
});

describe("limits", () => {
  it("a file that takes longer than the per-file limit becomes a timeout finding; the others are read", async () => {
    // A cold OCR service must start a worker and load 20 MB of language data before it reads the two TIFF
    // pages: far beyond one second. The renamed PDF is a one-line text page (pdf.js already loaded above).
    const cold = createOcrService({ cacheDir: false });
    const pkg = await ingest([at("ocr/license-2pages.tif"), at("bad/改了扩展名的申报书.docx")], {
      ocr: cold,
      cacheDir: false,
      limits: { fileTimeoutMs: 1000 },
    }).finally(() => cold.close());
    expect(findingsFor(pkg, "license-2pages.tif").map((f) => f.ruleId)).toEqual(["ingest/timeout"]);
    expect(pkg.files.find((f) => f.path === "改了扩展名的申报书.docx")?.status).toBe("ok");
  });

  it("a path that does not exist is a finding, not a crash", async () => {
    const pkg = await ingest([at("does-not-exist.pdf")], { ocr, cacheDir });
    expect(pkg.files).toEqual([]);
    expect(pkg.findings.map((f) => f.ruleId)).toEqual(["ingest/unsupported"]);
    expect(pkg.findings[0]!.message).toContain("路径不存在");
  });
});

describe("cache", () => {
  it("re-ingesting an unchanged package does no OCR and gives the same pages", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "shenbao-test-cache-"));
    try {
      const inputs = [at("pdf/mixed.pdf"), at("ocr/license-clean.png")];
      const first = await ingest(inputs, { cacheDir: dir });
      const second = await ingest(inputs, { cacheDir: dir });
      expect(first.stats.ocr_pages).toBeGreaterThanOrEqual(3);
      expect(first.stats.ocr_cached).toBe(0);
      expect(second.stats.ocr_cached).toBe(second.stats.ocr_pages);
      expect(second.stats.ocr_pages).toBe(first.stats.ocr_pages);
      const text = (p: Package) => p.files.map((f) => f.pages.map((pg) => pg.lines.map((l) => l.text)));
      expect(text(second)).toEqual(text(first));
      expect(second.files.find((f) => f.path === "license-clean.png")!.pages[0]!.ocr?.cached).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
