/**
 * The HTML writer: one self-contained page (inline CSS, no scripts, no external URLs) for reading on screen
 * and printing on A4. Verdict banner first, then findings grouped by severity and category (with page thumbnails
 * when given: inline data: URIs), the evaluator summary (关键信息 with sources, subsidy estimate), and the files read.
 * All document text is untrusted and escaped.
 */
import type { Category, Evidence, Finding, Severity } from "../model.js";
import { buildEvaluatorSummary, type SummaryRow } from "./evaluator-summary.js";
import {
  CATEGORY_LABELS,
  LLM_ADVICE_TITLE,
  SEVERITY_LABELS,
  TEXT_SOURCE_LABELS,
  VERDICT_LABELS,
  VERDICT_NOTES,
} from "./labels.js";
import type { Report } from "./schema.js";
import { ESTIMATE_LABEL, WUHAN_POLICY, wan, type SubsidyAssessment } from "./subsidy.js";
import { ABSTRACT_TITLE, SUBSIDY_TITLE, SUMMARY_TITLE } from "./summary-format.js";
import type { Thumbnails } from "./thumbnails.js";

export interface HtmlOptions {
  /** Page thumbnails for the findings' evidence (renderThumbnails); without them the places are text only. */
  thumbnails?: Thumbnails;
}

const CSS = `
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0 auto;max-width:60rem;padding:1.5rem;color:#222;line-height:1.55}
h1{font-size:1.5rem;margin:0 0 .8rem}h2{font-size:1.2rem;border-bottom:2px solid #ccc;padding-bottom:.2rem;margin-top:1.8rem}h3{font-size:1.05rem;margin:1rem 0 .4rem}
.verdict{border-radius:6px;padding:.8rem 1.1rem;color:#fff;font-size:1.1rem}.verdict b{font-size:1.5rem;margin-right:.8rem}
.v-pass{background:#2e7d32}.v-fix{background:#e69500}.v-reject{background:#c62828}
.meta{margin:.8rem 0;padding:0;list-style:none}.meta li{margin:.15rem 0}
.counts span{display:inline-block;margin-right:1rem;font-weight:bold}.c-error{color:#c62828}.c-warning{color:#b26a00}.c-info{color:#1565c0}
ol.findings>li{margin:.5rem 0;page-break-inside:avoid;break-inside:avoid}ol.findings>li.thumbs{page-break-inside:auto;break-inside:auto}
.place{break-after:avoid;page-break-after:avoid}.ev{break-inside:avoid;page-break-inside:avoid}blockquote{break-inside:avoid;page-break-inside:avoid}
.rule{font-family:monospace;font-size:.8rem;color:#777;margin-left:.4rem}
blockquote{margin:.25rem 0 .25rem 1rem;padding:.2rem .6rem;border-left:3px solid #bbb;background:#f6f6f6;font-size:.9rem;white-space:pre-wrap}
.place{color:#555;font-size:.88rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border:1px solid #bbb;padding:.3rem .45rem;text-align:left;vertical-align:top}th{background:#eee}
tr{page-break-inside:avoid;break-inside:avoid}.none{color:#999}
section.keys tbody th{width:9.5em}section.keys tbody td:nth-child(2){width:14em}
footer{margin-top:2rem;font-size:.8rem;color:#777}
figure.thumb{margin:.3rem 0 .6rem 1rem;break-inside:avoid;page-break-inside:avoid}figure.thumb img{display:block;max-width:100%;height:auto;border:1px solid #bbb;box-shadow:0 1px 3px rgba(0,0,0,.15)}
.note{color:#555;font-size:.9rem}.tag{display:inline-block;margin-left:.5rem;padding:0 .35rem;border:1px solid #999;border-radius:3px;font-size:.75rem;color:#555;font-weight:normal}
.subsidy{border:1px solid #bbb;border-radius:6px;padding:.5rem .9rem;break-inside:avoid;page-break-inside:avoid}.subsidy .amount{font-size:1.1rem;margin:.3rem 0}
.subsidy dl{display:grid;grid-template-columns:6em 1fr;gap:.25rem .6rem;margin:.4rem 0}.subsidy dt{color:#555}.subsidy dd{margin:0}.subsidy ul{margin:0;padding-left:1.2rem}
@page{size:A4;margin:15mm 14mm}
@media screen and (max-width:40rem){body{padding:.8rem}table{display:block;overflow-x:auto}}
@media print{body{max-width:none;padding:0;font-size:10.5pt}.verdict{-webkit-print-color-adjust:exact;print-color-adjust:exact}
h2,h3{page-break-after:avoid;break-after:avoid}figure.thumb img{box-shadow:none;max-width:120mm}section.keys{page-break-before:always;break-before:page}a{color:inherit;text-decoration:none}}
`;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function formatHtml(report: Report, options: HtmlOptions = {}): string {
  const { summary } = report;
  const { thumbnails } = options;
  const e = escapeHtml;
  const out: string[] = [
    "<!DOCTYPE html>",
    '<html lang="zh-CN"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width,initial-scale=1">',
    `<title>申报材料预审报告：${e(report.package.name)}</title><style>${CSS}</style></head><body>`,
    `<h1>申报材料预审报告：${e(report.package.name)}</h1>`,
    `<div class="verdict v-${summary.verdict}"><b>${VERDICT_LABELS[summary.verdict]}</b>${VERDICT_NOTES[summary.verdict]}</div>`,
    '<ul class="meta">',
    `<li>申报通知：${report.call ? `${e(report.call.title)}（${e(report.call.id)}）` : "未识别"}</li>`,
    `<li class="counts"><span class="c-error">错误 ${summary.errors}</span><span class="c-warning">警告 ${summary.warnings}</span><span class="c-info">提示 ${summary.infos}</span></li>`,
  ];
  if (summary.rules) {
    const r = summary.rules;
    out.push(`<li>检查规则：通过 ${r.passed} 条，未通过 ${r.failed} 条，因缺少材料未能检查 ${r.notEvaluated} 条</li>`);
  }
  if (thumbnails && thumbnails.omitted > 0) {
    out.push(
      `<li class="note">页面截图已达上限（每份报告 ${thumbnails.limit} 张），其余 ${thumbnails.omitted} 处出处未附截图，请按文件名和页码查看原件。</li>`,
    );
  }
  out.push("</ul>");
  for (const severity of ["error", "warning", "info"] as const)
    out.push(...findingsSection(report, severity, thumbnails));
  const llm = report.stages.llm;
  out.push(...summarySection(report));
  if (llm.used && (llm.summary || llm.narrative?.length)) {
    out.push(`<h2>${LLM_ADVICE_TITLE}</h2>`, "<ul>");
    if (llm.summary) out.push(`<li>项目简介（模型生成）：${e(llm.summary.description)}</li>`);
    for (const note of llm.narrative ?? []) out.push(`<li>${e(note.message)}</li>`);
    out.push("</ul>");
  }
  out.push(...filesSection(report));
  out.push(
    `<footer>大模型阶段：${llm.used ? `已使用（${e(llm.model ?? "未知模型")}）` : e(llm.reason)}<br>`,
    `生成工具：${e(report.tool.name)} ${e(report.tool.version)}，报告格式 ${e(report.schemaVersion)}</footer>`,
    "</body></html>",
    "",
  );
  return out.join("\n");
}

