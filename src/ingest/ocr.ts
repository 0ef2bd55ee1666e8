import { createRequire } from "node:module";
import os from "node:os";
import type { Line, OcrInfo, Table } from "../model.js";
import { cacheKey, createJsonCache, defaultCacheDir, type JsonCache } from "./cache.js";
import { DEFAULT_LIMITS } from "./context.js";
import { IngestError } from "./errors.js";
import { colourThumbnail, prepareForOcr } from "./_internal/image-prep.js";
import { detectSeals, hasColour, scaleSeals, straightenBox, turnBox, type DetectedSeal } from "./_internal/seal-detect.js";
import { configureWorker, readUpright, withGrid, type EngineResult } from "./_internal/ocr-engine.js";
import { resolveOcrEngine, type OcrEngineName } from "./_internal/ocr-choice.js";
import { PaddleEngine } from "./_internal/ocr-paddle.js";
import { TesseractPool, type TraineddataVariant } from "./_internal/ocr-pool.js";
import { findGridDeskewed, linesWithTable } from "./_internal/ocr-table.js";
import { linesFromTesseract, meanConfidence } from "./_internal/ocr-text.js";

/** Result of reading one image: lines in the coordinates of the UPRIGHT image, in pixels. */
export interface OcrResult {
  lines: Line[];
  /** Ruled tables (scanned forms): grid cells with their text; lines inside them carry `cell`. */
  tables: Table[];
  /** Size in px of the upright image the boxes refer to. */
  width: number;
  height: number;
  info: OcrInfo;
  /**
   * Red seals on the colour image (the OCR copy has red ink dropped), in the same upright pixel space as
   * the lines. Not cached with the text: detection costs a thumbnail decode and one pass over it, 20–75 ms
   * per A4 scan on a busy 2-core box (bench/seals.ts), against 1–2 s of OCR.
   */
  seals?: DetectedSeal[];
}

export interface OcrRequest {
  /** Encoded image (PNG, JPEG, TIFF page, …) or raw pixels described by `raw`. */
  image: Buffer;
  raw?: { width: number; height: number; channels: 1 | 2 | 3 | 4 };
  /** Dots per inch of the image when known (PDF: from the drawn size); drives upscaling. */
  dpi?: number;
  signal?: AbortSignal;
}

/** The OCR port: a pooled, cached engine. Implemented in this module (tesseract.js or PP-OCR, see OcrEngineName). */
export interface OcrService {
  /**
   * The engine, its version and settings, as in OcrInfo.engine: part of every cache key holding OCR output (the OCR
   * cache here, the whole-file cache in file-cache.ts). Optional for stand-ins (tests, the reader child's proxy).
   */
  readonly engine?: string;
  recognize(req: OcrRequest): Promise<OcrResult>;
  /** Pages OCR'd since creation, and how many came from the cache. */
  readonly stats: { pages: number; cached: number };
  close(): Promise<void>;
}

export {
  OCR_ENGINES,
  isOcrEngineName,
  resolveOcrEngine,
  setDefaultOcrEngine,
  type OcrEngineName,
} from "./_internal/ocr-choice.js";

export interface OcrServiceOptions {
  /** Which engine; default resolveOcrEngine(). */
  engine?: OcrEngineName;
  /** PP-OCR only: long side of the detection input in px (default in ocr-paddle.ts). */
  detSide?: number;
  /** Where OCR results are cached by content hash; default `~/.cache/shenbao/ocr`; `false` disables. */
  cacheDir?: string | false;
  /** Parallel tesseract workers (PP-OCR: pages in flight); default `os.availableParallelism()`. */
  concurrency?: number;
  /** Tesseract languages; default `["chi_sim"]` (it reads latin letters and digits too). */
  langs?: string[];
  /** Decompression-bomb guard for the images handed in; default `DEFAULT_LIMITS.maxImagePixels`. */
  maxImagePixels?: number;
}

/**
 * Traineddata: `4.0.0` (tessdata, 20 MB gz), not `4.0.0_best_int` (1.7 MB gz). Measured with this
 * pipeline on fixtures/ocr (half A4 page at 300 dpi, one worker, shared 2-core box under load):
 *   clean     4.0.0 0.6% CER 0.92 s   best_int 1.9% CER 0.89 s
 *   degraded  4.0.0 4.5% CER 1.4 s    best_int 8.4% CER 0.90 s   (2° skew, 170 dpi, noise, JPEG q40, seal)
 *   webp      4.0.0 0.0% CER 0.98 s   best_int 1.9% CER 1.26 s
 * Worker start is ~0.8–1 s for either. best_int misreads （ as 《 and 壹 as 索/过 — errors that break a
 * company name or an amount — and is no faster here, so the larger file is worth its disk space.
 */
