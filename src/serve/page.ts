/**
 * The self-check page: one self-contained HTML document (inline CSS and script, no external URL). It checks
 * the files against the limits before uploading (the server checks again), uploads with progress, polls the
 * job and shows the HTML report in a sandboxed frame with the downloads above it. All text from the server
 * or the applicant's files is set with textContent, never parsed as HTML.
 */
import { CALL_PACKS } from "../checks/calls/index.js";
import { VERSION } from "../version.js";
import { limitMessages, formatMb, type ServeSettings } from "./options.js";

const REGIONS: ReadonlyArray<{ prefix: string; label: string }> = [
  { prefix: "wuhan-", label: "武汉市" },
  { prefix: "hubei-", label: "湖北省" },
  { prefix: "hunan-", label: "湖南省" },
];

const CSS = `
*{box-sizing:border-box}
body{margin:0;font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;color:#1f2933;background:#f3f5f9;line-height:1.6;font-size:15px}
.wrap{max-width:56rem;margin:0 auto;padding:0 1.25rem}
header.top{background:#1d4f91;color:#fff;padding:.9rem 0 1rem}
header.top h1{margin:0;font-size:1.45rem;letter-spacing:.04em}
header.top p{margin:.25rem 0 0;color:#d7e3f4;font-size:.92rem}
main.wrap{padding-top:1.25rem;padding-bottom:2rem}
.card{background:#fff;border:1px solid #dde3ec;border-radius:10px;padding:1.25rem 1.4rem;margin-bottom:1rem;box-shadow:0 1px 2px rgba(16,24,40,.04)}
h2{font-size:1.15rem;margin:0 0 .8rem}
label.title{display:block;font-weight:600;margin-bottom:.35rem}
select,input[type=password]{font:inherit;width:100%;max-width:32rem;padding:.45rem .6rem;border:1px solid #b8c2d0;border-radius:6px;background:#fff;color:inherit}
.hint{color:#5f6b7a;font-size:.86rem;margin:.35rem 0 0}
.drop{margin-top:1.1rem;border:2px dashed #9fb3cf;border-radius:10px;background:#f7f9fc;padding:1.4rem 1rem;text-align:center;cursor:pointer;transition:background .15s,border-color .15s}
.drop:hover,.drop.over{background:#eaf1fb;border-color:#1d4f91;outline:none}
.drop svg{width:40px;height:40px;color:#1d4f91}
.drop .big{font-size:1.08rem;font-weight:600;margin:.3rem 0 .1rem}
.drop p{margin:.2rem 0}
.drop .again{display:none}
.drop.compact{padding:.7rem 1rem}.drop.compact svg,.drop.compact .big{display:none}.drop.compact .again{display:inline}
button{font:inherit;cursor:pointer}
.link{background:none;border:none;padding:0;color:#1d4f91;text-decoration:underline;font-weight:600}
.files{list-style:none;margin:1rem 0 0;padding:0;border:1px solid #e3e8ef;border-radius:8px;max-height:16rem;overflow:auto}
.files:empty{display:none}
.files li{display:flex;align-items:center;gap:.75rem;padding:.4rem .75rem;border-top:1px solid #eef1f5}
.files li:first-child{border-top:none}
.files .name{flex:1;min-width:0;overflow-wrap:anywhere}
.files .size{color:#5f6b7a;font-size:.86rem;white-space:nowrap}
.files li.bad .size{color:#b42318;font-weight:600}
.files .remove{border:none;background:none;color:#8a94a3;font-size:1.2rem;line-height:1;padding:.1rem .35rem;border-radius:4px}
.files .remove:hover{background:#fde8e8;color:#b42318}
.tally{display:flex;justify-content:space-between;align-items:center;margin-top:.45rem;font-size:.88rem;color:#5f6b7a}
.tally:empty{display:none}
details.more{margin-top:1rem}
details.more summary{cursor:pointer;color:#1d4f91;font-size:.92rem}
details.more .inner{padding:.6rem 0 0}
.error{background:#fdecea;border:1px solid #f5c2bd;color:#8c1d13;border-radius:8px;padding:.6rem .8rem;margin:1rem 0 0}
.actions{display:flex;align-items:center;gap:1rem;flex-wrap:wrap;margin-top:1.1rem}
.primary{background:#1d4f91;color:#fff;border:none;border-radius:8px;padding:.6rem 1.6rem;font-size:1.02rem;font-weight:600}
.primary:hover{background:#163d70}
.primary:disabled{background:#a9b6c8;cursor:not-allowed}
.secondary{background:#fff;color:#1d4f91;border:1px solid #1d4f91;border-radius:8px;padding:.45rem 1rem}
.secondary:hover{background:#eaf1fb}
.privacy{color:#5f6b7a;font-size:.84rem;margin:1rem 0 0;padding-top:.8rem;border-top:1px solid #eef1f5}
.steps{display:flex;list-style:none;margin:0 0 1rem;padding:0;gap:.4rem;counter-reset:step}
.steps li{flex:1;text-align:center;font-size:.9rem;color:#8a94a3;padding-top:.15rem;border-top:4px solid #dde3ec}
.steps li.done{color:#1d4f91;border-color:#1d4f91}
.steps li.active{color:#1d4f91;font-weight:600;border-color:#6f9bd6}
.bar{height:10px;background:#e6ebf2;border-radius:5px;overflow:hidden}
.bar div{height:100%;width:0;background:#1d4f91;border-radius:5px;transition:width .4s}
.bar.busy div{background:repeating-linear-gradient(45deg,#1d4f91 0 12px,#3467ad 12px 24px)}
#progress-text{margin:.8rem 0 0;font-weight:600}
.result-head{display:flex;flex-wrap:wrap;gap:.7rem 1rem;align-items:center;padding:.9rem 1.4rem}
.result-head .done{flex:1;min-width:14rem}
.result-head .done b{color:#2e7d32;margin-right:.6rem}
.result-head a.open{color:#1d4f91}
.downloads{display:flex;flex-wrap:wrap;align-items:center;gap:.45rem;width:100%;padding-top:.7rem;border-top:1px solid #eef1f5}
.downloads .label{font-size:.9rem;color:#3e4a59}
.downloads a{display:inline-block;padding:.25rem .75rem;border:1px solid #c4cfdd;border-radius:6px;color:#1d4f91;text-decoration:none;font-size:.9rem;background:#fff}
.downloads a:hover{background:#eaf1fb;border-color:#1d4f91}
.downloads .note{font-size:.85rem;color:#5f6b7a}
iframe.report{display:block;width:100%;min-height:30rem;border:1px solid #dde3ec;border-radius:10px;background:#fff}
footer{color:#8a94a3;font-size:.8rem;text-align:center;padding:0 1rem 1.5rem}
[hidden]{display:none!important}
@media (max-width:600px){body{font-size:14px}.wrap{padding:0 .75rem}.card{padding:1rem}.steps li{font-size:.8rem}header.top h1{font-size:1.25rem}}
`;

