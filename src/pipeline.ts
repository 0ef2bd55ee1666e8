/**
 * ingest → extract → checks → Report. The report is validated against ReportSchema before it is returned,
 * so every writer (JSON, Markdown) takes the same checked object.
 *
 * Verdict: "reject" when a rule marked `rejects` (materials missing: 「材料不齐者不予受理」) failed at error
 * severity; else "fix" when there is any error or warning (both ask the applicant to act); else "pass".
 * Infos never change the verdict.
 */
import type { Finding, Package } from "./model.js";
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
  let extraction = extract(pkg, known ? { callId: callId as CallId } : {});
  let stage: LlmStage = { used: false, reason: llm && "reason" in llm ? llm.reason : LLM_SKIPPED };
  if (llm && !("reason" in llm)) ({ extraction, report: stage } = await runLlmStage(pkg, extraction, llm));
  return buildReport(pkg, extraction, {
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
    result = runChecks(createContext(pkg, extraction, pack));
    findings = result.findings;
  } else {
    findings = [...pkg.findings, unknownCall(opts.unknownCallId)];
  }
  const count = (s: Finding["severity"]) => findings.filter((f) => f.severity === s).length;
  const errors = count("error");
  const warnings = count("warning");
  const verdict: Verdict = errors > 0 ? (result?.rejected ? "reject" : "fix") : warnings > 0 ? "fix" : "pass";
  const report = ReportSchema.parse({
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
    summary: { errors, warnings, infos: count("info"), verdict, ...(result ? { rules: result.counts } : {}) },
    stages: {
      ingest_ms: Math.round(pkg.stats.ingest_ms),
      ocr_pages: pkg.stats.ocr_pages,
      extract_ms: extraction.extract_ms,
      llm: opts.llm ?? { used: false, reason: LLM_SKIPPED },
    },
  } satisfies Report);
  // Page sizes and OCR turns for thumbnails, kept beside the report object (never in the JSON).
  rememberPageGeometry(report, pkg);
  return report;
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
