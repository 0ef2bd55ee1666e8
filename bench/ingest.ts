/**
 * npm run bench:ingest — speed, OCR accuracy and memory of ingest, side by side with poppler's pdftotext
 * and the native tesseract CLI (same traineddata) in the same run. Writes bench/results/ingest.json.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { DEFAULT_LIMITS } from "../src/ingest/context.js";
import { createOcrService } from "../src/ingest/ocr.js";
import { readPdf } from "../src/ingest/pdf.js";
import { characterErrorRate } from "./_internal/cer.js";
import { buildLicenceScans, buildMixedPackage, buildTextPdf, ROOT } from "./_internal/corpus.js";
import { hasCommand, measure, median } from "./_internal/measure.js";

const WORK = path.join(ROOT, "bench/work");
const RESULTS = path.join(ROOT, "bench/results/ingest.json");
const RUNS = 3;

async function textPdfRate() {
  const file = await buildTextPdf(path.join(WORK, "text-200.pdf"), 200);
  const buf = await readFile(file);
  const ocr = createOcrService({ cacheDir: false });
  const ctx = { fileName: "text-200.pdf", ocr, limits: DEFAULT_LIMITS };
  await readPdf(buf, ctx); // warm-up: module load, font data
  const ours: number[] = [];
  let pages = 0;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    pages = (await readPdf(buf, ctx)).pages.length;
    ours.push(performance.now() - t);
  }
  await ocr.close();
  const reference: number[] = [];
  if (hasCommand("pdftotext")) {
    for (let i = 0; i < RUNS; i++) reference.push((await measure("pdftotext", ["-layout", file, "/dev/null"])).ms);
  }
  const rate = (ms: number) => pages / (ms / 1000);
  const shenbao = rate(median(ours));
  const pdftotext = reference.length ? rate(median(reference)) : null;
  return { pages, shenbaoPagesPerS: shenbao, pdftotextPagesPerS: pdftotext, ratio: pdftotext ? shenbao / pdftotext : null, target: ">= 0.5" };
}

/** The npm package's traineddata, unpacked for the native CLI so both sides use the same model. */
async function tessdataDir(): Promise<string> {
  const dir = path.join(WORK, "tessdata");
  const target = path.join(dir, "chi_sim.traineddata");
  if (!existsSync(target)) {
    await mkdir(dir, { recursive: true });
    const pkgDir = path.dirname(createRequire(import.meta.url).resolve("@tesseract.js-data/chi_sim/package.json"));
    await writeFile(target, gunzipSync(await readFile(path.join(pkgDir, "4.0.0/chi_sim.traineddata.gz"))));
  }
  return dir;
}

async function ocrSpeedAndAccuracy() {
  const scans = await buildLicenceScans(path.join(WORK, "scans"));
  const jobs = [...scans, ...scans]; // two rounds: enough pages to keep both workers busy
  const concurrency = os.availableParallelism();
  const ocr = createOcrService({ cacheDir: false, concurrency });
  await ocr.recognize({ image: await readFile(scans[0]!.image) }); // worker start-up is not per-page cost
  const t = performance.now();
  const ours = await Promise.all(jobs.map(async (j) => ocr.recognize({ image: await readFile(j.image), dpi: 300 })));
  const shenbaoSPerPage = (performance.now() - t) / 1000 / jobs.length;
  await ocr.close();

  let tesseract: { sPerPage: number; texts: string[] } | null = null;
  if (hasCommand("tesseract")) {
    const dir = await tessdataDir();
    const env = { ...process.env, OMP_THREAD_LIMIT: "1" };
    const run = (image: string) => measure("tesseract", [image, "stdout", "-l", "chi_sim", "--tessdata-dir", dir, "--psm", "3"], env);
    const t2 = performance.now();
    const texts: string[] = new Array(jobs.length);
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < jobs.length) {
          const i = next++;
          texts[i] = (await run(jobs[i]!.image)).stdout;
        }
      }),
    );
    tesseract = { sPerPage: (performance.now() - t2) / 1000 / jobs.length, texts };
  }
  const cer = (quality: string, texts: string[]) => {
    const values = jobs.flatMap((j, i) => (j.quality === quality ? [characterErrorRate(j.truth, texts[i]!)] : []));
    return values.reduce((a, b) => a + b, 0) / values.length;
  };
  const ourTexts = ours.map((r) => r.lines.map((l) => l.text).join("\n"));
  return {
    pages: jobs.length,
    concurrency,
    shenbaoSPerPage,
    tesseractSPerPage: tesseract?.sPerPage ?? null,
    ratio: tesseract ? shenbaoSPerPage / tesseract.sPerPage : null,
    target: "<= 1.5",
    cer: {
      shenbao: { clean: cer("clean", ourTexts), degraded: cer("degraded", ourTexts) },
      tesseract: tesseract ? { clean: cer("clean", tesseract.texts), degraded: cer("degraded", tesseract.texts) } : null,
      target: { clean: "<= 0.03", degraded: "<= 0.08" },
    },
  };
}