const UPLOAD_ICON =
  '<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M12 16V4"/><path d="M7 9l5-5 5 5"/><path d="M4 15v3a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-3"/></svg>';

/** The page; `nonce` must match the script-src of the response's Content-Security-Policy. */
export function renderPage(settings: ServeSettings, nonce: string, llm: boolean): string {
  const config = {
    maxFiles: settings.maxFiles,
    maxFileBytes: settings.maxFileBytes,
    maxTotalBytes: settings.maxTotalBytes,
    messages: {
      tooManyFiles: limitMessages.tooManyFiles(settings.maxFiles),
      fileTooLarge: limitMessages.fileTooLarge("{name}", settings.maxFileBytes),
      totalTooLarge: limitMessages.totalTooLarge(settings.maxTotalBytes),
    },
  };
  const minutes = Math.round(settings.resultTtlMs / 60_000);
  const kept = minutes >= 120 && minutes % 60 === 0 ? `${minutes / 60} 小时` : `${minutes} 分钟`;
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>申报材料自助预审</title>
<style>${CSS}</style></head><body>
<header class="top"><div class="wrap"><h1>申报材料自助预审</h1>
<p>上传申报材料，按申报通知检查材料是否齐全、顺序是否正确、前后是否一致，提交前先自查。</p></div></header>
<main class="wrap">
<section id="upload" class="card" aria-labelledby="upload-title">
<h2 id="upload-title">上传申报材料</h2>
<label class="title" for="call">申报通知</label>
<select id="call" name="call">${callOptions()}</select>
<p class="hint">不确定时选「自动识别」：系统按申报书标题判断所属通知。</p>
<div id="drop" class="drop">
${UPLOAD_ICON}
<p class="big">把申报材料拖到这里</p>
<p><span class="again">继续添加：拖到这里，</span>或 <button type="button" id="pick" class="link">选择文件</button>（可多选，可以是文件夹里的全部文件或一个 zip 压缩包）</p>
<p id="drop-hint" class="hint">支持 PDF、Word（.docx）、图片（JPG、PNG、TIFF）和 zip 压缩包<br>单个文件不超过 ${formatMb(settings.maxFileBytes)}，最多 ${settings.maxFiles} 个文件，合计不超过 ${formatMb(settings.maxTotalBytes)}</p>
<input type="file" id="files" multiple hidden aria-describedby="drop-hint">
</div>
<ul id="list" class="files" aria-label="已选择的文件"></ul>
<div id="tally" class="tally"></div>
<p id="upload-error" class="error" role="alert" hidden></p>
<details class="more"><summary>更多选项</summary><div class="inner">
<label class="title" for="password">PDF 打开密码（材料中有加密 PDF 时填写）</label>
<input type="password" id="password" autocomplete="off" maxlength="200">
</div></details>
<div class="actions"><button type="button" id="start" class="primary" disabled>开始检查</button>
<span id="start-hint" class="hint">请先选择文件</span></div>
<p class="privacy">材料只用于本次检查，检查完成后立即从服务器删除；检查结果只保存 ${kept}，只有持本页链接才能查看。预审结果仅供自查参考，以主管部门审核为准。</p>
</section>
<section id="progress" class="card" hidden aria-labelledby="progress-title">
<h2 id="progress-title">正在检查</h2>
<ol class="steps"><li data-step="upload">上传</li><li data-step="queue">排队</li><li data-step="read">读取文件</li><li data-step="check">检查</li></ol>
<div id="bar" class="bar"><div id="bar-fill"></div></div>
<p id="progress-text" aria-live="polite">正在上传…</p>
<p class="hint">扫描件和图片需要文字识别，材料较多时可能需要几分钟，请不要关闭本页面。</p>
</section>
<section id="failed" class="card" hidden>
<h2>未能完成检查</h2>
<p id="failed-text" class="error" role="alert"></p>
<div class="actions"><button type="button" id="retry" class="secondary">返回重新上传</button></div>
</section>
<section id="result" hidden>
<div class="card result-head">
<div class="done"><b>✓ 检查完成</b><span id="result-meta"></span></div>
<a id="open-report" class="open" target="_blank" rel="noopener">在新窗口打开（可打印）</a>
<button type="button" id="again" class="secondary">检查另一份材料</button>
<div class="downloads"><span class="label">下载：</span>
<a id="dl-html" download>报告 HTML</a>
<a id="dl-json" download>报告 JSON</a>
<a id="dl-md" download>报告 Markdown</a>
<a id="dl-xlsx" download>汇总表 Excel</a>
<span id="no-xlsx" class="note" hidden>未识别出申报通知，没有汇总表</span>
</div>
</div>
<iframe id="report" class="report" title="预审报告" sandbox="allow-same-origin"></iframe>
</section>
</main>
<footer>shenbao ${VERSION} · 申报材料智能预审 · ${
    llm
      ? "本服务器启用了大模型辅助抽取：材料中的部分文字会发送给管理员配置的大模型接口（不影响检查结论）"
      : "检查在本服务器上完成，材料不会发送给其他网站"
  }</footer>
<script nonce="${nonce}">const CONFIG = ${JSON.stringify(config).replace(/</g, "\\u003c")};
${SCRIPT}</script>
</body></html>
`;
}

function callOptions(): string {
  const packs = Object.values(CALL_PACKS);
  const groups = REGIONS.map((r) => {
    const options = packs
      .filter((p) => p.callId.startsWith(r.prefix))
      .map((p) => `<option value="${p.callId}">${p.title}</option>`)
      .join("");
    return options ? `<optgroup label="${r.label}">${options}</optgroup>` : "";
  });
  return `<option value="auto" selected>自动识别（按申报书标题）</option>${groups.join("")}`;
}

/** Plain ES2020 for the browser; CONFIG is defined just before it. */
const SCRIPT = String.raw`
"use strict";
const $ = (id) => document.getElementById(id);
const JOB_ID = /^[A-Za-z0-9_-]{24}$/;
const LITTER = /^(\.|~\$)|^(Thumbs\.db|desktop\.ini)$/i;
let chosen = [];
let generation = 0;

function mb(bytes) {
  if (bytes < 1024 * 1024) return Math.max(1, Math.round(bytes / 1024)) + " KB";
  return (bytes / 1024 / 1024).toFixed(1) + " MB";
}

function show(view) {
  for (const id of ["upload", "progress", "failed", "result"]) $(id).hidden = id !== view;
  window.scrollTo(0, 0);
}

function limitProblem() {
  if (chosen.length > CONFIG.maxFiles) return CONFIG.messages.tooManyFiles;
  const big = chosen.find((f) => f.size > CONFIG.maxFileBytes);
  if (big) return CONFIG.messages.fileTooLarge.replace("{name}", () => big.name);
  const total = chosen.reduce((s, f) => s + f.size, 0);
  if (total > CONFIG.maxTotalBytes) return CONFIG.messages.totalTooLarge;
  return "";
}

function setError(text) {
  const box = $("upload-error");
  const changed = box.textContent !== text;
  box.textContent = text;
  box.hidden = !text;
  if (text && changed) box.scrollIntoView({ block: "nearest" });
}

function renderList() {
  $("drop").classList.toggle("compact", chosen.length > 0);
  const list = $("list");
  list.textContent = "";
  chosen.forEach((f, i) => {
    const li = document.createElement("li");
    if (f.size > CONFIG.maxFileBytes) li.className = "bad";
    const name = document.createElement("span");
    name.className = "name";
    name.textContent = f.name;
    name.title = f.name;
    const size = document.createElement("span");
    size.className = "size";
    size.textContent = mb(f.size);
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "remove";
    remove.textContent = "×";
    remove.setAttribute("aria-label", "移除 " + f.name);
    remove.addEventListener("click", () => {
      chosen.splice(i, 1);
      renderList();
    });
    li.append(name, size, remove);
    list.append(li);
  });
  const tally = $("tally");
  tally.textContent = "";
  if (chosen.length > 0) {
    const total = document.createElement("span");
    total.textContent = "共 " + chosen.length + " 个文件，" + mb(chosen.reduce((s, f) => s + f.size, 0));
    const clear = document.createElement("button");
    clear.type = "button";
    clear.className = "link";
    clear.textContent = "全部清除";
    clear.addEventListener("click", () => {
      chosen = [];
      renderList();
    });
    tally.append(total, clear);
  }
  const problem = limitProblem();
  setError(problem);
  $("start").disabled = chosen.length === 0 || problem !== "";
  $("start-hint").textContent = chosen.length === 0 ? "请先选择文件" : problem ? "请先处理上面的问题" : "";
}

function addFiles(files) {
  for (const f of files) {
    if (LITTER.test(f.name)) continue;
    if (chosen.some((c) => c.name === f.name && c.size === f.size && c.lastModified === f.lastModified)) continue;
    chosen.push(f);
  }
  renderList();
}

async function droppedFiles(dataTransfer) {
  // Entries must be taken before the first await: the DataTransfer is emptied when the event returns.
  const entries = [...dataTransfer.items]
    .filter((item) => item.kind === "file" && item.webkitGetAsEntry)
    .map((item) => item.webkitGetAsEntry())
    .filter(Boolean);
  if (entries.length === 0) return [...dataTransfer.files];
  const out = [];
  const walk = async (entry) => {
    if (entry.isFile) {
      out.push(await new Promise((resolve, reject) => entry.file(resolve, reject)));
    } else if (entry.isDirectory) {
      const reader = entry.createReader();
      for (;;) {
        const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
        if (batch.length === 0) break;
        for (const child of batch) await walk(child);
      }
    }
  };
  for (const entry of entries) await walk(entry);
  return out;
}

const drop = $("drop");
drop.addEventListener("click", (e) => {
  if (e.target !== $("files")) $("files").click();
});
$("pick").addEventListener("click", (e) => {
  e.stopPropagation();
  $("files").click();
});
$("files").addEventListener("change", () => {
  addFiles($("files").files);
  $("files").value = "";
});
drop.addEventListener("dragover", (e) => {
  e.preventDefault();
  drop.classList.add("over");
});
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", async (e) => {
  e.preventDefault();
  drop.classList.remove("over");
  try {
    addFiles(await droppedFiles(e.dataTransfer));
  } catch {
    setError("无法读取拖入的文件，请改用「选择文件」。");
  }
});
// A file dropped next to the drop zone must not make the browser leave the page to open it.
window.addEventListener("dragover", (e) => e.preventDefault());
window.addEventListener("drop", (e) => e.preventDefault());

