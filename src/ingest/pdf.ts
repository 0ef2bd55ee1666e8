/**
 * PDF reader: text layer as positioned lines in reading order, OCR for scanned pages and large pasted
 * images, printed page numbers. Pages are read one at a time and released, so long files stay small in
 * memory. Coordinates: top-left origin, y down, pt (see model.ts).
 */
import type { Page } from "../model.js";
import type { ReaderContext, ReadResult } from "./context.js";
import { IngestError } from "./errors.js";
import { corruptError, openPdf } from "./_internal/pdf-document.js";
import { readPage } from "./_internal/pdf-page.js";

function abortError(signal: AbortSignal, pagesRead: number): unknown {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name === "TimeoutError") {
    return new IngestError("timeout", `读取PDF超时（已读取${pagesRead}页）`, "请拆分文件或压缩扫描件后重新提交", { cause: reason });
  }
  return reason;
}

export async function readPdf(buf: Buffer, ctx: ReaderContext): Promise<ReadResult> {
  if (ctx.signal?.aborted) throw abortError(ctx.signal, 0);
  const doc = await openPdf(buf, ctx.password);
  try {
    const total = doc.numPages;
    if (total === 0) {
      throw new IngestError("empty", "PDF文件中没有任何页面", "请检查文件内容，重新导出PDF后提交");
    }
    const pages: Page[] = [];
    const problems: IngestError[] = [];
    const last = Math.min(total, ctx.limits.maxPages);
    for (let i = 1; i <= last; i++) {
      if (ctx.signal?.aborted) throw abortError(ctx.signal, pages.length);
      try {
        const r = await readPage(doc, i, ctx);
        pages.push(r.page);
        problems.push(...r.problems);
      } catch (e) {
        if (ctx.signal?.aborted) throw abortError(ctx.signal, pages.length);
        problems.push(corruptError(`第${i}页已损坏，无法读取`, e));
      }
    }
    if (total > last) {
      problems.push(new IngestError("too-large", `PDF共${total}页，超过${last}页的上限，第${last + 1}–${total}页未读取`, "请将文件拆分为多个PDF后提交"));
    }
    if (pages.length === 0) throw corruptError("文件已损坏或不完整，所有页面均无法读取");
    if (problems.length === 0 && pages.every((p) => p.lines.length === 0 && p.images.length === 0)) {
      throw new IngestError("empty", "PDF文件只有空白页，没有任何内容", "请检查文件内容，重新导出PDF后提交");
    }
    return { pages, problems };
  } finally {
    await doc.destroy();
  }
}
