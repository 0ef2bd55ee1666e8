import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import sharp, { type OutputInfo } from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { extract } from "../../src/extract/extract.js";
import { ingest } from "../../src/ingest/ingest.js";
import type { Box, Evidence, Finding, Package } from "../../src/model.js";
import { runBatch } from "../../src/batch.js";
import { buildReport } from "../../src/pipeline.js";
import { formatHtml } from "../../src/report/html.js";
import type { Report } from "../../src/report/schema.js";
import { sourcesFromMap, sourcesFromPaths } from "../../src/report/sources.js";
import { findingsInDisplayOrder, renderThumbnails, thumbnailKey, type Thumbnail } from "../../src/report/thumbnails.js";
import { HIGHLIGHT_RGB, thumbLayout } from "../../src/report/_internal/thumb-render.js";
import { pageGeometriesOf } from "../../src/report/page-geometry.js";
import { FIXTURES, loadFixture } from "../checks/_support.js";
import { sharedCacheDir } from "../_support/cache.js";

const ROOT = path.resolve(import.meta.dirname, "../../fixtures");
const BIN = path.resolve(import.meta.dirname, "../../bin/shenbao.js");

let hunan: { pkg: Package; report: Report };
let wuhan: { pkg: Package; report: Report };

beforeAll(async () => {
  const load = async (name: "hunan-ai-model-b" | "wuhan-vertical-a") => {
    const { pkg, extraction } = await loadFixture(name);
    return { pkg, report: buildReport(pkg, extraction) };
  };
  [hunan, wuhan] = await Promise.all([load("hunan-ai-model-b"), load("wuhan-vertical-a")]);
});

/** A report of one file outside the sample packages, read through the real pipeline. */
async function reportOf(file: string, password?: string): Promise<{ pkg: Package; report: Report }> {
  const pkg = await ingest([file], { cacheDir: sharedCacheDir(), ...(password ? { password } : {}) });
  return { pkg, report: buildReport(pkg, extract(pkg)) };
}

const finding = (evidence: Evidence[]): Finding => ({
  ruleId: "test/place",
  severity: "error",
  category: "format",
  message: "测试用问题",
  evidence,
});

const withFindings = (report: Report, findings: Finding[]): Report => ({ ...report, findings });

/** Every inline image of the HTML, decoded. */
async function imagesIn(html: string) {
  const out = [];
  for (const m of html.matchAll(
    /<img src="data:image\/jpeg;base64,([^"]+)" width="(\d+)" height="(\d+)" alt="([^"]*)">/g,
  )) {
    const bytes = Buffer.from(m[1]!, "base64");
    const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
    out.push({ alt: m[4]!, data, info });
  }
  return out;
}

/** Share of the pixels along the frame's top edge that have the highlight colour. */
function frameShare(img: { data: Buffer; info: OutputInfo }, pageW: number, pageH: number, box: Box, k: number) {
  const layout = thumbLayout(pageW, pageH, box, k);
  expect([img.info.width, img.info.height]).toEqual([layout.width, layout.height]);
  const h = layout.highlight!;
  const y = Math.round(h.y + 2);
  let hits = 0;
  let total = 0;
  for (let x = Math.ceil(h.x + 6); x < h.x + h.w - 6; x++) {
    const i = (y * img.info.width + x) * img.info.channels;
    total++;
    if (isHighlight(img.data[i]!, img.data[i + 1]!, img.data[i + 2]!)) hits++;
  }
  return hits / total;
}

const [HR, HG, HB] = HIGHLIGHT_RGB;
const isHighlight = (r: number, g: number, b: number) =>
  Math.abs(r - HR) < 50 && Math.abs(g - HG) < 60 && Math.abs(b - HB) < 60;

function highlightPixels(img: { data: Buffer; info: OutputInfo }): number {
  let n = 0;
  for (let i = 0; i < img.data.length; i += img.info.channels) {
    if (isHighlight(img.data[i]!, img.data[i + 1]!, img.data[i + 2]!)) n++;
  }
  return n;
}

async function decoded(t: Thumbnail) {
  return sharp(Buffer.from(t.src.split(",")[1]!, "base64")).raw().toBuffer({ resolveWithObject: true });
}

