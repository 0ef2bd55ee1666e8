/**
 * `shenbao batch`: every sub-folder or .zip directly inside the input (a folder or a .zip) is one package.
 * Each is checked with runCheck and gets report.json / report.md / report.html (with page thumbnails rendered from
 * the package's files) under `<out>/<package>/`;
 * `<out>/batch.json`, `<out>/index.html` and `<out>/汇总表.xlsx` cover the whole batch.
 *
 * Resumable: a package whose content hash (files' names, sizes and sha256, no OCR needed), shenbao version and
 * LLM setting match the previous batch.json is not checked again. One failing package becomes an error entry; an abort
 * (SIGINT) lets the packages under way finish and still writes the batch files.
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import PQueue from "p-queue";
import { contentHash, listPackages, openInput, type PackageSource } from "./batch-input.js";
import { packFor } from "./checks/calls/index.js";
import type { IngestOptions } from "./ingest/ingest.js";
import { createOcrService } from "./ingest/ocr.js";
import { runCheck, type CheckOptions } from "./pipeline.js";
import { batchFindings } from "./checks/batch.js";
import { formatBatchIndex, type BatchEntry, type BatchResult } from "./report/batch-index.js";
import { formatHtml } from "./report/html.js";
import { formatJson } from "./report/json.js";
import { formatMarkdown } from "./report/markdown.js";
import { ReportSchema, type Report } from "./report/schema.js";
import { sourcesFromPaths } from "./report/sources.js";
import { renderThumbnails } from "./report/thumbnails.js";
import { writeSummaryWorkbook } from "./report/xlsx.js";
import { VERSION } from "./version.js";

export type { BatchEntry, BatchResult } from "./report/batch-index.js";
export { BatchInputError, contentHash, listPackages, type PackageSource } from "./batch-input.js";

export interface BatchOptions {
  /** Output folder. */
  out: string;
  callId?: string;
  /** Packages checked at the same time (default 1: OCR already uses every core). */
  concurrency?: number;
  cacheDir?: string | false;
  password?: string;
  /** The LLM stage for every package (runCheck's `llm`); absent: skipped. */
  llm?: CheckOptions["llm"];
  /** Stops starting new packages; those under way finish and are written. */
  signal?: AbortSignal;
  onProgress?: (progress: BatchProgress) => void;
  /** The check to run per package (tests inject failures); default runCheck. */
  check?: typeof runCheck;
}

export interface BatchProgress {
  done: number;
  total: number;
  entry: BatchEntry;
  /** Packages checked per minute and the estimated ms left (resumed packages excluded), once known. */
  perMinute?: number;
  etaMs?: number;
}

export const BATCH_FILE = "batch.json";
export const SUMMARY_XLSX = "汇总表.xlsx";

