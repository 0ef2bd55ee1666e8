/**
 * The HTML writer: one self-contained page (inline CSS, no scripts, no external URLs) for reading on screen
 * and printing on A4. Verdict banner first, then findings grouped by severity and category, the evaluator's
 * 关键信息 with their sources, and the files read. All document text is untrusted and escaped.
 */
import type { Category, Evidence, Field, Finding, Severity } from "../model.js";
import {
  CATEGORY_LABELS,
  LLM_ADVICE_TITLE,
  SEVERITY_LABELS,
  TEXT_SOURCE_LABELS,
  VERDICT_LABELS,
  VERDICT_NOTES,
} from "./labels.js";
import type { Report } from "./schema.js";
import { pickField, valueText } from "./summary-table/values.js";

/** 关键信息 for the evaluator: label and field keys (a trailing `.*` lists every year). */
const KEY_FIELDS: ReadonlyArray<{ label: string; keys: readonly string[]; unit?: string }> = [
  { label: "申报单位", keys: ["applicant.name"] },
  { label: "统一社会信用代码", keys: ["applicant.uscc"] },
  { label: "模型/产品名称", keys: ["model.name", "product.name", "platform.name", "scenario.name"] },
  { label: "模型类型", keys: ["model.type", "product.type"] },
  { label: "参数量", keys: ["model.paramsYi"], unit: "亿" },
  { label: "营业收入", keys: ["finance.revenue.*"], unit: "万元" },
  { label: "研发投入", keys: ["finance.rdExpense.*", "model.rdCost", "product.rdCost"], unit: "万元" },
  { label: "备案号", keys: ["model.filingNumber"] },
  { label: "联合体", keys: ["applicant.consortium", "applicant.partnerIntro"] },
];

/** Which reading a key is, when one 关键信息 row can come from several keys. */
const KEY_NOTES: Record<string, string> = {
  "model.rdCost": "（模型研发）",
  "product.rdCost": "（产品研发）",
  "applicant.partnerIntro": "（联合单位）",
};

const CSS = `
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0 auto;max-width:60rem;padding:1.5rem;color:#222;line-height:1.55}
h1{font-size:1.5rem;margin:0 0 .8rem}h2{font-size:1.2rem;border-bottom:2px solid #ccc;padding-bottom:.2rem;margin-top:1.8rem}h3{font-size:1.05rem;margin:1rem 0 .4rem}
.verdict{border-radius:6px;padding:.8rem 1.1rem;color:#fff;font-size:1.1rem}.verdict b{font-size:1.5rem;margin-right:.8rem}
.v-pass{background:#2e7d32}.v-fix{background:#e69500}.v-reject{background:#c62828}
.meta{margin:.8rem 0;padding:0;list-style:none}.meta li{margin:.15rem 0}
.counts span{display:inline-block;margin-right:1rem;font-weight:bold}.c-error{color:#c62828}.c-warning{color:#b26a00}.c-info{color:#1565c0}
ol.findings>li{margin:.5rem 0;page-break-inside:avoid;break-inside:avoid}
.rule{font-family:monospace;font-size:.8rem;color:#777;margin-left:.4rem}
blockquote{margin:.25rem 0 .25rem 1rem;padding:.2rem .6rem;border-left:3px solid #bbb;background:#f6f6f6;font-size:.9rem;white-space:pre-wrap}
.place{color:#555;font-size:.88rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border:1px solid #bbb;padding:.3rem .45rem;text-align:left;vertical-align:top}th{background:#eee}
tr{page-break-inside:avoid;break-inside:avoid}.none{color:#999}
footer{margin-top:2rem;font-size:.8rem;color:#777}
@page{size:A4;margin:15mm 14mm}
@media print{body{max-width:none;padding:0;font-size:10.5pt}.verdict{-webkit-print-color-adjust:exact;print-color-adjust:exact}
h2,h3{page-break-after:avoid;break-after:avoid}section.keys{page-break-before:always;break-before:page}a{color:inherit;text-decoration:none}}
`;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function formatHtml(report: Report): string {
  const { summary } = report;
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
  out.push("</ul>");
  for (const severity of ["error", "warning", "info"] as const) out.push(...findingsSection(report, severity));
  const llm = report.stages.llm;
  out.push(...keyFieldsSection(report));
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

function findingsSection(report: Report, severity: Severity): string[] {
  const findings = report.findings.filter((f) => f.severity === severity);
  if (findings.length === 0) return [];
  const out = [
    `<section class="findings-${severity}"><h2 class="c-${severity}">${SEVERITY_LABELS[severity]}（${findings.length}）</h2>`,
  ];
  for (const category of Object.keys(CATEGORY_LABELS) as Category[]) {
    const group = findings.filter((f) => f.category === category);
    if (group.length === 0) continue;
    out.push(`<h3>${CATEGORY_LABELS[category]}</h3>`, '<ol class="findings">');
    out.push(...group.map(findingItem), "</ol>");
  }
  out.push("</section>");
  return out;
}

function findingItem(f: Finding): string {
  const evidence = f.evidence.map((ev) => evidenceHtml(ev)).join("");
  return `<li>${escapeHtml(f.message)}<span class="rule">${escapeHtml(f.ruleId)}</span>${evidence}</li>`;
}

function evidenceHtml(ev: Evidence, maxQuote = 200): string {
  const quote = ev.quote.trim();
  const shown = [...quote].length > maxQuote ? `${[...quote].slice(0, maxQuote).join("")}…` : quote;
  return (
    `<div class="place">「${escapeHtml(ev.file)}」第${ev.page}页</div>` +
    (shown ? `<blockquote>${escapeHtml(shown)}</blockquote>` : "")
  );
}

function keyFieldsSection(report: Report): string[] {
  const out = [
    '<section class="keys"><h2>关键信息</h2>',
    "<table><thead><tr><th>项目</th><th>内容</th><th>出处</th></tr></thead><tbody>",
  ];
  for (const item of KEY_FIELDS) {
    const fields = item.keys.flatMap((key) => keyFields(report, key));
    if (fields.length === 0) {
      out.push(`<tr><th>${item.label}</th><td class="none">未找到</td><td></td></tr>`);
      continue;
    }
    for (const f of fields) {
      const year = /\.(\d{4})$/.exec(f.key)?.[1];
      const label = `${item.label}${year ? `（${year}年）` : (KEY_NOTES[f.key] ?? "")}`;
      const value = `${valueText(f.value)}${typeof f.value === "number" && item.unit ? ` ${item.unit}` : ""}`;
      const source = f.evidence[0] ? evidenceHtml(f.evidence[0], 80) : '<span class="none">无</span>';
      out.push(`<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(value)}</td><td>${source}</td></tr>`);
    }
  }
  out.push("</tbody></table></section>");
  return out;
}

/** The best reading of `key`, or of every `prefix.<year>` for `prefix.*`, years ascending. */
function keyFields(report: Report, key: string): Field[] {
  if (!key.endsWith(".*")) return [pickField(report, key)].filter((f): f is Field => f !== undefined);
  const prefix = key.slice(0, -1);
  const keys = [
    ...new Set(
      report.fields.map((f) => f.key).filter((k) => k.startsWith(prefix) && /^\d{4}$/.test(k.slice(prefix.length))),
    ),
  ];
  return keys
    .sort()
    .map((k) => pickField(report, k))
    .filter((f): f is Field => f !== undefined);
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
