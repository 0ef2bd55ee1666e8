/**
 * ingest(paths) → Package. Collects files (folders, zips), reads each with the reader for its kind, and
 * turns every failure into a finding so the rest of the package is still read.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import PQueue from "p-queue";
import { PackageSchema, PageSchema, textSourceOf, type Finding, type Package, type Page, type SourceFile } from "../model.js";
import { collect, naturalCompare, type Member } from "./collect.js";
import { DEFAULT_LIMITS, type IngestLimits, type ReadResult, type ReaderContext } from "./context.js";
import { readDocx } from "./docx.js";
import { IngestError, isIngestError } from "./errors.js";
import { emptyPackageFinding, groupFindings, ingestFinding, ingestNote, unexpectedFinding } from "./findings.js";
import { ReaderUnavailableError, sharedFileReaderPool, type FileReaderPool, type JobHooks } from "./file-worker.js";
import sharp from "sharp";
import { z } from "zod";
import { sanitizedResult } from "./_internal/page-sanitize.js";
import { readImage } from "./image.js";
import { convertToDocx, legacyFormatError } from "./legacy.js";
import { createOcrService, type OcrService } from "./ocr.js";
import { readPdf } from "./pdf.js";
import { extensionMismatch, KIND_LABEL } from "./sniff.js";
import { createFileCache, type FileCache } from "./file-cache.js";

export interface IngestOptions {
  /** Package name; defaults to the single input's base name. */
  name?: string;
  /** Password for encrypted PDFs (tried on every encrypted PDF of the package). */
  password?: string;
  /** shenbao's cache root (OCR results go to `<dir>/ocr`), or false to disable; default ~/.cache/shenbao. */
  cacheDir?: string | false;
  /** An OCR service to share across packages (batch); created and closed here when absent. */
  ocr?: OcrService;
  /** Files read at the same time (OCR has its own pool). */
  concurrency?: number;
  limits?: Partial<IngestLimits>;
  /** Convert .doc/.wps with LibreOffice when `soffice` is installed (default true). */
  convertLegacy?: boolean;
  /** Called after each file is read. */
  onFile?: (file: SourceFile, done: number, total: number) => void;
  /**
   * The processes untrusted files are parsed in (./file-worker.ts), to share across packages (batch); created and
   * closed here when absent. `false` reads in this process, without isolation (trusted input only).
   */
  readers?: FileReaderPool | false;
}

export async function ingest(inputs: readonly string[], options: IngestOptions = {}): Promise<Package> {
  const started = performance.now();
  const limits: IngestLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const ocr =
    options.ocr ??
    createOcrService({
      cacheDir: typeof options.cacheDir === "string" ? path.join(options.cacheDir, "ocr") : options.cacheDir,
    });
  const statsBefore = { ...ocr.stats };
  const fileCache = options.cacheDir === false ? undefined : createFileCache(options.cacheDir, ocr.engine);
  const fromFileCache = { ocrPages: 0 };
  const concurrency = options.concurrency ?? 2;
  // Processes start on the first file that needs one (a run served from the file cache starts none) and are kept
  // for the next package.
  const readers =
    options.readers ??
    sharedFileReaderPool({ size: concurrency, heapMb: limits.readerHeapMb, rssMb: limits.readerRssMb });
  try {
    const collected = await collect(inputs, limits);
    const findings: Finding[] = [...collected.findings];
    // Nothing to read and nothing refused (an empty folder or zip): said once. Refusals already say why.
    if (collected.members.length === 0 && !findings.some((f) => f.severity === "error")) {
      findings.push(emptyPackageFinding(inputs));
    }
    const budget = pixelBudget(limits, findings);
    const queue = new PQueue({ concurrency });
    const files: SourceFile[] = [];
    let done = 0;
    await Promise.all(
      collected.members.map((member) =>
        queue.add(async () => {
          const result = await readMember(member, {
            ocr,
            limits,
            password: options.password,
            convertLegacy: options.convertLegacy ?? true,
            fileCache,
            fromFileCache,
            readers,
            beforeOcr: budget,
          });
          files.push(result.file);
          findings.push(...result.findings);
          options.onFile?.(result.file, ++done, collected.members.length);
        }),
      ),
    );
    files.sort((a, b) => naturalCompare(a.path, b.path));
    const pkg: Package = {
      name: options.name ?? packageName(inputs),
      files,
      findings: groupFindings(findings),
      stats: {
        ingest_ms: Math.round(performance.now() - started),
        ocr_pages: ocr.stats.pages - statsBefore.pages + fromFileCache.ocrPages,
        ocr_cached: ocr.stats.cached - statsBefore.cached + fromFileCache.ocrPages,
      },
    };
    return PackageSchema.parse(pkg);
  } finally {
    if (!options.ocr) await ocr.close();
  }
}

/**
 * The package's budget of pixels decoded for OCR, charged before each request; past it, OCR is refused (one
 * package finding says so, each refused page has its own).
 */
