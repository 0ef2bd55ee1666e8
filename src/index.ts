/** The library API: re-exports only. */
export * from "./model.js";
export { ingest, type IngestOptions } from "./ingest/ingest.js";
export { IngestError, type IngestErrorCode } from "./ingest/errors.js";
export { DEFAULT_LIMITS, type IngestLimits } from "./ingest/context.js";
export { createOcrService, type OcrService, type OcrResult } from "./ingest/ocr.js";
export { sniff } from "./ingest/sniff.js";
