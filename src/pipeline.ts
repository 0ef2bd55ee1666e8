/**
 * ingest → extract → checks → Report. The report is validated against ReportSchema before it is returned,
 * so every writer (JSON, Markdown) takes the same checked object.
 *
 * Verdict: "reject" when a rule marked `rejects` (materials missing: 「材料不齐者不予受理」) failed at error
 * severity; else "fix" when there is any error or warning (both ask the applicant to act); else "pass".
 * Infos never change the verdict.
 */
import { DocumentSchema, EvidenceSchema, FieldSchema, FindingSchema, type Finding, type Package } from "./model.js";
import { createContext } from "./checks/context.js";
import { runChecks, type CheckResult } from "./checks/engine.js";
import { packFor } from "./checks/calls/index.js";
import { extract, type Extraction } from "./extract/extract.js";
import { CALL_IDS, type CallId } from "./extract/types.js";
import { ingest, type IngestOptions } from "./ingest/ingest.js";
import type { LlmConfig } from "./extract/llm/config.js";
import { runLlmStage } from "./extract/llm/stage.js";
import { rememberPageGeometry } from "./report/page-geometry.js";
import { ReportSchema, SCHEMA_VERSION, type Report, type Verdict } from "./report/schema.js";
import { VERSION } from "./version.js";

type LlmStage = Report["stages"]["llm"];

export interface CheckOptions extends Pick<
  IngestOptions,
  "cacheDir" | "password" | "name" | "concurrency" | "onFile" | "ocr" | "limits"
> {
  /** Call id (DESIGN.md); detected from the application form's title when absent. */
  callId?: string;
  /** The LLM stage's endpoint and limits (resolveLlmConfig); absent: the stage is skipped, with this reason. */
  llm?: LlmConfig | { reason: string };
}

export const LLM_SKIPPED = "未配置大模型接口（OPENAI_BASE_URL），已跳过大模型阶段";

export async function runCheck(paths: readonly string[], options: CheckOptions = {}): Promise<Report> {
  const { callId, llm, ...ingestOptions } = options;
  const pkg = await ingest(paths, ingestOptions);
  const known = callId !== undefined && (CALL_IDS as readonly string[]).includes(callId);
  const bugs: Finding[] = [];
  let extraction: Extraction;
  try {
    extraction = extract(pkg, known ? { callId: callId as CallId } : {});
  } catch (error) {
    // A bug in extraction (or a file shaped to trigger one) costs the fields, never the report.
    bugs.push(internalFinding("internal/extract", "读取材料后抽取文档和字段时", error));
    extraction = { call: null, documents: [], fields: [], form: null, toc: [], pages: [], extract_ms: 0 };
  }
  let stage: LlmStage = { used: false, reason: llm && "reason" in llm ? llm.reason : LLM_SKIPPED };
  if (llm && !("reason" in llm)) ({ extraction, report: stage } = await runLlmStage(pkg, extraction, llm));
  return buildReport(bugs.length ? { ...pkg, findings: [...pkg.findings, ...bugs] } : pkg, extraction, {
    ...(callId !== undefined && !known ? { unknownCallId: callId } : {}),
    llm: stage,
  });
}

/** The report for an already ingested and extracted package. */
export function buildReport(
  pkg: Package,
  extraction: Extraction,
  opts: { unknownCallId?: string; llm?: LlmStage } = {},
): Report {
  const pack = opts.unknownCallId ? null : packFor(extraction.call?.id);
  let result: CheckResult | null = null;
  let findings: Finding[];
  if (pack) {
    try {
      result = runChecks(createContext(pkg, extraction, pack));
      findings = result.findings;
    } catch (error) {
      findings = [...pkg.findings, internalFinding("internal/checks", "按申报通知检查材料时", error)];
    }
  } else {
    findings = [...pkg.findings, unknownCall(opts.unknownCallId)];
  }
  const summaryOf = (all: Finding[]): Report["summary"] => {
    const count = (s: Finding["severity"]) => all.filter((f) => f.severity === s).length;
    const errors = count("error");
    const warnings = count("warning");
    const verdict: Verdict = errors > 0 ? (result?.rejected ? "reject" : "fix") : warnings > 0 ? "fix" : "pass";
    return { errors, warnings, infos: count("info"), verdict, ...(result ? { rules: result.counts } : {}) };
  };
  const candidate: Report = {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: "shenbao", version: VERSION },
    call: pack ? { id: pack.callId, title: pack.title } : null,
    package: {
      name: pkg.name,
      files: pkg.files.map((f) => ({
        path: f.path,
        sha256: f.sha256,
        bytes: f.bytes,
        kind: f.kind,
        pages: f.pages.length,
        textSource: f.textSource,
      })),
    },
    documents: extraction.documents,
    fields: extraction.fields,
    findings,
    summary: summaryOf(findings),
    stages: {
      ingest_ms: Math.round(pkg.stats.ingest_ms),
      ocr_pages: pkg.stats.ocr_pages,
      extract_ms: extraction.extract_ms,
      llm: opts.llm ?? { used: false, reason: LLM_SKIPPED },
    },
  };
  const report = validReport(candidate, summaryOf);
  // Page sizes and OCR turns for thumbnails, kept beside the report object (never in the JSON).
  rememberPageGeometry(report, pkg);
  return report;
}

