/** The library API: re-exports only. */
export * from "./model.js";
export { ingest, type IngestOptions } from "./ingest/ingest.js";
export { IngestError, type IngestErrorCode } from "./ingest/errors.js";
export { DEFAULT_LIMITS, type IngestLimits } from "./ingest/context.js";
export { createOcrService, type OcrService, type OcrResult } from "./ingest/ocr.js";
export { sniff } from "./ingest/sniff.js";
export { extract, type Extraction, type ExtractOptions } from "./extract/extract.js";
export { detectCall, type DetectedCall } from "./extract/call.js";
export { classifyPages, splitDocuments, type PageClassification } from "./extract/classify.js";
export { parseToc, type TocEntry } from "./extract/toc.js";
export { parseApplicationForm, FORM_SPECS } from "./extract/form/index.js";
export type { FormParse, Unfilled, Section, CheckboxGroup } from "./extract/form/types.js";
export { registry as fieldExtractors } from "./extract/fields/index.js";
export { isValidUscc, parseUscc } from "./extract/fields/uscc.js";
export * from "./extract/normalize/index.js";
export { CALL_IDS, type CallId } from "./extract/types.js";