function findingsSection(report: Report, severity: Severity, thumbnails: Thumbnails | undefined): string[] {
  const findings = report.findings.filter((f) => f.severity === severity);
  if (findings.length === 0) return [];
  const out = [
    `<section class="findings-${severity}"><h2 class="c-${severity}">${SEVERITY_LABELS[severity]}（${findings.length}）</h2>`,
  ];
  for (const category of Object.keys(CATEGORY_LABELS) as Category[]) {
    const group = findings.filter((f) => f.category === category);
    if (group.length === 0) continue;
    out.push(`<h3>${CATEGORY_LABELS[category]}</h3>`, '<ol class="findings">');
    out.push(...group.map((f) => findingItem(f, thumbnails)), "</ol>");
  }
  out.push("</section>");
  return out;
}

function findingItem(f: Finding, thumbnails: Thumbnails | undefined): string {
  const thumbs = f.evidence.map((ev) => thumbnailHtml(ev, thumbnails));
  const evidence = f.evidence
    .map((ev, i) => (thumbs[i] ? `<div class="ev">${evidenceHtml(ev)}${thumbs[i]}</div>` : evidenceHtml(ev)))
    .join("");
  // A finding with pictures may break across pages; short ones stay whole.
  const open = thumbs.some((t) => t !== "") ? '<li class="thumbs">' : "<li>";
  return `${open}${escapeHtml(f.message)}<span class="rule">${escapeHtml(f.ruleId)}</span>${evidence}</li>`;
}

/** Crops are shown at 80% of their pixels (sharp on high-density screens and in print); pages as small overviews. */
function thumbnailHtml(ev: Evidence, thumbnails: Thumbnails | undefined): string {
  const t = thumbnails?.get(ev);
  if (!t) return "";
  const k = t.highlighted ? 0.8 : 0.6;
  const alt = `「${ev.file}」第${ev.page}页${t.highlighted ? "（框出处为引文位置）" : ""}`;
  return (
    `<figure class="thumb${t.highlighted ? "" : " page"}"><img src="${t.src}" width="${Math.round(t.width * k)}" ` +
    `height="${Math.round(t.height * k)}" alt="${escapeHtml(alt)}"></figure>`
  );
}