export async function runBatch(input: string, options: BatchOptions): Promise<BatchResult> {
  const startedAt = new Date().toISOString();
  const { dir, temp } = await openInput(input);
  const ocr = createOcrService({
    cacheDir: typeof options.cacheDir === "string" ? path.join(options.cacheDir, "ocr") : options.cacheDir,
  });
  try {
    // An output folder inside the input is not a package.
    const sources = (await listPackages(dir)).filter((p) => path.resolve(p.path) !== path.resolve(options.out));
    const previous = await readPrevious(options.out);
    const entries: BatchEntry[] = [];
    // A report made with another LLM setting (or none) is not the one asked for now.
    const llmKey = options.llm && !("reason" in options.llm) ? `llm:${options.llm.model}` : "off";
    const reports = new Map<string, Report>();
    const todo: Array<{ source: PackageSource; hash: string }> = [];
    const total = sources.length;
    const checkStarted = performance.now();
    let checked = 0;
    const progress = (entry: BatchEntry, done = entries.length) => {
      const elapsed = performance.now() - checkStarted;
      const perMs = checked > 0 ? checked / elapsed : 0;
      const left = total - done;
      options.onProgress?.({
        done,
        total,
        entry,
        ...(perMs > 0 ? { perMinute: perMs * 60_000, etaMs: left / perMs } : {}),
      });
    };
    for (const source of sources) {
      const hash = await contentHash(source.path);
      const old = previous.get(source.name);
      const report =
        old && old.hash === hash && old.version === VERSION && old.llm === llmKey && !old.error
          ? await readReport(options.out, old)
          : null;
      if (old && report) {
        entries.push({ ...old, status: "resumed" });
        reports.set(source.name, report);
        progress(entries.at(-1)!);
      } else todo.push({ source, hash });
    }

    const order = new Map(sources.map((s, i) => [s.name, i]));
    const finished = (running: boolean): BatchResult => {
      const packages = [...entries].sort((a, b) => order.get(a.name)! - order.get(b.name)!);
      return {
        tool: { name: "shenbao", version: VERSION },
        input: path.resolve(input),
        ...(options.callId ? { callId: options.callId } : {}),
        startedAt,
        finishedAt: new Date().toISOString(),
        interrupted: running || packages.length < sources.length,
        packages,
        findings: batchFindings(
          packages.flatMap((e) => (reports.has(e.name) ? [{ entry: e, report: reports.get(e.name)! }] : [])),
        ),
      };
    };
    let saved: Promise<unknown> = mkdir(options.out, { recursive: true });
    // Chained: packages finishing together must not write batch.json over each other.
    const saveBatch = async (result: BatchResult) => {
      saved = saved.then(() => writeFile(path.join(options.out, BATCH_FILE), JSON.stringify(result, null, 2) + "\n"));
      await saved;
      return result;
    };

    const queue = new PQueue({ concurrency: options.concurrency ?? 1 });
    options.signal?.addEventListener("abort", () => queue.clear(), { once: true });
    const check = options.check ?? runCheck;
    const checkOptions: CheckOptions & Pick<IngestOptions, "ocr"> = {
      ...(options.callId ? { callId: options.callId } : {}),
      ...(options.password ? { password: options.password } : {}),
      ...(options.llm ? { llm: options.llm } : {}),
      ...(options.cacheDir !== undefined ? { cacheDir: options.cacheDir } : {}),
      // runCheck hands its options on to ingest, which then uses this one OCR pool instead of starting its own.
      ocr,
    };
    const run = async ({ source, hash }: { source: PackageSource; hash: string }) => {
      if (options.signal?.aborted) return;
      const started = performance.now();
      let entry: BatchEntry;
      try {
        const report = await check([source.path], { ...checkOptions, name: source.name });
        await writeReports(options.out, source.name, report, [source.path], options.password);
        reports.set(source.name, report);
        entry = { ...entryFor(source, hash, report, performance.now() - started), llm: llmKey };
      } catch (cause) {
        entry = {
          name: source.name,
          source: source.path,
          hash,
          version: VERSION,
          llm: llmKey,
          status: "failed",
          error: cause instanceof Error ? cause.message : String(cause),
          ms: Math.round(performance.now() - started),
        };
      }
      checked++;
      const done = entries.push(entry);
      // Saved after every package, so a crash or kill still leaves the finished ones resumable.
      await saveBatch(finished(true));
      progress(entry, done);
    };
    // Not awaiting add(): the promises of tasks dropped by clear() never settle. run() only throws when the
    // output cannot be written, which stops the batch.
    let fatal: unknown;
    for (const item of todo) {
      queue
        .add(() => run(item))
        .catch((error: unknown) => {
          fatal ??= error;
          queue.clear();
        });
    }
    await queue.onIdle();
    if (fatal !== undefined) throw fatal;

    const result = await saveBatch(finished(false));
    await writeFile(path.join(options.out, "index.html"), formatBatchIndex(result));
    const ordered = result.packages.flatMap((e) => (reports.has(e.name) ? [reports.get(e.name)!] : []));
    if (!(await writeSummaryWorkbook(ordered, path.join(options.out, SUMMARY_XLSX)))) {
      await rm(path.join(options.out, SUMMARY_XLSX), { force: true });
    }
    return result;
  } finally {
    await ocr.close();
    await temp?.cleanup();
  }
}

function entryFor(source: PackageSource, hash: string, report: Report, ms: number): BatchEntry {
  return {
    name: source.name,
    source: source.path,
    hash,
    version: VERSION,
    status: "checked",
    callId: report.call?.id ?? null,
    packVersion: packFor(report.call?.id)?.version ?? null,
    verdict: report.summary.verdict,
    errors: report.summary.errors,
    warnings: report.summary.warnings,
    infos: report.summary.infos,
    ms: Math.round(ms),
  };
}

async function writeReports(
  out: string,
  name: string,
  report: Report,
  inputs: readonly string[],
  password: string | undefined,
): Promise<void> {
  const dir = path.join(out, name);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "report.json"), formatJson(report));
  await writeFile(path.join(dir, "report.md"), formatMarkdown(report));
  const thumbnails = await renderThumbnails(report, sourcesFromPaths(inputs), password ? { password } : {});
  await writeFile(path.join(dir, "report.html"), formatHtml(report, { thumbnails }));
}

async function readPrevious(out: string): Promise<Map<string, BatchEntry>> {
  try {
    const old = JSON.parse(await readFile(path.join(out, BATCH_FILE), "utf8")) as BatchResult;
    return new Map(old.packages.map((p) => [p.name, p]));
  } catch {
    return new Map();
  }
}

/** The previous run's report, if it is still there and still valid; else the package is checked again. */
async function readReport(out: string, entry: BatchEntry): Promise<Report | null> {
  try {
    const json: unknown = JSON.parse(await readFile(path.join(out, entry.name, "report.json"), "utf8"));
    return ReportSchema.parse(json);
  } catch {
    return null;
  }
}
