/** Messages between the ingest orchestrator and a file-reader process (../file-worker.ts, ./reader-child-main.ts). */
import type { Page } from "../../model.js";
import type { OcrResult } from "../ocr.js";

export interface WireIngestError {
  code: string;
  reason: string;
  advice: string;
  page?: number;
}

export interface WireError {
  ingest?: WireIngestError;
  name?: string;
  message?: string;
}

export type ParentMessage =
  | {
      type: "read";
      job: number;
      kind: "pdf" | "docx" | "image";
      bytes: Uint8Array;
      fileName: string;
      limits: Record<string, number>;
      password?: string;
      /** The parent's OcrService.engine, for readers that key anything by it. */
      engine?: string;
    }
  | { type: "ocr-result"; id: number; result?: OcrResult; error?: WireError };

export type ChildMessage =
  | { type: "ready" }
  | { type: "beat"; rss: number }
  | { type: "loaded"; job: number }
  | { type: "ocr"; job: number; id: number; image: Uint8Array; raw?: { width: number; height: number; channels: 1 | 2 | 3 | 4 }; dpi?: number }
  | { type: "done"; job: number; pages: Page[]; problems: WireIngestError[]; format?: string }
  | { type: "failed"; job: number; error: WireError };