/** The widest share of one pixel row that is dark: a table rule crossing the crop shows as a row near 1. */
function ruleShare(img: { data: Buffer; info: OutputInfo }): number {
  const { width, height, channels } = img.info;
  let best = 0;
  for (let y = 0; y < height; y++) {
    let dark = 0;
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * channels;
      if (img.data[i]! < 160 && img.data[i + 1]! < 160 && img.data[i + 2]! < 160) dark++;
    }
    best = Math.max(best, dark / width);
  }
  return best;
}

describe("page thumbnails in the HTML report", () => {
  it("a finding on a PDF page gets a crop of the page around its box, framed in the highlight colour", async () => {
    const { pkg, report } = hunan;
    const target = report.findings.flatMap((f) => f.evidence).find((e) => e.page === 2 && e.box)!;
    expect(target).toBeDefined();
    const thumbnails = await renderThumbnails(report, sourcesFromPaths([path.join(FIXTURES, "hunan-ai-model-b")]));
    const html = formatHtml(report, { thumbnails });
    const images = await imagesIn(html);
    expect(images.length).toBe(thumbnails.images.size);
    const img = images.find((i) => i.alt.includes("第2页"))!;
    expect(img.info.width).toBeGreaterThanOrEqual(300);
    expect(img.info.width).toBeLessThanOrEqual(600);
    expect(img.info.height).toBeGreaterThanOrEqual(60);
    expect(img.info.height).toBeLessThan(img.info.width);
    const page = pkg.files[0]!.pages[1]!;
    expect(frameShare(img, page.width, page.height, target.box!, 2.5)).toBeGreaterThan(0.8);
    // The page itself is rendered (dark text on white), not just the frame.
    const dark = [...Array(img.data.length / 3).keys()].filter(
      (p) => img.data[p * 3]! < 80 && img.data[p * 3 + 1]! < 80,
    );
    expect(dark.length).toBeGreaterThan(200);
  });

  it("an image file's finding gets an upright crop of the scan with the frame", async () => {
    const { pkg, report } = wuhan;
    const license = pkg.files.find((f) => f.kind === "image")!;
    const uscc = report.fields.find((f) => f.key === "applicant.uscc" && f.evidence[0]!.file === license.path);
    const ev = uscc?.evidence[0] ?? { file: license.path, page: 1, quote: "", box: license.pages[0]!.lines[3]!.box };
    const thumbnails = await renderThumbnails(
      withFindings(report, [finding([ev])]),
      sourcesFromPaths([path.join(FIXTURES, "wuhan-vertical-a")]),
    );
    const t = thumbnails.get(ev)!;
    expect(t).toMatchObject({ highlighted: true });
    const html = formatHtml(withFindings(report, [finding([ev])]), { thumbnails });
    const [img] = await imagesIn(html);
    expect(img!.info.width).toBeLessThanOrEqual(600);
    expect(img!.info.width).toBeGreaterThan(img!.info.height);
    const page = license.pages[0]!;
    expect(frameShare(img!, page.width, page.height, ev.box!, 1)).toBeGreaterThan(0.8);
  });

  it("a crooked scan's crop is turned straight like OCR read it, so the frame sits on its text", async () => {
    const cases = [
      { file: path.join(ROOT, "form-scans/hunan-ai-model-b-p4-skew-2.jpg"), label: "注册地址", skew: -2 },
      { file: path.join(ROOT, "fields/audit-report-scan.pdf"), label: "资产总计", skew: 0.7 },
    ];
    for (const c of cases) {
      const { pkg, report } = await reportOf(c.file);
      const page = pkg.files[0]!.pages.find((p) => p.lines.some((l) => l.text.startsWith(c.label)))!;
      expect(page.ocr?.skew).toBeCloseTo(c.skew, 0);
      const line = page.lines.find((l) => l.text.startsWith(c.label))!;
      const ev = { file: pkg.files[0]!.path, page: page.index, quote: line.text, box: line.box! };
      const shown = withFindings(report, [finding([ev])]);
      const sources = sourcesFromPaths([c.file]);
      const straight = await renderThumbnails(shown, sources, { geometry: pageGeometriesOf(pkg) });
      // The same crop without the turn, as thumbnails were cut before: the table's rules run crooked.
      const unturned = new Map([...pageGeometriesOf(pkg)].map(([k, g]) => [k, { ...g, skew: 0, skewedImages: [] }]));
      const crooked = await renderThumbnails(shown, sources, { geometry: unturned });
      expect(ruleShare(await decoded(straight.get(ev)!))).toBeGreaterThan(0.6);
      expect(ruleShare(await decoded(crooked.get(ev)!))).toBeLessThan(0.5);
      expect(frameShare(await decoded(straight.get(ev)!), page.width, page.height, ev.box, pkg.files[0]!.kind === "pdf" ? 2.5 : 1)).toBeGreaterThan(0.8);
    }
  }, 120_000);

  it("a DOCX-only finding gets no thumbnail; a place without a box gets a whole-page overview", async () => {
    const { pkg, report } = wuhan;
    const docx = pkg.files.find((f) => f.kind === "docx")!;
    const pdf = pkg.files.find((f) => f.kind === "pdf")!;
    const docxOnly = finding([{ file: docx.path, page: 2, quote: "单位名称" }]);
    const wholePage = finding([{ file: pdf.path, page: 2, quote: "" }]);
    const r = withFindings(report, [docxOnly, wholePage]);
    const thumbnails = await renderThumbnails(r, sourcesFromPaths([path.join(FIXTURES, "wuhan-vertical-a")]));
    expect(thumbnails.get(docxOnly.evidence[0]!)).toBeUndefined();
    const overview = thumbnails.get(wholePage.evidence[0]!)!;
    expect(overview.highlighted).toBe(false);
    expect(overview.width).toBeLessThanOrEqual(360);
    expect(overview.height / overview.width).toBeCloseTo(pdf.pages[1]!.height / pdf.pages[1]!.width, 1);
    const html = formatHtml(r, { thumbnails });
    const docxItem = html.slice(html.indexOf(`「${docx.path}」第2页`) - 300, html.indexOf(`「${pdf.path}」第2页`));
    expect(docxItem).not.toContain("<img");
    const [img] = await imagesIn(html);
    expect(highlightPixels(img!)).toBe(0);
  });

  it("a PDF inside a nested zip with GBK names is found and rendered", async () => {
    const zip = path.join(ROOT, "zip/windows-gbk.zip");
    const { pkg, report } = await reportOf(zip);
    const pdf = pkg.files.find((f) => f.kind === "pdf")!;
    expect(pdf.path).toBe("windows-gbk.zip/申报材料/附件材料.zip/附件/应用证明.pdf");
    const ev = { file: pdf.path, page: 1, quote: pdf.pages[0]!.lines[0]!.text, box: pdf.pages[0]!.lines[0]!.box! };
    const thumbnails = await renderThumbnails(withFindings(report, [finding([ev])]), sourcesFromPaths([zip]));
    expect(thumbnails.get(ev)?.highlighted).toBe(true);
  });

  it("an encrypted PDF is rendered with the check's password and skipped without it", async () => {
    const file = path.join(ROOT, "pdf/encrypted.pdf");
    const { pkg, report } = await reportOf(file, "user");
    const line = pkg.files[0]!.pages[0]!.lines[0]!;
    const r = withFindings(report, [
      finding([{ file: pkg.files[0]!.path, page: 1, quote: line.text, box: line.box! }]),
    ]);
    expect((await renderThumbnails(r, sourcesFromPaths([file]))).images.size).toBe(0);
    expect((await renderThumbnails(r, sourcesFromPaths([file]), { password: "user" })).images.size).toBe(1);
  });

  it("corrupt, damaged, changed or missing sources give no thumbnail and no exception", async () => {
    const damaged = path.join(ROOT, "pdf/damaged-page.pdf");
    const d = await reportOf(damaged);
    const line = d.pkg.files[0]!.pages[0]!.lines[0]!;
    const file = d.pkg.files[0]!.path;
    const good = { file, page: 1, quote: line.text, box: line.box! };
    const broken = { file, page: 2, quote: "" };
    const absent = { file, page: 99, quote: "" };
    const r = withFindings(d.report, [finding([good, broken, absent])]);
    const t = await renderThumbnails(r, sourcesFromPaths([damaged]));
    expect([t.get(good) !== undefined, t.get(broken), t.get(absent)]).toEqual([true, undefined, undefined]);

    // An image that no longer decodes (ingest reported it; a report may still point at it).
    const jpg = path.join(ROOT, "bad/损坏的营业执照.jpg");
    const bad = await reportOf(jpg);
    const badFile = bad.report.package.files[0]!;
    const badReport: Report = {
      ...withFindings(bad.report, [finding([{ file: badFile.path, page: 1, quote: "" }])]),
      package: { ...bad.report.package, files: [{ ...badFile, kind: "image", pages: 1 }] },
    };
    expect((await renderThumbnails(badReport, sourcesFromPaths([jpg]))).images.size).toBe(0);

    // Files gone, or bytes that are not the ones checked (sha256 differs).
    expect((await renderThumbnails(r, sourcesFromPaths(["/nonexistent/damaged-page.pdf"]))).images.size).toBe(0);
    const other = await readFile(path.join(ROOT, "pdf/word-form.pdf"));
    expect(createHash("sha256").update(other).digest("hex")).not.toBe(d.report.package.files[0]!.sha256);
    expect((await renderThumbnails(r, sourcesFromMap(new Map([[file, other]])))).images.size).toBe(0);
    expect(formatHtml(r, { thumbnails: t })).toContain("<img");
  });

  it("stops at the limit and says so in the report; the HTML stays free of links", async () => {
    const { report } = hunan;
    const thumbnails = await renderThumbnails(report, sourcesFromPaths([path.join(FIXTURES, "hunan-ai-model-b")]), {
      limit: 2,
    });
    const distinct = new Set(report.findings.flatMap((f) => f.evidence).map(thumbnailKey)).size;
    expect(thumbnails.images.size).toBe(2);
    expect(thumbnails.omitted).toBe(distinct - 2);
    const html = formatHtml(report, { thumbnails });
    expect(html).toContain(`页面截图已达上限（每份报告 2 张），其余 ${distinct - 2} 处出处未附截图`);
    // The first two places in reading order (errors first) are the ones drawn.
    const first = findingsInDisplayOrder(report.findings).flatMap((f) => f.evidence);
    expect(first[0]!.page).toBeGreaterThan(0);
    expect(report.findings.find((f) => f.evidence.length > 0)?.severity).toBe("error");
    expect([...thumbnails.images.keys()]).toEqual([...new Set(first.map(thumbnailKey))].slice(0, 2));
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script|<link|src="(?!data:image\/jpeg;base64,)/i);
    const sizes = [...thumbnails.images.values()].map((t: Thumbnail) => t.src.length);
    expect(Math.max(...sizes)).toBeLessThan(80_000);
  });

  it("shenbao check --out and the batch write report.html with the thumbnails; report.json has none", async () => {
    const tmp = await mkdtemp(path.join(os.tmpdir(), "shenbao-thumbs-"));
    const cache = sharedCacheDir();
    try {
      const out = path.join(tmp, "check");
      const pkg = path.join(FIXTURES, "hunan-ai-model-b");
      await promisify(execFile)("node", [BIN, "check", pkg, "--out", out, "--fail-on", "none", ...(cache ? ["--cache", cache] : [])]);
      const html = await readFile(path.join(out, "report.html"), "utf8");
      expect((await imagesIn(html)).length).toBe(
        new Set(hunan.report.findings.flatMap((f) => f.evidence).map(thumbnailKey)).size,
      );
      expect(await readFile(path.join(out, "report.json"), "utf8")).not.toContain("data:image");

      const input = path.join(tmp, "in");
      await cp(pkg, path.join(input, "湘江智语"), { recursive: true });
      await runBatch(input, { out: path.join(tmp, "batch"), ...(cache ? { cacheDir: cache } : {}) });
      const batchHtml = await readFile(path.join(tmp, "batch", "湘江智语", "report.html"), "utf8");
      expect((await imagesIn(batchHtml)).length).toBeGreaterThan(0);
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });
});