/**
 * The report, always: what fails the contract (NaN from a damaged file that slipped through, a bug) is dropped and a
 * finding says what and how much, instead of the package ending without a report.
 */
function validReport(candidate: Report, summaryOf: (findings: Finding[]) => Report["summary"]): Report {
  const first = ReportSchema.safeParse(candidate);
  if (first.success) return first.data;
  const keep = <T>(items: T[], schema: { safeParse(v: unknown): { success: boolean } }, fix: (item: T) => T) => {
    const kept = items.map(fix).filter((item) => schema.safeParse(item).success);
    return { kept, dropped: items.length - kept.length };
  };
  // Evidence keeps its quote and page when only its box is bad.
  const fixEvidence = <T extends { evidence: unknown[] }>(item: T): T => ({
    ...item,
    evidence: item.evidence.map((e) => {
      if (EvidenceSchema.safeParse(e).success || typeof e !== "object" || e === null) return e;
      const { box: _box, ...rest } = e as { box?: unknown };
      return rest;
    }),
  });
  const findings = keep(candidate.findings, FindingSchema, fixEvidence);
  const fields = keep(candidate.fields, FieldSchema, fixEvidence);
  const documents = keep(candidate.documents, DocumentSchema, (d) => d);
  const files = candidate.package.files.filter((f) => ReportSchema.shape.package.shape.files.element.safeParse(f).success);
  const issues = first.error.issues.slice(0, 5).map((i) => `${i.path.join(".")}: ${i.message}`);
  const bug: Finding = {
    ruleId: "internal/report-schema",
    severity: "warning",
    category: "format",
    message: `生成报告时发现程序内部数据不符合报告格式，已省略${findings.dropped}条问题、${fields.dropped}个字段、${documents.dropped}个文档、${candidate.package.files.length - files.length}个文件记录中的无效内容，本报告可能不完整。这是本工具的程序缺陷（多由已损坏的文件引起），请人工复核相关材料，并将材料包反馈给维护者。`,
    actual: { issues },
    evidence: [],
  };
  const all = [...findings.kept, bug];
  const repaired = ReportSchema.safeParse({
    ...candidate,
    package: { ...candidate.package, files },
    findings: all,
    fields: fields.kept,
    documents: documents.kept,
    summary: summaryOf(all),
  });
  if (repaired.success) return repaired.data;
  // Last resort: the parts that are still wrong are emptied, so a report exists and says so.
  return ReportSchema.parse({
    schemaVersion: SCHEMA_VERSION,
    tool: { name: "shenbao", version: VERSION },
    call: null,
    package: { name: String(candidate.package.name), files },
    documents: [],
    fields: [],
    findings: [bug],
    summary: { ...summaryOf([bug]), rules: undefined },
    stages: { ingest_ms: 0, ocr_pages: 0, extract_ms: 0, llm: { used: false, reason: LLM_SKIPPED } },
  });
}

/** A bug (an exception in a stage) as a finding in Chinese; the technical detail stays in `actual`. */
function internalFinding(ruleId: string, stage: string, error: unknown): Finding {
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return {
    ruleId,
    severity: "error",
    category: "format",
    message: `${stage}出现程序内部错误，这部分检查未能完成，结论不完整。这是本工具的程序缺陷（可能由已损坏的文件引起），请人工复核材料，并将材料包反馈给维护者。`,
    actual: { detail: detail.slice(0, 500) },
    evidence: [],
  };
}

function unknownCall(given: string | undefined): Finding {
  const what = given
    ? `指定的申报通知编号「${given}」不存在`
    : "申报材料中未找到可识别的申报书标题，无法确定对应的申报通知";
  return {
    ruleId: "call/unknown",
    severity: "error",
    category: "format",
    message: `${what}，未能按通知要求检查材料完整性和一致性。请确认申报书使用了通知所附模板，或用 --call 指定申报通知编号（可选：${CALL_IDS.join("、")}）后重新检查。`,
    ...(given ? { actual: given } : {}),
    expected: CALL_IDS,
    evidence: [],
  };
}
