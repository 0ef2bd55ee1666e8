/**
 * Hostile and broken input (issue 16): every file is parsed in a killable reader process, a file that exhausts its
 * limits becomes one finding naming it, and the rest of the package is still read. Real files, generated here.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile, copyFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { PDFDocument, PDFName, StandardFonts } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Package } from "../../src/model.js";
import { createFileReaderPool } from "../../src/ingest/file-worker.js";
import { chineseReason, groupFindings } from "../../src/ingest/findings.js";
import { ingest } from "../../src/ingest/ingest.js";
import { runCheck } from "../../src/pipeline.js";
import { ReportSchema } from "../../src/report/schema.js";

const repo = path.resolve(import.meta.dirname, "../..");
const GOOD_PDF = path.join(repo, "fixtures/pdf/two-column.pdf");
const GOOD_DOCX = path.join(repo, "fixtures/docx/wuhan-form.docx");
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "shenbao-hostile-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const opts = { cacheDir: false as const, limits: { fileBlockedMs: 20_000 } };
const findingsFor = (pkg: Package, name: string) => pkg.findings.filter((f) => f.message.includes(`/${name}」`));
const fileOf = (pkg: Package, name: string) => pkg.files.find((f) => f.path.endsWith(name));

/** A package folder holding `files` (name → bytes or a path to copy). */
async function folder(name: string, files: Record<string, Buffer | string>): Promise<string> {
  const at = path.join(dir, name);
  await mkdir(at, { recursive: true });
  for (const [file, content] of Object.entries(files)) {
    if (typeof content === "string") await copyFile(content, path.join(at, file));
    else await writeFile(path.join(at, file), content);
  }
  return at;
}

/** One text page plus a content stream of `ops`. */
async function pdfWith(ops: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText("Normal line", { x: 50, y: 800, size: 12, font });
  const fonts = page.node.Resources()!.lookup(PDFName.of("Font")) as unknown as { keys(): PDFName[] };
  const fontName = fonts.keys()[0]!.asString();
  const ref = doc.context.register(doc.context.stream(ops.replaceAll("/F1", fontName)));
  page.node.set(PDFName.of("Contents"), doc.context.obj([page.node.get(PDFName.of("Contents"))!, ref]));
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

export async function gridSpanBomb(): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await readFile(GOOD_DOCX));
  const xml = await zip.file("word/document.xml")!.async("string");
  const bombed = xml.replace(/<w:tcPr>/, '<w:tcPr><w:gridSpan w:val="2000000000"/>');
  expect(bombed).not.toBe(xml);
  zip.file("word/document.xml", bombed);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

