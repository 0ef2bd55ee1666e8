/**
 * Typed, recoverable ingest failures. Readers throw these; the ingest orchestrator turns each into one
 * `ingest` finding naming the file, so a bad file never stops the package.
 */
export type IngestErrorCode =
  | "encrypted"
  | "corrupt"
  | "empty"
  | "unsupported"
  | "legacy-format"
  | "too-large"
  | "timeout"
  | "zip-unsafe-path"
  | "zip-symlink"
  | "zip-bomb"
  | "zip-nested-too-deep"
  | "ocr-failed"
  /** Killed by the reader's resource limits (memory, a blocked event loop, a crash): see file-worker.ts. */
  | "too-complex"
  /** A fifo, device or socket where a file was expected. */
  | "not-a-file"
  /** The package-wide budget (decompressed bytes, decoded pixels) was used up. */
  | "package-budget"
  /** Values the reader produced were invalid (NaN coordinates, …) and were dropped. */
  | "invalid-values";

export class IngestError extends Error {
  override readonly name = "IngestError";
  constructor(
    readonly code: IngestErrorCode,
    /** 中文：出了什么问题 */
    readonly reason: string,
    /** 中文：申报单位应当怎么做 */
    readonly advice: string,
    options?: { cause?: unknown; page?: number },
  ) {
    super(`${code}: ${reason}`, options?.cause === undefined ? undefined : { cause: options.cause });
    if (options?.page !== undefined) this.page = options.page;
  }

  /** 1-based page the problem concerns, for page-level problems of a file that was otherwise read. */
  readonly page?: number;
}

export function isIngestError(e: unknown): e is IngestError {
  return e instanceof IngestError;
}
