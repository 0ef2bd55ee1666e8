import type { Finding } from "../model.js";
import { IngestError } from "./errors.js";

/** Severity by failure: a file that cannot be read at all makes the package incomplete. */
const WARNING_CODES = new Set<IngestError["code"]>(["ocr-failed"]);

/** The one place an ingest failure becomes a finding: file, reason, what to do. */
export function ingestFinding(file: string, error: IngestError, page?: number): Finding {
  const where = page ? `文件「${file}」第${page}页` : `文件「${file}」`;
  return {
    ruleId: `ingest/${error.code}`,
    severity: WARNING_CODES.has(error.code) ? "warning" : "error",
    category: "ingest",
    message: `${where}：${trimStop(error.reason)}。${trimStop(error.advice)}。`,
    actual: { file, reason: error.code, ...(page ? { page } : {}) },
    evidence: page ? [{ file, page, quote: "" }] : [],
  };
}

/** An info-level ingest note (e.g. a file converted or skipped). */
export function ingestNote(file: string, ruleId: string, message: string): Finding {
  return {
    ruleId: `ingest/${ruleId}`,
    severity: "info",
    category: "ingest",
    message: `文件「${file}」：${trimStop(message)}。`,
    actual: { file },
    evidence: [],
  };
}

/** Anything that is not an IngestError is a bug, but still must not stop the package. */
export function unexpectedFinding(file: string, error: unknown): Finding {
  const detail = error instanceof Error ? error.message : String(error);
  return ingestFinding(
    file,
    new IngestError(
      "corrupt",
      `读取时出现意外错误（${detail.slice(0, 200)}）`,
      "请确认文件能正常打开；如仍有问题，请另存为PDF后重新提交",
    ),
  );
}

function trimStop(s: string): string {
  return s.replace(/[。.\s]+$/u, "");
}