function setStep(step) {
  const order = ["upload", "queue", "read", "check"];
  const at = order.indexOf(step);
  for (const li of document.querySelectorAll(".steps li")) {
    const i = order.indexOf(li.dataset.step);
    li.className = i < at ? "done" : i === at ? "active" : "";
  }
}

function setProgress(fraction, text, busy) {
  $("bar-fill").style.width = Math.round(Math.max(0.03, Math.min(1, fraction)) * 100) + "%";
  $("bar").classList.toggle("busy", Boolean(busy));
  $("progress-text").textContent = text;
}

function upload(form, onProgress) {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/jobs");
    xhr.responseType = "json";
    xhr.upload.addEventListener("progress", (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    });
    xhr.addEventListener("load", () => resolve({ status: xhr.status, body: xhr.response }));
    xhr.addEventListener("error", () => resolve({ status: 0, body: null }));
    xhr.send(form);
  });
}

$("start").addEventListener("click", async () => {
  const problem = limitProblem();
  if (problem || chosen.length === 0) return renderList();
  const form = new FormData();
  form.append("call", $("call").value);
  if ($("password").value) form.append("password", $("password").value);
  for (const f of chosen) form.append("files", f, f.name);
  const mine = ++generation;
  show("progress");
  setStep("upload");
  setProgress(0, "正在上传…", false);
  const res = await upload(form, (p) => setProgress(p * 0.2, "正在上传：" + Math.round(p * 100) + "%", false));
  if (mine !== generation) return;
  if (res.status === 202 && res.body && JOB_ID.test(res.body.id)) {
    history.replaceState(null, "", "#" + res.body.id);
    return follow(res.body.id, mine);
  }
  show("upload");
  setError(
    (res.body && res.body.error) ||
      (res.status === 0 ? "无法连接到服务器，请检查网络后重试。" : "上传失败（错误码 " + res.status + "），请稍后重试。"),
  );
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function follow(id, mine) {
  show("progress");
  let failures = 0;
  while (mine === generation) {
    let res = null;
    let body = null;
    try {
      res = await fetch("/api/jobs/" + id, { cache: "no-store" });
      body = await res.json();
    } catch {
      failures++;
      setProgress(0.2, "与服务器的连接中断，正在重试…", true);
      await sleep(Math.min(10000, 1000 * 2 ** failures));
      continue;
    }
    if (mine !== generation) return;
    failures = 0;
    if (!res.ok) return fail((body && body.error) || "查询检查进度失败，请重新上传。");
    if (body.state === "done") return showResult(body);
    if (body.state === "failed") return fail(body.error);
    if (body.state === "queued") {
      setStep("queue");
      setProgress(0.2, body.ahead > 0 ? "排队中：前面还有 " + body.ahead + " 份材料在检查" : "即将开始检查…", true);
    } else if (body.progress && body.progress.phase === "checking") {
      setStep("check");
      setProgress(0.9, "文件已全部读取，正在按申报通知检查…", true);
    } else {
      const p = body.progress || { done: 0, total: 0 };
      setStep("read");
      const text = "正在读取文件：已完成 " + p.done + " / " + p.total + (p.last ? "（刚读完「" + p.last + "」）" : "");
      setProgress(0.2 + (p.total ? (p.done / p.total) * 0.65 : 0), text, true);
    }
    await sleep(1000);
  }
}

function fail(text) {
  history.replaceState(null, "", location.pathname);
  $("failed-text").textContent = text;
  show("failed");
}

function showResult(status) {
  const r = status.result;
  $("result-meta").textContent =
    "共 " + r.files + " 个文件，用时" + (r.seconds < 1 ? "不到 1 秒" : " " + r.seconds + " 秒") + "，结论见下方报告";
  const d = r.downloads;
  $("open-report").href = d["report.html"];
  $("dl-html").href = d["report.html"] + "?download=1";
  $("dl-json").href = d["report.json"];
  $("dl-md").href = d["report.md"];
  $("dl-xlsx").hidden = !d["summary.xlsx"];
  $("no-xlsx").hidden = Boolean(d["summary.xlsx"]);
  if (d["summary.xlsx"]) $("dl-xlsx").href = d["summary.xlsx"];
  $("report").src = d["report.html"];
  show("result");
}

function fitReport() {
  const frame = $("report");
  try {
    const doc = frame.contentDocument;
    if (doc && doc.documentElement) frame.style.height = doc.documentElement.scrollHeight + 2 + "px";
  } catch {
    frame.style.height = "80vh";
  }
}
$("report").addEventListener("load", fitReport);
window.addEventListener("resize", () => {
  if (!$("result").hidden) fitReport();
});

function restart() {
  generation++;
  history.replaceState(null, "", location.pathname);
  $("report").removeAttribute("src");
  chosen = [];
  renderList();
  show("upload");
}
$("again").addEventListener("click", restart);
$("retry").addEventListener("click", () => {
  generation++;
  history.replaceState(null, "", location.pathname);
  renderList();
  show("upload");
});

const fromHash = location.hash.slice(1);
if (JOB_ID.test(fromHash)) follow(fromHash, ++generation);
`;