const VARIANT: TraineddataVariant = "4.0.0";
/** Bump when preprocessing or post-processing changes, so stale cache entries are not reused. */
const PIPELINE_VERSION = "6";
/** The same for the PP-OCR path (its own pre- and post-processing). */
const PADDLE_PIPELINE_VERSION = "p1";

const require = createRequire(import.meta.url);
const TESSERACT_VERSION: string = require("tesseract.js/package.json").version;

interface CachedResult {
  lines: Line[];
  tables: Table[];
  width: number;
  height: number;
  info: Pick<OcrInfo, "engine" | "confidence" | "rotation" | "skew" | "ms">;
}

export function createOcrService(options: OcrServiceOptions = {}): OcrService {
  const langs = options.langs ?? ["chi_sim"];
  const maxPixels = options.maxImagePixels ?? DEFAULT_LIMITS.maxImagePixels;
  const concurrency = Math.max(1, options.concurrency ?? os.availableParallelism());
  const cache: JsonCache | undefined =
    options.cacheDir === false ? undefined : createJsonCache(options.cacheDir ?? defaultCacheDir("ocr"));
  const reader =
    resolveOcrEngine(options.engine) === "paddle"
      ? paddleReader(
          new PaddleEngine({ concurrency, ...(options.detSide ? { detSide: options.detSide } : {}) }),
          maxPixels,
        )
      : tesseractReader(langs, concurrency, maxPixels);
  const { engine, version } = reader;
  const stats = { pages: 0, cached: 0 };

  async function compute(req: OcrRequest): Promise<CachedResult> {
    const { read, ms } = await reader.read(req);
    return {
      lines: read.lines,
      tables: read.tables,
      width: read.width,
      height: read.height,
      // Working time only; the wait for a free worker is not the page's cost.
      info: {
        engine,
        confidence: read.confidence,
        rotation: read.rotation,
        ...(read.skew !== 0 ? { skew: read.skew } : {}),
        ms: Math.round(ms),
      },
    };
  }

  return {
    engine,
    stats,
    async recognize(req: OcrRequest): Promise<OcrResult> {
      req.signal?.throwIfAborted();
      const started = performance.now();
      // A failed detection costs the seals, never the text.
      const sealsP = findSeals(req, maxPixels).catch(() => null);
      const key = cacheKey(engine, version, JSON.stringify(req.raw ?? null), String(req.dpi ?? ""), req.image);
      const hit = await cache?.get<CachedResult>(key).catch(() => undefined);
      if (hit) {
        stats.pages++;
        stats.cached++;
        const info: OcrInfo = { ...hit.info, ms: Math.round(performance.now() - started), cached: true };
        return withSeals({ ...hit, tables: hit.tables ?? [], info }, await sealsP);
      }
      let result: CachedResult;
      try {
        result = await compute(req);
      } catch (e) {
        await sealsP;
        if (req.signal?.aborted) throw req.signal.reason;
        throw toIngestError(e, maxPixels);
      }
      stats.pages++;
      // The cache is an optimisation: a read-only or full disk must not fail the OCR.
      await cache?.put(key, result).catch(() => {});
      return withSeals({ ...result, info: { ...result.info, cached: false } }, await sealsP);
    },
    close: () => reader.close(),
  };
}

/** One engine behind the service: reads a request into an EngineResult, timing its own work (not its queue wait). */
interface Reader {
  engine: string;
  /** Pipeline version for the cache key. */
  version: string;
  read(req: OcrRequest): Promise<{ read: EngineResult; ms: number }>;
  close(): Promise<void>;
}

function tesseractReader(langs: string[], size: number, maxPixels: number): Reader {
  const pool = new TesseractPool({ size, langs, variant: VARIANT, init: configureWorker });
  return {
    engine: `tesseract.js@${TESSERACT_VERSION}/${langs.join("+")}/${VARIANT}`,
    version: PIPELINE_VERSION,
    async read(req) {
      const started = performance.now();
      // Prepared outside the pool: sharp has its own threads, and a bad image must not cost a worker.
      const prepared = withGrid(await prepareForOcr(req.image, { raw: req.raw, dpi: req.dpi, maxPixels }));
      const prepareMs = performance.now() - started;
      return pool.run(async (worker) => {
        const begun = performance.now();
        return { read: await readUpright(worker, prepared), ms: prepareMs + performance.now() - begun };
      }, req.signal);
    },
    close: () => pool.close(),
  };
}

