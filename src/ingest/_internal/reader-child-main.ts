/**
 * A file-reader process (../file-worker.ts): reads one untrusted file at a time with the ordinary readers and sends
 * the pages back. OCR is asked of the parent, which owns the shared tesseract pool and cache. A heartbeat twice a
 * second tells the parent the event loop is alive and how much memory the process holds; when a hostile file blocks
 * the loop or eats the memory, the parent kills this process and the file becomes one finding.
 */
import type { IngestLimits, ReaderContext, ReadResult } from "../context.js";
import { IngestError, type IngestErrorCode } from "../errors.js";
import type { OcrRequest, OcrResult, OcrService } from "../ocr.js";
import { sanitizedResult } from "./page-sanitize.js";
import type { ChildMessage, ParentMessage, WireError } from "./reader-protocol.js";

const send = (message: ChildMessage) => process.send?.(message);

const pendingOcr = new Map<number, { resolve: (r: OcrResult) => void; reject: (e: unknown) => void }>();
let nextOcr = 1;

export function toWire(e: unknown): WireError {
  if (e instanceof IngestError) {
    return { ingest: { code: e.code, reason: e.reason, advice: e.advice, ...(e.page !== undefined ? { page: e.page } : {}) } };
  }
  const err = e instanceof Error ? e : new Error(String(e));
  return { name: err.name, message: err.message.slice(0, 1000) };
}

export function fromWire(w: WireError): Error {
  if (w.ingest) {
    return new IngestError(w.ingest.code as IngestErrorCode, w.ingest.reason, w.ingest.advice, w.ingest.page !== undefined ? { page: w.ingest.page } : undefined);
  }
  const e = new Error(w.message ?? "");
  e.name = w.name ?? "Error";
  return e;
}

const asBuffer = (u: Uint8Array) => (Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength));

function ocrProxy(job: number, engine: string | undefined): OcrService {
  return {
    stats: { pages: 0, cached: 0 },
    ...(engine !== undefined ? { engine } : {}),
    recognize(req: OcrRequest): Promise<OcrResult> {
      req.signal?.throwIfAborted();
      const id = nextOcr++;
      return new Promise<OcrResult>((resolve, reject) => {
        pendingOcr.set(id, { resolve, reject });
        send({ type: "ocr", job, id, image: req.image, ...(req.raw ? { raw: req.raw } : {}), ...(req.dpi ? { dpi: req.dpi } : {}) });
      });
    },
    close: async () => {},
  };
}

async function read(job: number, kind: string, bytes: Buffer, ctx: ReaderContext): Promise<ReadResult> {
  // Imported on first use: a process that only reads Word files never loads pdf.js (~1 s of start-up). Loading
  // blocks the event loop too, so the parent starts its "blocked" watch only once the reader is loaded.
  const reader =
    kind === "pdf"
      ? (await import("../pdf.js")).readPdf
      : kind === "docx"
        ? (await import("../docx.js")).readDocx
        : kind === "image"
          ? (await import("../image.js")).readImage
          : undefined;
  if (!reader) throw new Error(`no reader for ${kind}`);
  send({ type: "loaded", job });
  return reader(bytes, ctx);
}

process.on("message", (raw: unknown) => {
  const message = raw as ParentMessage;
  if (message.type === "ocr-result") {
    const waiting = pendingOcr.get(message.id);
    pendingOcr.delete(message.id);
    if (!waiting) return;
    if (message.result) waiting.resolve({ ...message.result });
    else waiting.reject(fromWire(message.error ?? { message: "ocr failed" }));
    return;
  }
  if (message.type === "read") {
    const { job, kind, fileName, limits, password, engine } = message;
    const ctx: ReaderContext = {
      fileName,
      limits: limits as unknown as IngestLimits,
      ocr: ocrProxy(job, engine),
      ...(password !== undefined ? { password } : {}),
    };
    read(job, kind, asBuffer(message.bytes), ctx).then(
      (result) => {
        const out = sanitizedResult(result);
        send({ type: "done", job, pages: out.pages, problems: out.problems.map((p) => toWire(p).ingest!), ...(out.format ? { format: out.format } : {}) });
      },
      (error: unknown) => send({ type: "failed", job, error: toWire(error) }),
    );
  }
});

// The heartbeat: a blocked event loop stops it, which is how the parent tells "busy" from "stuck".
setInterval(() => send({ type: "beat", rss: process.memoryUsage.rss() }), 500).unref();
process.on("disconnect", () => process.exit(0));
send({ type: "ready" });
