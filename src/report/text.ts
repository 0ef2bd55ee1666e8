/**
 * The terminal writer (`shenbao check --format text`): compact Chinese, one line per finding, most severe first,
 * each with its rule id; the verdict and counts on top. Takes the same validated Report as the other writers.
 * Control characters from the package (ANSI escapes in a file name) are removed by `terminal`.
 */
import type { Finding, Severity } from "../model.js";
import { SEVERITY_LABELS, VERDICT_LABELS } from "./labels.js";
import type { Report } from "./schema.js";
import { terminal } from "./_internal/escape.js";

const MARK: Record<Severity, string> = { error: "✗", warning: "!", info: "·" };

export function formatText(report: Report): string {
  const { summary } = report;
  const out = [
    `${report.package.name}：${VERDICT_LABELS[summary.verdict]}（错误 ${summary.errors}，警告 ${summary.warnings}，提示 ${summary.infos}）`,
    `申报通知：${report.call ? `${report.call.title}（${report.call.id}）` : "未识别"}`,
  ];
  if (summary.rules) {
    const r = summary.rules;
    out.push(`检查规则：通过 ${r.passed}，未通过 ${r.failed}，未能检查 ${r.notEvaluated}`);
  }
  for (const severity of ["error", "warning", "info"] as const) {
    const findings = report.findings.filter((f) => f.severity === severity);
    if (findings.length === 0) continue;
    out.push("", `${SEVERITY_LABELS[severity]}（${findings.length}）`);
    findings.forEach((f, i) => out.push(line(f, i + 1)));
  }
  if (report.findings.length === 0) out.push("", "未发现问题。");
  return terminal(out.join("\n")) + "\n";
}

function line(f: Finding, n: number): string {
  return `${MARK[f.severity]} ${n}. ${f.message.replace(/\s*[\n\r\u2028\u2029]\s*/g, " ").trim()} [${f.ruleId}]`;
}
