/**
 * The Markdown writer, in Chinese for the applicant and the reviewer: verdict first, then errors, warnings
 * and infos grouped by category, each with its message, places and quotes; the evaluator summary (关键信息 with
 * sources, subsidy estimate); the files read last. Every text from the package (names, messages that cite
 * them, quotes) goes through `md`/`mdCell`: it shows as text, never as live Markdown or HTML.
 */
import type { Category, Finding } from "../model.js";
import {
  CATEGORY_LABELS,
  LLM_ADVICE_TITLE,
  SEVERITY_LABELS,
  TEXT_SOURCE_LABELS,
  VERDICT_LABELS,
  VERDICT_NOTES,
} from "./labels.js";
import type { Report } from "./schema.js";
import { summaryMarkdownSection } from "./summary-format.js";
import { md, mdCell } from "./_internal/escape.js";

export function formatMarkdown(report: Report): string {
  const { summary } = report;
  const out: string[] = [`# 申报材料预审报告：${md(report.package.name)}`, ""];
  out.push(`**结论：${VERDICT_LABELS[summary.verdict]}** — ${VERDICT_NOTES[summary.verdict]}`, "");
  out.push(`- 申报通知：${report.call ? `${md(report.call.title)}（${md(report.call.id)}）` : "未识别"}`);
  out.push(`- 问题：错误 ${summary.errors} 项，警告 ${summary.warnings} 项，提示 ${summary.infos} 项`);
  if (summary.rules) {
    const r = summary.rules;
    out.push(`- 检查规则：通过 ${r.passed} 条，未通过 ${r.failed} 条，因缺少材料未能检查 ${r.notEvaluated} 条`);
  }
  out.push("");
  for (const severity of ["error", "warning", "info"] as const) {
    const findings = report.findings.filter((f) => f.severity === severity);
    if (findings.length === 0) continue;
    out.push(`## ${SEVERITY_LABELS[severity]}（${findings.length}）`, "");
    for (const category of Object.keys(CATEGORY_LABELS) as Category[]) {
      const group = findings.filter((f) => f.category === category);
      if (group.length === 0) continue;
      out.push(`### ${CATEGORY_LABELS[category]}`, "");
      group.forEach((f, i) => out.push(...item(f, i + 1)));
      out.push("");
    }
  }
  const llm = report.stages.llm;
  if (llm.used && (llm.summary || llm.narrative?.length)) {
    out.push(`## ${LLM_ADVICE_TITLE}`, "");
    if (llm.summary) out.push(`- 项目简介（模型生成）：${md(llm.summary.description)}`);
    for (const note of llm.narrative ?? []) out.push(`- ${md(note.message)}`);
    out.push("");
  }
  out.push(...summaryMarkdownSection(report));
  out.push("## 已读取的文件", "", "| 文件 | 类型 | 页数 | 文字来源 |", "|---|---|---|---|");
  for (const f of report.package.files) {
    out.push(
      `| ${mdCell(f.path)} | ${mdCell(f.kind)} | ${f.pages} | ${mdCell(TEXT_SOURCE_LABELS[f.textSource] ?? f.textSource)} |`,
    );
  }
  out.push(
    "",
    `> 大模型阶段：${md(report.stages.llm.used ? `已使用（${report.stages.llm.model ?? "未知模型"}）` : report.stages.llm.reason)}`,
  );
  out.push(`> 生成工具：${md(`${report.tool.name} ${report.tool.version}，报告格式 ${report.schemaVersion}`)}`, "");
  return out.join("\n");
}

function item(f: Finding, n: number): string[] {
  const lines = [`${n}. ${md(f.message)} ${code(f.ruleId)}`];
  for (const e of f.evidence) {
    const quote = [...e.quote.replace(/\s+/g, " ").trim()];
    const shown = quote.length > 80 ? `${quote.slice(0, 80).join("")}…` : quote.join("");
    lines.push(`   - 「${md(e.file)}」第${e.page}页${shown ? `：“${md(shown)}”` : ""}`);
  }
  return lines;
}

/** A rule id as inline code; ids are ours, but a backtick could still not end the span early. */
const code = (s: string) => `\`${s.replace(/`/g, "")}\``;
