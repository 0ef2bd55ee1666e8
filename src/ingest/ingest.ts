/**
 * ingest(paths) → Package. Collects files (folders, zips), reads each with the reader for its kind, and
 * turns every failure into a finding so the rest of the package is still read.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import PQueue from "p-queue";
import { PackageSchema, textSourceOf, type Finding, type Package, type Page, type SourceFile } from "../model.js";
import { collect, naturalCompare, type Member } from "./collect.js";
import { DEFAULT_LIMITS, type IngestLimits, type ReadResult, type ReaderContext } from "./context.js";
import { readDocx } from "./docx.js";
import { IngestError, isIngestError } from "./errors.js";
import { ingestFinding, ingestNote, unexpectedFinding } from "./findings.js";
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
  const fileCache = options.cacheDir === false ? undefined : createFileCache(options.cacheDir);
  const fromFileCache = { ocrPages: 0 };
  try {
    const collected = await collect(inputs, limits);
    const findings: Finding[] = [...collected.findings];
    const queue = new PQueue({ concurrency: options.concurrency ?? 2 });
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
      findings,
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
      result = await withTimeout(
        dispatch(member, ctx, findings, convertLegacy),
        controller.signal,
        limits.fileTimeoutMs,
      );
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
      findings.push(
        ingestNote(
          member.path,
          "converted",
          `旧版格式已用 LibreOffice 自动转换为 .docx 后读取；建议另存为 .docx 或 PDF 提交`,
        ),
      );
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
