/**
 * Interfaces inside the extract stage. The stage reads a Package (ingest's output) and produces the
 * contract's `documents` and `fields` (src/model.ts).
 */
import type { DocType, Document, Field, Page, SourceFile } from "../model.js";

/** A page together with the file it belongs to. */
export interface PageRef {
  file: SourceFile;
  page: Page;
}

/** A classified document with its pages, as extractors receive it. */
export interface DocumentPages {
  document: Document;
  pages: PageRef[];
}

/** One field extractor (e.g. business-license, audit-report): a small module, `name` = file name. */
export interface FieldExtractor {
  name: string;
  docTypes: readonly DocType[];
  extract(input: DocumentPages, ctx: ExtractContext): Field[];
}

export interface ExtractContext {
  /** Call id (DESIGN.md) when known; form parsing depends on it. */
  callId?: string;
}

export type CallId =
  | "wuhan-vertical-model-2025"
  | "hubei-industrial-model-2026"
  | "wuhan-ai-governance-2026/scenario"
  | "wuhan-ai-governance-2026/model-agent"
  | "wuhan-ai-governance-2026/platform"
  | "wuhan-ai-governance-2026/terminal"
  | "hunan-ai-model-2025"
  | "hunan-digital-center-2025";

export const CALL_IDS: readonly CallId[] = [
  "wuhan-vertical-model-2025",
  "hubei-industrial-model-2026",
  "wuhan-ai-governance-2026/scenario",
  "wuhan-ai-governance-2026/model-agent",
  "wuhan-ai-governance-2026/platform",
  "wuhan-ai-governance-2026/terminal",
  "hunan-ai-model-2025",
  "hunan-digital-center-2025",
];