function evidenceHtml(ev: Evidence, maxQuote = 200): string {
  const quote = ev.quote.trim();
  const shown = [...quote].length > maxQuote ? `${[...quote].slice(0, maxQuote).join("")}…` : quote;
  return (
    `<div class="place">「${escapeHtml(ev.file)}」第${ev.page}页</div>` +
    (shown ? `<blockquote>${escapeHtml(shown)}</blockquote>` : "")
  );
}

function summarySection(report: Report): string[] {
  const s = buildEvaluatorSummary(report);
  const out = [
    `<section class="keys"><h2>${SUMMARY_TITLE}</h2>`,
    "<table><thead><tr><th>项目</th><th>内容</th><th>出处</th></tr></thead><tbody>",
    ...s.rows.map(rowHtml),
    "</tbody></table>",
    `<h3>${SUBSIDY_TITLE}</h3>`,
    ...subsidyHtml(s.subsidy),
  ];
  if (s.abstract) {
    out.push(`<h3>${ABSTRACT_TITLE}</h3>`, `<blockquote>${escapeHtml(s.abstract)}</blockquote>`);
    if (s.llmModel) out.push(`<div class="place">模型：${escapeHtml(s.llmModel)}</div>`);
  }
  out.push("</section>");
  return out;
}

function rowHtml(row: SummaryRow): string {
  const label = `<th>${escapeHtml(row.label)}</th>`;
  if (row.value === null) return `<tr>${label}<td class="none">未找到</td><td></td></tr>`;
  const llm = row.byLlm ? '<span class="tag">大模型抽取</span>' : "";
  const source = row.evidence
    ? evidenceHtml(row.evidence, 80)
    : `<span class="none">${escapeHtml(row.sourceNote ?? "无")}</span>`;
  return `<tr>${label}<td>${escapeHtml(row.value)}${llm}</td><td>${source}</td></tr>`;
}

function subsidyHtml(a: SubsidyAssessment): string[] {
  const e = escapeHtml;
  if (a.kind === "not-applicable") {
    return [`<div class="subsidy"><p class="amount">不适用</p><p>${e(a.reason)}</p></div>`];
  }
  const out = [
    '<div class="subsidy">',
    a.kind === "estimate"
      ? `<p class="amount">估算补助：<b>${wan(a.amountWan)}</b><span class="tag">${ESTIMATE_LABEL}</span></p>`
      : `<p class="amount">估算补助：无法估算</p>`,
    "<dl>",
    `<dt>依据</dt><dd>${e(WUHAN_POLICY.title)}（${e(WUHAN_POLICY.docNo)}，${e(WUHAN_POLICY.effective)}）${e(a.clause.article)}${a.basis === "analogous" ? "（参照）" : ""}</dd>`,
    `<dt>条款原文</dt><dd><blockquote>${e(a.clause.quote)}</blockquote></dd>`,
  ];
  if (a.kind === "estimate") {
    out.push(
      `<dt>输入</dt><dd>${e(a.input.label)} ${wan(a.input.valueWan)}${evidenceHtml(a.input.evidence, 80)}</dd>`,
      `<dt>计算</dt><dd>${e(a.formula)}</dd>`,
    );
  } else {
    out.push(
      `<dt>计算方法</dt><dd>${e(a.clause.base)} × ${Math.round(a.clause.rate * 100)}%，最高${wan(a.clause.capWan)}</dd>`,
    );
  }
  if (a.notes.length > 0) out.push(`<dt>说明</dt><dd><ul>${a.notes.map((n) => `<li>${e(n)}</li>`).join("")}</ul></dd>`);
  out.push("</dl></div>");
  return out;
}

function filesSection(report: Report): string[] {
  const rows = report.package.files.map(
    (f) =>
      `<tr><td>${escapeHtml(f.path)}</td><td>${escapeHtml(f.kind)}</td><td>${f.pages}</td><td>${TEXT_SOURCE_LABELS[f.textSource] ?? escapeHtml(f.textSource)}</td></tr>`,
  );
  return [
    '<section class="files"><h2>已读取的文件</h2>',
    "<table><thead><tr><th>文件</th><th>类型</th><th>页数</th><th>文字来源</th></tr></thead><tbody>",
    ...rows,
    "</tbody></table></section>",
  ];
}
