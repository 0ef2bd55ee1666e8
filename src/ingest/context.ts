import type { OcrService } from "./ocr.js";

/** Limits against hostile or accidental huge inputs. */
export interface IngestLimits {
  /** Max bytes of one file (after extraction from an archive). */
  maxFileBytes: number;
  /** Max total uncompressed bytes of one archive. */
  maxArchiveBytes: number;
  /** Max compression ratio of one archive entry. */
  maxCompressionRatio: number;
  /** Max number of entries in one archive. */
  maxArchiveEntries: number;
  /** Max pixels of one image (decompression-bomb guard). */
  maxImagePixels: number;
  /** Max pages read from one PDF / TIFF. */
  maxPages: number;
  /** Per-file wall-clock limit in ms. */
  fileTimeoutMs: number;
  /** A reader whose event loop does not answer for this long (synchronous work on a hostile file) is stopped. */
  fileBlockedMs: number;
  /** Max bytes of all the package's files together (on disk and unpacked from archives). */
  maxPackageBytes: number;
  /** Max pixels decoded for OCR in the whole package. */
  maxPackagePixels: number;
  /** V8 heap of one file-reader process (MB). */
  readerHeapMb: number;
  /** Resident memory of one file-reader process (MB), buffers included; checked twice a second. */
  readerRssMb: number;
}

export const DEFAULT_LIMITS: IngestLimits = {
  maxFileBytes: 200 * 1024 * 1024,
  maxArchiveBytes: 1024 * 1024 * 1024,
  maxCompressionRatio: 200,
  maxArchiveEntries: 5000,
  maxImagePixels: 40_000_000,
  maxPages: 1000,
  fileTimeoutMs: envNumber("SHENBAO_FILE_TIMEOUT_MS") ?? 10 * 60 * 1000,
  fileBlockedMs: envNumber("SHENBAO_FILE_BLOCKED_MS") ?? 60 * 1000,
  maxPackageBytes: 512 * 1024 * 1024,
  maxPackagePixels: 1_500_000_000,
  readerHeapMb: envNumber("SHENBAO_READER_HEAP_MB") ?? 1024,
  readerRssMb: envNumber("SHENBAO_READER_RSS_MB") ?? 1280,
};

/** Operators (and the fuzz harness) may tighten the time and memory limits without code. */
function envNumber(name: string): number | undefined {
  const n = Number(process.env[name]);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

/** What a reader (pdf, docx, image) gets besides the bytes. */
export interface ReaderContext {
  /** Display path of the file, for messages. */
  fileName: string;
  ocr: OcrService;
  limits: IngestLimits;
  /** Password for encrypted PDFs, when the caller has one. */
  password?: string;
  signal?: AbortSignal;
}

/** What a reader returns: the pages it could read, and non-fatal problems (each becomes a finding). */
export interface ReadResult {
  pages: import("../model.js").Page[];
  problems: import("./errors.js").IngestError[];
  /** Format detail, e.g. "jpeg", "tiff". */
  format?: string;
}