/**
 * PP-OCR: the same prepared page as tesseract gets (upright per EXIF, red ink dropped, ~300 dpi) and the same ruled
 * grids; a page with grids is read in the grids' frame (turned straight when they were found that way), so its words
 * fall into cells exactly as tesseract's do.
 */
function paddleReader(paddle: PaddleEngine, maxPixels: number): Reader {
  return {
    engine: paddle.name,
    version: PADDLE_PIPELINE_VERSION,
    async read(req) {
      let started = performance.now();
      const prepared = await prepareForOcr(req.image, { raw: req.raw, dpi: req.dpi, maxPixels });
      const found = findGridDeskewed(prepared.grey, prepared.width, prepared.height);
      const grey = found?.grey ?? prepared.grey;
      let ms = performance.now() - started;
      const page = await paddle.read(
        { data: grey, width: prepared.width, height: prepared.height, keepFrame: !!found },
        req.signal,
      );
      started = performance.now();
      const { lines, tables } = found
        ? linesWithTable(page.page, found.grids, prepared.scale)
        : { lines: linesFromTesseract(page.page, prepared.scale), tables: [] };
      const sideways = page.rotation === 90 || page.rotation === 270;
      const radians = (found ? found.skew : 0) + page.skew;
      ms += performance.now() - started + page.ms;
      return {
        read: {
          lines,
          tables,
          rotation: page.rotation,
          skew: Math.round((radians * 180 * 100) / Math.PI) / 100,
          width: sideways ? prepared.sourceHeight : prepared.sourceWidth,
          height: sideways ? prepared.sourceWidth : prepared.sourceHeight,
          confidence: meanConfidence(lines),
        },
        ms,
      };
    },
    close: () => paddle.close(),
  };
}

interface FoundSeals {
  seals: DetectedSeal[];
  /** The colour picture has no colour at all (a grayscale scan). */
  monochrome: boolean;
  /** EXIF-upright source size the boxes refer to. */
  width: number;
  height: number;
}

async function findSeals(req: OcrRequest, maxPixels: number): Promise<FoundSeals | null> {
  const thumb = await colourThumbnail(req.image, { raw: req.raw, dpi: req.dpi, maxPixels });
  if (!thumb) return null;
  const found = detectSeals(thumb.data, thumb, thumb.dpi ? { dpi: thumb.dpi } : {});
  return {
    seals: scaleSeals(found, thumb.sourceWidth / thumb.width),
    monochrome: !hasColour(thumb.data, thumb),
    width: thumb.sourceWidth,
    height: thumb.sourceHeight,
  };
}

/** Seal boxes turned like the text was (quarter turn, then straightened), so both live in one frame. */
function withSeals(scanned: OcrResult, found: FoundSeals | null): OcrResult {
  const result = found?.monochrome ? { ...scanned, info: { ...scanned.info, monochrome: true as const } } : scanned;
  if (!found || found.seals.length === 0) return result;
  const { rotation: turn, skew = 0 } = result.info;
  const seals = found.seals.map((s) => ({
    ...s,
    box: straightenBox(turnBox(s.box, found.width, found.height, turn), result.width, result.height, skew),
  }));
  return { ...result, seals };
}

function toIngestError(e: unknown, maxPixels: number): IngestError {
  if (e instanceof IngestError) return e;
  const message = e instanceof Error ? e.message : String(e);
  if (/pixel limit/i.test(message)) {
    return new IngestError(
      "too-large",
      `图片像素超过${Math.round(maxPixels / 10_000)}万像素的识别上限，无法进行文字识别`,
      `请将图片压缩到${Math.round(maxPixels / 10_000)}万像素以内或转为PDF后重新提交`,
      { cause: e },
    );
  }
  // The engine's own message stays in `cause` (English, technical); the reason is for the applicant.
  return new IngestError(
    "ocr-failed",
    "图片文字识别失败，图片可能已损坏或格式无法识别",
    "请确认图片清晰、完整、未损坏后重新提交，或改为提交可复制文字的PDF文件",
    { cause: e },
  );
}