async function packageMemoryAndCache() {
  const dir = await buildMixedPackage(path.join(WORK, "package-300"), 250, 50);
  const cacheDir = await mkdtemp(path.join(os.tmpdir(), "shenbao-bench-cache-"));
  const child = ["--import", "tsx", path.join(ROOT, "bench/_internal/ingest-child.ts"), cacheDir, dir];
  try {
    const cold = await measure(process.execPath, child);
    const warm = await measure(process.execPath, child);
    const coldRun = JSON.parse(cold.stdout) as { pages: number; ocrPages: number; ocrCached: number };
    const warmRun = JSON.parse(warm.stdout) as { ocrPages: number; ocrCached: number };
    let reference = null;
    if (hasCommand("pdftotext")) {
      const r = await measure("pdftotext", [path.join(dir, "申报书-正文.pdf"), "/dev/null"]);
      reference = { tool: "pdftotext (text pages only)", ms: r.ms, maxRssMiB: r.maxRssKiB ? r.maxRssKiB / 1024 : null };
    }
    return {
      pages: coldRun.pages,
      scannedPages: coldRun.ocrPages,
      cold: { ms: cold.ms, maxRssMiB: cold.maxRssKiB ? cold.maxRssKiB / 1024 : null },
      warm: { ms: warm.ms, maxRssMiB: warm.maxRssKiB ? warm.maxRssKiB / 1024 : null, ocrCached: warmRun.ocrCached },
      warmOverCold: warm.ms / cold.ms,
      reference,
      target: { maxRssMiB: "< 1536", warmOverCold: "< 0.10" },
    };
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
  }
}

function machine() {
  // pdftotext prints its version on stderr, tesseract on stdout.
  const tool = (cmd: string, args: string[]) => {
    const r = spawnSync(cmd, args, { encoding: "utf8" });
    return r.error ? null : `${r.stdout}${r.stderr}`.split("\n")[0]!.trim() || null;
  };
  return {
    node: process.version,
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? null,
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    pdftotext: tool("pdftotext", ["-v"]) ?? "未安装（apt-get install -y poppler-utils）",
    tesseract: tool("tesseract", ["--version"]) ?? "未安装（apt-get install -y tesseract-ocr）",
  };
}

const fmt = (n: number | null | undefined, digits = 2) => (n === null || n === undefined ? "—" : n.toFixed(digits));

await mkdir(WORK, { recursive: true });
const results = {
  date: new Date().toISOString(),
  machine: machine(),
  textPdf: await textPdfRate(),
  ocr: await ocrSpeedAndAccuracy(),
  package: await packageMemoryAndCache(),
};
await mkdir(path.dirname(RESULTS), { recursive: true });
await writeFile(RESULTS, JSON.stringify(results, null, 2) + "\n");

const { textPdf, ocr, package: pkg } = results;
console.table([
  { 项目: `文字层PDF ${textPdf.pages}页（页/秒）`, shenbao: fmt(textPdf.shenbaoPagesPerS, 1), 参照: fmt(textPdf.pdftotextPagesPerS, 1), 比值: fmt(textPdf.ratio), 目标: textPdf.target },
  { 项目: `OCR A4 300dpi（秒/页，${ocr.concurrency}并发）`, shenbao: fmt(ocr.shenbaoSPerPage), 参照: fmt(ocr.tesseractSPerPage), 比值: fmt(ocr.ratio), 目标: ocr.target },
  { 项目: "OCR 字符错误率（清晰）", shenbao: fmt(ocr.cer.shenbao.clean, 4), 参照: fmt(ocr.cer.tesseract?.clean, 4), 比值: "", 目标: ocr.cer.target.clean },
  { 项目: "OCR 字符错误率（退化）", shenbao: fmt(ocr.cer.shenbao.degraded, 4), 参照: fmt(ocr.cer.tesseract?.degraded, 4), 比值: "", 目标: ocr.cer.target.degraded },
  { 项目: `${pkg.pages}页材料包（含${pkg.scannedPages}页扫描）峰值内存 MiB`, shenbao: fmt(pkg.cold.maxRssMiB, 0), 参照: fmt(pkg.reference?.maxRssMiB, 0), 比值: "", 目标: pkg.target.maxRssMiB },
  { 项目: "同一材料包第二次读取（缓存）耗时占比", shenbao: fmt(pkg.warmOverCold, 3), 参照: "", 比值: "", 目标: pkg.target.warmOverCold },
]);
console.log(`结果已写入 ${path.relative(process.cwd(), RESULTS)}`);
