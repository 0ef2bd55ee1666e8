import type { Line, OcrInfo } from "../model.js";

/** Result of reading one image: lines in the coordinates of the UPRIGHT image, in pixels. */
export interface OcrResult {
  lines: Line[];
  /** Size in px of the upright image the boxes refer to. */
  width: number;
  height: number;
  info: OcrInfo;
}

export interface OcrRequest {
  /** Encoded image (PNG, JPEG, TIFF page, …) or raw pixels described by `raw`. */
  image: Buffer;
  raw?: { width: number; height: number; channels: 1 | 2 | 3 | 4 };
  /** Dots per inch of the image when known (PDF: from the drawn size); drives upscaling. */
  dpi?: number;
  signal?: AbortSignal;
}

/** The OCR port: a pooled, cached engine. Implemented in this module (tesseract.js). */
export interface OcrService {
  recognize(req: OcrRequest): Promise<OcrResult>;
  /** Pages OCR'd since creation, and how many came from the cache. */
  readonly stats: { pages: number; cached: number };
  close(): Promise<void>;
}

// TODO(ocr helper): createOcrService(options) implementation.
