/**
 * The evaluator summary as Markdown: `formatSummary` is `shenbao check --format summary` (a list that also reads
 * well in a terminal); `summaryMarkdownSection` is the same summary as a table inside report.md. Values and
 * quotes from the package go through `md`/`mdCell`.
 */
import type { Evidence } from "../model.js";
import { buildEvaluatorSummary, type EvaluatorSummary, type SummaryRow } from "./evaluator-summary.js";
import { VERDICT_LABELS } from "./labels.js";
import type { Report } from "./schema.js";
import { ESTIMATE_LABEL, WUHAN_POLICY, wan, type SubsidyAssessment } from "./subsidy.js";
import { md, mdCell } from "./_internal/escape.js";

export const SUMMARY_TITLE = "关键信息";
export const SUBSIDY_TITLE = `补助估算（${ESTIMATE_LABEL}）`;
export const ABSTRACT_TITLE = "项目摘要（大模型生成，仅供参考）";

export function formatSummary(report: Report): string {
  const s = buildEvaluatorSummary(report);
  const c = s.counts;
  const out = [
    `# 评审摘要：${md(s.packageName)}`,
    "",
    `- 申报通知：${s.call ? `${md(s.call.title)}（${md(s.call.id)}）` : "未识别"}`,
    `- 预审结论：${VERDICT_LABELS[s.verdict]}（错误 ${c.errors} 项，警告 ${c.warnings} 项，提示 ${c.infos} 项）`,
    "",
    `## ${SUMMARY_TITLE}`,
    "",
  ];
  for (const row of s.rows) {
    out.push(
      `- ${md(row.label)}：${row.value === undefined || row.value === null ? "未找到" : md(row.value)}${row.byLlm ? "（大模型抽取）" : ""}`,
    );
    const source = rowSource(row);
    if (source) out.push(`  出处：${source}`);
  }
  out.push("", `## ${SUBSIDY_TITLE}`, "", ...subsidyLines(s.subsidy), "");
  out.push(...abstractLines(s));
  return out.join("\n");
}

/** The summary inside report.md: a table of key facts, the subsidy estimate, the model-written abstract. */
export function summaryMarkdownSection(report: Report): string[] {
  const s = buildEvaluatorSummary(report);
  const out = [`## ${SUMMARY_TITLE}`, "", "| 项目 | 内容 | 出处 |", "|---|---|---|"];
  for (const row of s.rows) {
    out.push(`| ${mdCell(row.label)} | ${mdCell(row.value ?? "未找到")} | ${rowSource(row) ?? ""} |`);
  }
  out.push("", `### ${SUBSIDY_TITLE}`, "", ...subsidyLines(s.subsidy), "");
  return [...out, ...abstractLines(s, "###")];
}

export function subsidyLines(a: SubsidyAssessment): string[] {
  if (a.kind === "not-applicable") return [`- 不适用：${md(a.reason)}`];
  const out = [
    `- 依据：${WUHAN_POLICY.title}（${WUHAN_POLICY.docNo}）${a.clause.article}${a.basis === "analogous" ? "（参照）" : ""}`,
    `- 条款原文：“${a.clause.quote}”`,
  ];
  if (a.kind === "no-input") {
    out.push(`- 计算方法：${a.clause.base} × ${Math.round(a.clause.rate * 100)}%，最高${wan(a.clause.capWan)}`);
    out.push("- **估算补助：无法估算**");
  } else {
    out.push(`- 输入：${md(a.input.label)} ${wan(a.input.valueWan)}`, `  出处：${evidenceText(a.input.evidence)}`);
    out.push(`- 计算：${a.formula}`);
    out.push(`- **估算补助：${wan(a.amountWan)}**`);
  }
  for (const note of a.notes) out.push(`- 说明：${md(note)}`);
  return out;
}

function abstractLines(s: EvaluatorSummary, level = "##"): string[] {
  if (!s.abstract) return [];
  return [
    `${level} ${ABSTRACT_TITLE}`,
    "",
    `> ${md(s.abstract)}`,
    ...(s.llmModel ? ["", `> 模型：${md(s.llmModel)}`] : []),
    "",
  ];
}

/** Where a row's value comes from, as escaped Markdown. */
function rowSource(row: SummaryRow): string | null {
  if (row.evidence) return evidenceText(row.evidence);
  return row.sourceNote ? md(row.sourceNote) : null;
}

/** 「file」第N页：“quote…”, as escaped Markdown (one line, no live markup). */
export function evidenceText(ev: Evidence, maxQuote = 60): string {
  const quote = ev.quote.replace(/\s+/g, " ").trim();
  const shown = [...quote].length > maxQuote ? `${[...quote].slice(0, maxQuote).join("")}…` : quote;
  return `「${md(ev.file)}」第${ev.page}页${shown ? `：“${md(shown)}”` : ""}`;
}
