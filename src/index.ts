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
export { runCheck, buildReport, type CheckOptions } from "./pipeline.js";
export { runBatch, type BatchOptions, type BatchResult } from "./batch.js";
export { ReportSchema, SCHEMA_VERSION, reportJsonSchema, type Report, type Verdict } from "./report/schema.js";
export { formatJson } from "./report/json.js";
export { formatMarkdown } from "./report/markdown.js";
export { formatHtml, type HtmlOptions } from "./report/html.js";
export {
  renderThumbnails,
  renderReportHtml,
  THUMBNAIL_LIMIT,
  type Thumbnail,
  type Thumbnails,
  type ThumbnailOptions,
} from "./report/thumbnails.js";
export { sourcesFromPaths, sourcesFromMap, type PackageSources } from "./report/sources.js";
export { buildEvaluatorSummary, type EvaluatorSummary, type SummaryRow } from "./report/evaluator-summary.js";
export { formatSummary } from "./report/summary-format.js";
export { assessSubsidy, estimateSubsidy, type SubsidyAssessment } from "./report/subsidy.js";
export { writeSummaryXlsx, writeSummaryWorkbook } from "./report/xlsx.js";
export { resolveLlmConfig, type LlmConfig } from "./extract/llm/config.js";