function pixelBudget(limits: IngestLimits, findings: Finding[]): NonNullable<JobHooks["beforeOcr"]> {
  let used = 0;
  let told = false;
  const wan = (n: number) => `${Math.round(n / 10_000)}万`;
  return async (req) => {
    let pixels = 0;
    if (req.raw) pixels = req.raw.width * req.raw.height;
    else {
      const meta = await sharp(req.image, { limitInputPixels: false }).metadata().catch(() => undefined);
      pixels = (meta?.width ?? 0) * (meta?.height ?? 0);
    }
    if (used + pixels > limits.maxPackagePixels) {
      if (!told) {
        told = true;
        findings.push({
          ruleId: "ingest/package-budget",
          severity: "error",
          category: "ingest",
          message: `材料包中需要文字识别的图片总量超过上限（约${wan(limits.maxPackagePixels)}像素），其余图片未识别。请将扫描分辨率降到200–300dpi、删除重复的图片页，或把材料拆分后重新提交。`,
          actual: { reason: "package-budget", limit: limits.maxPackagePixels },
          evidence: [],
        });
      }
      throw new IngestError(
        "package-budget",
        `材料包的图片总像素超过${wan(limits.maxPackagePixels)}像素的上限，未进行文字识别`,
        "请降低扫描分辨率或拆分材料包后重新提交",
      );
    }
    used += pixels;
  };
}

function packageName(inputs: readonly string[]): string {
  if (inputs.length !== 1) return "申报材料";
  return path.basename(path.resolve(inputs[0]!)).replace(/\.zip$/i, "");
}

interface MemberResult {
  file: SourceFile;
  findings: Finding[];
}

type Shared = Pick<ReaderContext, "ocr" | "limits" | "password"> & {
  convertLegacy: boolean;
  fileCache: FileCache | undefined;
  /** OCR'd images whose results came with a whole-file cache hit. */
  fromFileCache: { ocrPages: number };
  readers: FileReaderPool | false;
  beforeOcr: NonNullable<JobHooks["beforeOcr"]>;
};

/** Everything besides the bytes that changes what a reader returns. */
function readVariant(member: Member, shared: Shared): string {
  const { limits } = shared;
  const password = shared.password ? createHash("sha256").update(shared.password).digest("hex") : "";
  return JSON.stringify([member.sniffed, password, limits.maxPages, limits.maxImagePixels, limits.maxFileBytes]);
}

/** Converted legacy files add notes outside the ReadResult, and are rare: not worth caching. */
function cacheable(member: Member): boolean {
  return member.sniffed.kind === "pdf" || member.sniffed.kind === "docx" || member.sniffed.kind === "image";
}

function ocrImagesOf(pages: readonly Page[]): number {
  // A scanned PDF page carries its OCR both on the page and on its one image: count images, else the page.
  return pages.reduce((n, p) => n + Math.max(p.images.filter((i) => i.ocr).length, p.ocr ? 1 : 0), 0);
}

async function readMember(member: Member, shared: Shared): Promise<MemberResult> {
  const findings: Finding[] = [];
  const base: Omit<SourceFile, "pages" | "textSource" | "status"> = {
    path: member.path,
    sha256: createHash("sha256").update(member.bytes).digest("hex"),
    bytes: member.bytes.length,
    kind: member.sniffed.kind,
    ...(member.sniffed.format ? { format: member.sniffed.format } : {}),
  };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), shared.limits.fileTimeoutMs);
  try {
    const { ocr, limits, password, convertLegacy, fileCache } = shared;
    const ctx: ReaderContext = { ocr, limits, password, fileName: member.path, signal: controller.signal };
    const claimed = extensionMismatch(member.path, member.sniffed);
    if (claimed) {
      findings.push(
        ingestNote(
          member.path,
          "extension-mismatch",
          `扩展名表明是${KIND_LABEL[claimed]}文件，但内容实际是${KIND_LABEL[member.sniffed.kind]}，已按实际内容读取；请更正扩展名`,
        ),
      );
    }
    const variant = readVariant(member, shared);
    const useCache = fileCache !== undefined && cacheable(member);
    let result = useCache ? await fileCache.get(base.sha256, variant) : undefined;
    if (result) {
      shared.fromFileCache.ocrPages += ocrImagesOf(result.pages);
    } else {
      result = await read(member, ctx, findings, shared);
      const transient = result.problems.some((p) => p.code === "ocr-failed" || p.code === "timeout");
      if (useCache && !transient) await fileCache.put(base.sha256, variant, result);
    }
    for (const problem of result.problems) findings.push(ingestFinding(member.path, problem, problem.page));
    const pages: Page[] = result.pages;
    return {
      file: {
        ...base,
        ...(result.format ? { format: result.format } : {}),
        pages,
        textSource: textSourceOf(pages),
        status: "ok",
      },
      findings,
    };
  } catch (error) {
    findings.push(isIngestError(error) ? ingestFinding(member.path, error) : unexpectedFinding(member.path, error));
    return { file: { ...base, pages: [], textSource: "none", status: "error" }, findings };
  } finally {
    clearTimeout(timer);
  }
}

