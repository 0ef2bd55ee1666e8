/** Human-readable dump of an extraction (`shenbao extract --format text`), in Chinese. */
import type { Field } from "../model.js";
import type { Extraction } from "./extract.js";

function show(value: Field["value"]): string {
  if (Array.isArray(value)) return value.join("、");
  if (value === null) return "（未填写）";
  const text = String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…（共${text.length}字）` : text;
}

export function formatExtractionText(ex: Extraction): string {
  const out: string[] = [];
  out.push(
    ex.call
      ? `申报通知：${ex.call.id}${ex.call.detectedFrom ? `（由「${ex.call.detectedFrom.quote.replace(/\n/g, "")}」识别）` : ""}`
      : "申报通知：未识别（可用 --call 指定）",
  );
  out.push("", `== 文档（${ex.documents.length}）==`);
  for (const d of ex.documents) {
    const span = d.pages[0] === d.pages[1] ? `第${d.pages[0]}页` : `第${d.pages[0]}–${d.pages[1]}页`;
    out.push(`${d.id}  ${d.type}  ${d.file} ${span}  「${d.title}」 置信度 ${d.confidence.toFixed(2)}`);
  }
  out.push("", `== 字段（${ex.fields.length}）==`);
  for (const f of ex.fields) {
    const ev = f.evidence[0]!;
    out.push(
      `${f.documentId}  ${f.key} = ${show(f.value)}${f.unit ? ` ${f.unit}` : ""}    [${ev.file} 第${ev.page}页，${f.extractor}]`,
    );
  }
  if (ex.form && ex.form.unfilled.length > 0) {
    out.push("", `== 申报书未填写项（${ex.form.unfilled.length}）==`);
    for (const u of ex.form.unfilled) {
      const written = u.written !== undefined ? `「${u.written}」` : "";
      const where = [...new Set(u.evidence.map((e) => e.file))].join("、");
      out.push(`${u.label}（${u.key}）：${u.reason}${written}    [${where}]`);
    }
  }
  if (ex.toc.length > 0) {
    out.push("", `== 目录（${ex.toc.length}）==`);
    for (const t of ex.toc) out.push(`${t.title} …… ${t.printedPage ?? ""}${t.docType ? `  → ${t.docType}` : ""}`);
  }
  return out.join("\n") + "\n";
}
