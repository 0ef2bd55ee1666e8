/**
 * Whole-file results cached by content hash. The OCR cache alone does not make a re-run cheap: pdf.js
 * still decodes every scanned page's image (in JavaScript) before the OCR cache can be asked, about a
 * second per A4 page. Keyed by the file's sha256 and a fingerprint of the ingest code, so any change to
 * a reader invalidates its entries without a version number to remember.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { PageSchema } from "../model.js";
import { cacheKey, createJsonCache, defaultCacheDir, type JsonCache } from "./cache.js";
import type { ReadResult } from "./context.js";
import { IngestError, type IngestErrorCode } from "./errors.js";
import { resolveOcrEngine } from "./_internal/ocr-choice.js";

const CachedSchema = z.object({
  pages: z.array(PageSchema),
  problems: z.array(
    z.object({ code: z.string(), reason: z.string(), advice: z.string(), page: z.number().int().optional() }),
  ),
  format: z.string().optional(),
});

let fingerprint: string | undefined;

/** sha256 over the ingest sources (this folder), computed once per process. */
function ingestFingerprint(): string {
  if (fingerprint) return fingerprint;
  const hash = createHash("sha256");
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|js|mjs)$/.test(entry.name)) hash.update(entry.name).update(readFileSync(full));
    }
  };
  walk(import.meta.dirname);
  fingerprint = hash.digest("hex").slice(0, 16);
  return fingerprint;
}

export interface FileCache {
  get(sha256: string, variant: string): Promise<ReadResult | undefined>;
  put(sha256: string, variant: string, result: ReadResult): Promise<void>;
}

/**
 * `ocrEngine` is the OCR service's engine (OcrService.engine): a file read with one engine is not served to a run
 * with another. Absent, the engine a new service would get (resolveOcrEngine) stands in.
 */
export function createFileCache(root: string | undefined, ocrEngine?: string): FileCache {
  const cache: JsonCache = createJsonCache(root ? path.join(root, "files") : defaultCacheDir("files"));
  const engine = ocrEngine ?? resolveOcrEngine();
  const keyOf = (sha256: string, variant: string) => cacheKey("file", ingestFingerprint(), engine, sha256, variant);
  return {
    async get(sha256, variant) {
      const raw = await cache.get<unknown>(keyOf(sha256, variant)).catch(() => undefined);
      const parsed = CachedSchema.safeParse(raw);
      if (!parsed.success) return undefined;
      const pages = parsed.data.pages.map((page) => ({
        ...page,
        ...(page.ocr ? { ocr: { ...page.ocr, cached: true } } : {}),
        images: page.images.map((image) => (image.ocr ? { ...image, ocr: { ...image.ocr, cached: true } } : image)),
      }));
      return {
        pages,
        problems: parsed.data.problems.map(
          (p) => new IngestError(p.code as IngestErrorCode, p.reason, p.advice, p.page ? { page: p.page } : undefined),
        ),
        ...(parsed.data.format ? { format: parsed.data.format } : {}),
      };
    },
    async put(sha256, variant, result) {
      const value = {
        pages: result.pages,
        problems: result.problems.map((p) => ({ code: p.code, reason: p.reason, advice: p.advice, page: p.page })),
        format: result.format,
      };
      // An optimisation only: a full or read-only disk must not fail the ingest.
      await cache.put(keyOf(sha256, variant), value).catch(() => {});
    },
  };
}