/** Parses in a reader process when the kind has a parser; everything else (refusals, conversion) here. */
async function read(member: Member, ctx: ReaderContext, findings: Finding[], shared: Shared): Promise<ReadResult> {
  const { kind, format } = member.sniffed;
  const { readers, limits } = shared;
  let target: { kind: "pdf" | "docx" | "image"; bytes: Buffer } | undefined;
  if (kind === "pdf" || kind === "image" || (kind === "docx" && format !== "ole-encrypted-ooxml")) {
    target = { kind, bytes: member.bytes };
  } else if ((kind === "doc" || kind === "wps") && readers) {
    // LibreOffice runs as its own process already; its output is parsed like any other .docx.
    const docx = shared.convertLegacy ? await convertToDocx(member.bytes, `.${kind}`, limits.fileTimeoutMs) : null;
    if (!docx) throw legacyFormatError(kind);
    findings.push(convertedNote(member.path));
    target = { kind: "docx", bytes: docx };
  }
  if (readers && target) {
    try {
      return await readers.read(
        { ...target, fileName: member.path, limits, ...(ctx.password !== undefined ? { password: ctx.password } : {}) },
        { ocr: ctx.ocr, beforeOcr: shared.beforeOcr },
      );
    } catch (error) {
      // The processes could not start (an unusual installation): read here rather than not at all.
      if (!(error instanceof ReaderUnavailableError)) throw error;
    }
  }
  const inProcess: ReaderContext = { ...ctx, ocr: budgeted(ctx.ocr, shared.beforeOcr) };
  const result = await withTimeout(
    dispatch({ ...member, ...(target ? { bytes: target.bytes, sniffed: { ...member.sniffed, kind: target.kind } } : {}) }, inProcess, findings, shared.convertLegacy),
    ctx.signal!,
    limits.fileTimeoutMs,
  );
  const clean = sanitizedResult(result);
  if (!PagesSchema.safeParse(clean.pages).success) {
    throw new IngestError("invalid-values", "读取结果中有无效的数据（文件可能已损坏），无法使用", "请用原软件打开该文件并重新导出后提交");
  }
  return clean;
}

const PagesSchema = z.array(PageSchema);

function budgeted(ocr: OcrService, beforeOcr: Shared["beforeOcr"]): OcrService {
  return {
    stats: ocr.stats,
    ...(ocr.engine !== undefined ? { engine: ocr.engine } : {}),
    close: () => ocr.close(),
    async recognize(req) {
      await beforeOcr(req);
      return ocr.recognize(req);
    },
  };
}

function convertedNote(file: string): Finding {
  return ingestNote(file, "converted", `旧版格式已用 LibreOffice 自动转换为 .docx 后读取；建议另存为 .docx 或 PDF 提交`);
}

async function dispatch(
  member: Member,
  ctx: ReaderContext,
  findings: Finding[],
  convertLegacy: boolean,
): Promise<ReadResult> {
  const { kind, format } = member.sniffed;
  switch (kind) {
    case "pdf":
      return readPdf(member.bytes, ctx);
    case "docx":
      if (format === "ole-encrypted-ooxml") {
        throw new IngestError(
          "encrypted",
          "Word文件已设置打开密码，无法读取内容",
          "请取消密码保护后重新保存，或导出为PDF提交",
        );
      }
      return readDocx(member.bytes, ctx);
    case "image":
      return readImage(member.bytes, ctx);
    case "doc":
    case "wps": {
      const docx = convertLegacy ? await convertToDocx(member.bytes, `.${kind}`, ctx.limits.fileTimeoutMs) : null;
      if (!docx) throw legacyFormatError(kind);
      findings.push(convertedNote(member.path));
      return readDocx(docx, ctx);
    }
    case "ofd":
      throw legacyFormatError(kind);
    case "text":
      throw new IngestError(
        "unsupported",
        "文件内容是纯文本，不是PDF、Word或图片",
        "请确认提交的是正确的文件（扫描件请提交JPG/PNG/PDF）",
      );
    case "empty":
      throw new IngestError("empty", "文件为空（0字节）", "请重新导出或复制该文件后提交");
    default:
      throw new IngestError(
        "unsupported",
        `不支持的文件类型${format ? `（${format}）` : ""}`,
        format === "rar" || format === "7z"
          ? "请改用 zip 格式打包"
          : "请提交 PDF、Word（.docx）或图片（JPG/PNG/TIFF）格式的文件",
      );
  }
}

function withTimeout<T>(work: Promise<T>, signal: AbortSignal, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () =>
      reject(
        new IngestError(
          "timeout",
          `读取超时（超过${Math.round(ms / 1000)}秒）`,
          "请检查文件是否过大或损坏，必要时拆分后重新提交",
        ),
      );
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
