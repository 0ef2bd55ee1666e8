import type { Finding } from "../model.js";
import { IngestError } from "./errors.js";

/** Severity by failure: a file that cannot be read at all makes the package incomplete. */
const WARNING_CODES = new Set<IngestError["code"]>(["ocr-failed", "invalid-values"]);

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
  const finding = ingestFinding(
    file,
    new IngestError(
      "corrupt",
      `读取时出现意外错误（${chineseReason(error)}）`,
      "请确认文件能正常打开；如仍有问题，请另存为PDF后重新提交",
    ),
  );
  // The engine's own words (English, technical) stay out of the message but in the data, for whoever debugs it.
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { ...finding, actual: { ...(finding.actual as object), detail: detail.slice(0, 300) } };
}

/** A Chinese reason for an unexpected error: the applicant never reads English engine messages. */
export function chineseReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/maximum call stack/i.test(message)) return "文件结构嵌套过深";
  if (/invalid (array|string|typed array) length|invalid size|array buffer allocation|out of memory/i.test(message)) {
    return "文件中的数据大小异常";
  }
  if (/unexpected end|truncat|end of (file|data|stream)/i.test(message)) return "文件内容不完整";
  if (/invalid|bad|corrupt|unknown|unsupported|format/i.test(message)) return "文件内容格式异常";
  return "文件内容无法解析";
}

/**
 * Many files refused for the same reason (a zip of 4,999 text files) are one finding with the count and the first
 * names, not thousands of lines. Groups only file-level findings (no page) of one ruleId beyond `threshold`.
 */
export function groupFindings(findings: readonly Finding[], threshold = 20, shown = 10): Finding[] {
  const byRule = new Map<string, Finding[]>();
  for (const f of findings) {
    const page = (f.actual as { page?: unknown } | undefined)?.page;
    if (f.category !== "ingest" || page !== undefined || f.evidence.length > 0) continue;
    const list = byRule.get(f.ruleId) ?? [];
    list.push(f);
    byRule.set(f.ruleId, list);
  }
  const grouped = new Set([...byRule.values()].filter((list) => list.length > threshold).flat());
  if (grouped.size === 0) return [...findings];
  const out: Finding[] = [];
  const done = new Set<string>();
  for (const f of findings) {
    if (!grouped.has(f)) {
      out.push(f);
      continue;
    }
    if (done.has(f.ruleId)) continue;
    done.add(f.ruleId);
    const list = byRule.get(f.ruleId)!;
    const files = list.map((g) => String((g.actual as { file?: unknown } | undefined)?.file ?? ""));
    // The first finding's own sentence, with its file name taken out, says what is wrong with all of them.
    const first = list[0]!.message.replace(/^文件「[^」]*」：/u, "");
    out.push({
      ruleId: f.ruleId,
      severity: f.severity,
      category: f.category,
      message: `${list.length}个文件有同样的问题（${files.slice(0, shown).map((n) => `「${n}」`).join("、")}${list.length > shown ? "等" : ""}）：${first}`,
      actual: { count: list.length, files: files.slice(0, 100) },
      evidence: [],
    });
  }
  return out;
}

/** One finding for a package in which nothing could be read at all. */
export function emptyPackageFinding(inputs: readonly string[]): Finding {
  return {
    ruleId: "ingest/no-materials",
    severity: "error",
    category: "ingest",
    message: `没有可读取的材料：${inputs.map((i) => `「${i}」`).join("、")}中没有找到任何文件（空文件夹、空压缩包或只有空文件夹的压缩包）。请确认选择了正确的文件夹或压缩包，放入申报材料后重新提交。`,
    actual: { inputs: [...inputs] },
    evidence: [],
  };
}

function trimStop(s: string): string {
  return s.replace(/[。.\s]+$/u, "");
}
