/**
 * PDF reader: text layer as positioned lines in reading order, OCR for scanned pages and large pasted
 * images, printed page numbers. Pages are read a few at a time and released, so long files stay small in
 * memory. Coordinates: top-left origin, y down, pt (see model.ts).
 */
import type { Page } from "../model.js";
import type { ReaderContext, ReadResult } from "./context.js";
import { IngestError } from "./errors.js";
import { corruptError, openPdf } from "./_internal/pdf-document.js";
import { readPage } from "./_internal/pdf-page.js";

const PAGES_IN_FLIGHT = 2;

interface PageRead {
  page?: Page;
  problems: IngestError[];
}

function abortError(signal: AbortSignal, pagesRead: number): unknown {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name === "TimeoutError") {
    return new IngestError("timeout", `读取PDF超时（已读取${pagesRead}页）`, "请拆分文件或压缩扫描件后重新提交", {
      cause: reason,
    });
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
    const last = Math.min(total, ctx.limits.maxPages);
    const results = new Array<PageRead>(last);
    let next = 1;
    let read = 0;
    // A few pages in flight: pdf.js in Node runs its "worker" on this thread and waits between message
    // hops; overlapping pages fills those waits. Two, not more: a scanned A4 page holds a ~26 MB decoded image
    // while it waits for OCR, and four in flight pushed a 300-page package past 1.5 GiB. Results keep page order.
    await Promise.all(
      Array.from({ length: Math.min(PAGES_IN_FLIGHT, last) }, async () => {
        while (next <= last) {
          const i = next++;
          if (ctx.signal?.aborted) throw abortError(ctx.signal, read);
          try {
            results[i - 1] = await readPage(doc, i, ctx);
            read++;
          } catch (e) {
            if (ctx.signal?.aborted) throw abortError(ctx.signal, read);
            results[i - 1] = { problems: [corruptError(`第${i}页已损坏，无法读取`, e)] };
          }
        }
      }),
    );
    const pages: Page[] = results.flatMap((r) => (r.page ? [r.page] : []));
    const problems: IngestError[] = results.flatMap((r) => r.problems);
    if (total > last) {
      problems.push(
        new IngestError(
          "too-large",
          `PDF共${total}页，超过${last}页的上限，第${last + 1}–${total}页未读取`,
          "请将文件拆分为多个PDF后提交",
        ),
      );
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