describe("hostile files become findings, the package goes on", () => {
  it("a <w:gridSpan w:val=2000000000> .docx is read (span clamped) and the other files too", async () => {
    const pkgDir = await folder("gridspan", { "bomb.docx": await gridSpanBomb(), "good.pdf": GOOD_PDF });
    const pkg = await ingest([pkgDir], opts);
    expect(fileOf(pkg, "good.pdf")?.status).toBe("ok");
    const bomb = fileOf(pkg, "bomb.docx")!;
    expect(bomb.status).toBe("ok");
    expect(bomb.pages.length).toBeGreaterThan(0);
    for (const t of bomb.pages.flatMap((p) => p.tables)) expect(t.rows[0]!.length).toBeLessThanOrEqual(256);
  });

  it("a PDF with 100k nested q/Q that blocks its reader becomes one 过于复杂 finding; the rest is read", async () => {
    const nested = await pdfWith("q ".repeat(100_000) + "Q ".repeat(100_000));
    const pkgDir = await folder("nested", { "nested.pdf": nested, "good.pdf": GOOD_PDF });
    const pkg = await ingest([pkgDir], { ...opts, limits: { fileBlockedMs: 5000 } });
    expect(fileOf(pkg, "good.pdf")?.status).toBe("ok");
    const nestedFile = fileOf(pkg, "nested.pdf")!;
    const found = findingsFor(pkg, "nested.pdf");
    expect(nestedFile.status).toBe("error");
    expect(found.map((f) => f.ruleId)).toEqual(["ingest/too-complex"]);
    expect(found[0]!.message).toContain("文件过于复杂或已损坏，无法在限定资源内读取（解析持续占用处理器超过5秒）");
  });

  it("a reader killed for memory is one finding; the pool replaces it and the next file is read", async () => {
    // An RSS limit below any Node process: the first heartbeat over it kills the reader, deterministically.
    const tiny = createFileReaderPool({ size: 1, heapMb: 256, rssMb: 20 });
    try {
      const pkgDir = await folder("memory", { "a.pdf": GOOD_PDF });
      const pkg = await ingest([pkgDir], { ...opts, readers: tiny });
      expect(fileOf(pkg, "a.pdf")?.status).toBe("error");
      const found = findingsFor(pkg, "a.pdf");
      expect(found.map((f) => f.ruleId)).toEqual(["ingest/too-complex"]);
      expect(found[0]!.message).toMatch(/文件过于复杂或已损坏，无法在限定资源内读取（读取时占用内存超过20MB上限）/);
      expect(tiny.stats.killed).toBe(1);
    } finally {
      await tiny.close();
    }
    const again = await ingest([await folder("memory-after", { "a.pdf": GOOD_PDF })], opts);
    expect(fileOf(again, "a.pdf")?.status).toBe("ok");
  });

  it.skipIf(!hasMkfifo())("a FIFO in a folder is a finding, not a hang nor a silent skip", async () => {
    const pkgDir = await folder("fifo", { "good.pdf": GOOD_PDF });
    execFileSync("mkfifo", [path.join(pkgDir, "管道.pdf")]);
    const pkg = await ingest([pkgDir], opts);
    expect(fileOf(pkg, "good.pdf")?.status).toBe("ok");
    expect(findingsFor(pkg, "管道.pdf").map((f) => f.ruleId)).toEqual(["ingest/not-a-file"]);
    // Given directly as input, too (and /dev/zero, a device that never ends).
    const direct = await ingest([path.join(pkgDir, "管道.pdf"), "/dev/zero"], opts);
    expect(direct.findings.filter((f) => f.ruleId === "ingest/not-a-file")).toHaveLength(2);
  });

  it("a PDF whose text matrix overflows to Infinity/NaN: values dropped with a finding, the report renders", async () => {
    const big = "9".repeat(400);
    const nan = await pdfWith(`BT /F1 12 Tf 1 0 0 1 ${big} 700 Tm (Broken line) Tj ET BT /F1 12 Tf ${big} 0 0 ${big} 50 600 Tm (Other) Tj ET`);
    const pkgDir = await folder("nan", { "nan.pdf": nan, "good.docx": GOOD_DOCX });
    const report = await runCheck([pkgDir], opts);
    expect(ReportSchema.safeParse(report).success).toBe(true);
    const files = new Map(report.package.files.map((f) => [f.path.split("/").pop(), f]));
    expect(files.get("nan.pdf")?.pages).toBe(1);
    expect(files.get("good.docx")?.pages).toBeGreaterThan(0);
    expect(report.findings.filter((f) => f.message.includes("「nan/nan.pdf」")).map((f) => f.ruleId)).toContain("ingest/invalid-values");
  });

  it("an empty folder, an empty zip and a zip of empty folders each give one 没有可读取的材料 finding", async () => {
    const empty = path.join(dir, "empty-folder");
    await mkdir(empty, { recursive: true });
    const emptyZip = new JSZip();
    const foldersZip = new JSZip();
    foldersZip.folder("附件/扫描件");
    foldersZip.folder("申报书");
    await writeFile(path.join(dir, "empty.zip"), await emptyZip.generateAsync({ type: "nodebuffer" }));
    await writeFile(path.join(dir, "folders.zip"), await foldersZip.generateAsync({ type: "nodebuffer" }));
    for (const input of [empty, path.join(dir, "empty.zip"), path.join(dir, "folders.zip")]) {
      const pkg = await ingest([input], opts);
      expect(pkg.findings.filter((f) => f.ruleId === "ingest/no-materials"), input).toHaveLength(1);
      expect(pkg.findings.find((f) => f.ruleId === "ingest/no-materials")!.message).toContain("没有可读取的材料");
    }
  });

  it("thousands of files refused for one reason are one grouped finding with the count and first names", async () => {
    const zip = new JSZip();
    for (let i = 0; i < 300; i++) zip.file(`文本${i}.txt`, `第${i}个文本文件`);
    const at = path.join(dir, "texts.zip");
    await writeFile(at, await zip.generateAsync({ type: "nodebuffer" }));
    const pkg = await ingest([at], opts);
    const unsupported = pkg.findings.filter((f) => f.ruleId === "ingest/unsupported");
    expect(unsupported).toHaveLength(1);
    expect(unsupported[0]!.message).toMatch(/^300个文件有同样的问题（「texts\.zip\/文本0\.txt」/);
    expect(unsupported[0]!.actual).toMatchObject({ count: 300 });
    expect(groupFindings(unsupported)).toEqual(unsupported);
  });

  it("engine errors in English become a Chinese reason", () => {
    expect(chineseReason(new RangeError("Maximum call stack size exceeded"))).toBe("文件结构嵌套过深");
    expect(chineseReason(new RangeError("Invalid array length"))).toBe("文件中的数据大小异常");
  });
});

describe("fuzz regressions (fixtures/fuzz-regressions)", () => {
  const root = path.join(repo, "fixtures/fuzz-regressions");
  it.skipIf(!existsSync(root))("every once-failing mutant is read or named in a finding, and the report is valid", async () => {
    const names = (await readdir(root)).filter((n) => !n.endsWith(".md") && !n.endsWith(".json"));
    if (names.length === 0) return;
    const report = await runCheck([root], { ...opts, limits: { fileBlockedMs: 5000, fileTimeoutMs: 30_000 } });
    expect(ReportSchema.safeParse(report).success).toBe(true);
    for (const name of names) {
      const file = report.package.files.find((f) => f.path.endsWith(`/${name}`));
      const named = report.findings.some((f) => f.message.includes(name));
      expect(named || (file !== undefined && file.pages > 0), name).toBe(true);
    }
  });
});

function hasMkfifo(): boolean {
  try {
    execFileSync("mkfifo", ["--version"], { stdio: "ignore" });
    return process.platform !== "win32";
  } catch {
    return false;
  }
}
