/** Human-readable dump of a Package (`shenbao ingest --format text`), in Chinese. */
import type { Finding, Package, Page, SourceFile } from "../model.js";

const SOURCE_LABEL: Record<Page["source"], string> = {
  text: "文字层",
  ocr: "OCR识别",
  docx: "Word",
  mixed: "文字层+OCR",
  none: "无文字",
};

const SEVERITY_LABEL: Record<Finding["severity"], string> = { error: "错误", warning: "警告", info: "提示" };

export function formatPackageText(pkg: Package): string {
  const out: string[] = [];
  out.push(
    `申报材料包：${pkg.name}（${pkg.files.length} 个文件，用时 ${(pkg.stats.ingest_ms / 1000).toFixed(1)} 秒，OCR ${pkg.stats.ocr_pages} 页，其中缓存 ${pkg.stats.ocr_cached} 页）`,
  );
  for (const file of pkg.files) out.push("", ...formatFile(file));
  if (pkg.findings.length > 0) {
    out.push("", `== 读取问题（${pkg.findings.length}）==`);
    for (const f of pkg.findings) out.push(`[${SEVERITY_LABEL[f.severity]}] ${f.message}`);
  }
  return out.join("\n") + "\n";
}

function formatFile(file: SourceFile): string[] {
  const head = `== ${file.path}（${file.kind}${file.format ? `/${file.format}` : ""}，${file.pages.length} 页，${(file.bytes / 1024).toFixed(0)} KB）==`;
  if (file.status === "error") return [head, "（无法读取，见下方读取问题）"];
  const out = [head];
  for (const page of file.pages) out.push(...formatPage(file, page));
  return out;
}

function formatPage(file: SourceFile, page: Page): string[] {
  const parts = [`第 ${page.index} 页`, SOURCE_LABEL[page.source]];
  if (page.ocr)
    parts.push(
      `OCR置信度 ${page.ocr.confidence.toFixed(2)}${page.ocr.rotation ? `，已旋转 ${page.ocr.rotation}°` : ""}`,
    );
  if (page.printedPageNumber !== undefined) parts.push(`印刷页码 ${page.printedPageNumber}`);
  const out = [`-- ${file.path} · ${parts.join(" · ")} --`];
  const tableAt = new Map(page.tables.map((t) => [t.lineIndex, t]));
  page.lines.forEach((line, i) => {
    const table = tableAt.get(i);
    if (table) {
      out.push("┌ 表格");
      for (const row of table.rows) out.push("│ " + row.map((c) => c.text.replace(/\n/g, " ")).join(" │ "));
      out.push("└");
    }
    if (line.cell) return;
    const marks = [
      line.headingLevel ? `H${line.headingLevel}` : "",
      line.source === "ocr" ? `ocr ${line.confidence.toFixed(2)}` : "",
    ]
      .filter(Boolean)
      .join(" ");
    out.push(marks ? `${line.text}    [${marks}]` : line.text);
  });
  return out;
}
