/**
 * The batch's own outputs besides the per-package reports: the entries of batch.json and index.html, a sortable
 * list of all packages with the batch findings (the batch rules themselves are src/checks/batch.ts).
 */
import type { Finding } from "../model.js";
import { escapeHtml } from "./html.js";
import { VERDICT_LABELS } from "./labels.js";
import type { Verdict } from "./schema.js";

export interface BatchEntry {
  /** Package name = its folder under the output directory. */
  name: string;
  source: string;
  /** sha256 over the package's files' relative paths, sizes and sha256s. */
  hash: string;
  /** shenbao version that wrote the report. */
  version: string;
  /** The LLM the report was made with, `llm:<model>`, or "off". */
  llm?: string;
  /** checked in this run, resumed from the previous run unchanged, or failed (no report). */
  status: "checked" | "resumed" | "failed";
  callId?: string | null;
  /** Version of the call's rule pack the package was checked against. */
  packVersion?: string | null;
  verdict?: Verdict;
  errors?: number;
  warnings?: number;
  infos?: number;
  /** Why the package could not be checked (status "failed"). */
  error?: string;
  ms?: number;
}

export interface BatchResult {
  tool: { name: string; version: string };
  input: string;
  callId?: string;
  startedAt: string;
  finishedAt: string;
  /** True when the run was stopped before every package was checked. */
  interrupted: boolean;
  packages: BatchEntry[];
  /** Findings that need several packages to see. */
  findings: Finding[];
}

const VERDICT_RANK: Record<Verdict, number> = { reject: 0, fix: 1, pass: 2 };

export function formatBatchIndex(batch: BatchResult): string {
  const e = escapeHtml;
  const rows = batch.packages.map((p) => {
    const link = encodeURIComponent(p.name);
    const verdict = p.verdict
      ? `<td data-v="${VERDICT_RANK[p.verdict]}" class="v-${p.verdict}">${VERDICT_LABELS[p.verdict]}</td>`
      : `<td data-v="-1" class="v-failed">检查失败</td>`;
    const links = p.verdict
      ? `<a href="${link}/report.html">报告</a> · <a href="${link}/report.md">Markdown</a> · <a href="${link}/report.json">JSON</a>`
      : e(p.error ?? "");
    return `<tr><td>${e(p.name)}</td>${verdict}<td data-v="${p.errors ?? -1}">${p.errors ?? "—"}</td><td data-v="${p.warnings ?? -1}">${p.warnings ?? "—"}</td><td>${e(p.callId ?? "未识别")}</td><td>${p.status === "resumed" ? "沿用上次结果" : p.status === "failed" ? "失败" : "本次检查"}</td><td>${links}</td></tr>`;
  });
  const count = (v: Verdict) => batch.packages.filter((p) => p.verdict === v).length;
  const failed = batch.packages.filter((p) => p.status === "failed").length;
  const findings = batch.findings.map((f) => `<li>${e(f.message)}</li>`).join("");
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>批量预审结果</title>
<style>
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:1.5rem auto;max-width:70rem;padding:0 1rem;color:#222}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #bbb;padding:.3rem .5rem;text-align:left}
th{background:#eee;cursor:pointer;user-select:none}th:after{content:" ⇅";color:#999}
.v-pass{color:#2e7d32;font-weight:bold}.v-fix{color:#b26a00;font-weight:bold}.v-reject,.v-failed{color:#c62828;font-weight:bold}
.batch-findings{border-left:4px solid #c62828;background:#fdecea;padding:.5rem 1rem}
@media print{th:after{content:""}a{color:inherit;text-decoration:none}tr{break-inside:avoid}}
</style></head><body>
<h1>批量预审结果</h1>
<p>共 ${batch.packages.length} 个申报包：通过 ${count("pass")}，需补正 ${count("fix")}，不予受理 ${count("reject")}，检查失败 ${failed}${batch.interrupted ? "（本次运行被中断，未列出的申报包尚未检查）" : ""}。生成工具：${e(batch.tool.name)} ${e(batch.tool.version)}，${e(batch.finishedAt)}。</p>
${findings ? `<div class="batch-findings"><h2>批次问题</h2><ul>${findings}</ul></div>` : ""}
<table id="packages"><thead><tr><th>申报包</th><th>结论</th><th>错误</th><th>警告</th><th>申报通知</th><th>状态</th><th>报告</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody></table>
<script>
document.querySelectorAll("#packages th").forEach(function (th, col) {
  var asc = true;
  th.addEventListener("click", function () {
    var body = document.querySelector("#packages tbody");
    var key = function (tr) { var td = tr.children[col]; return td.dataset.v !== undefined ? Number(td.dataset.v) : td.textContent; };
    var rows = Array.prototype.slice.call(body.rows).sort(function (a, b) {
      var x = key(a), y = key(b);
      return (typeof x === "number" ? x - y : String(x).localeCompare(String(y), "zh-CN")) * (asc ? 1 : -1);
    });
    asc = !asc;
    rows.forEach(function (tr) { body.appendChild(tr); });
  });
});
</script>
</body></html>
`;
}
