/** What every task gets: the client, the package's redactor, page texts, and counters for what was refused. */
import type { Document, Package } from "../../../model.js";
import { documentPages, type Extraction } from "../../extract.js";
import type { LlmClient } from "../client.js";
import type { PageText } from "../grounding.js";
import type { Redactor } from "../redact.js";

export interface TaskStats {
  /** Values whose quote was not found again in the page text (or did not contain the value). */
  ungrounded: number;
  /** Well-formed answers with an unusable part: a 参数量 that reads as no number, a topic not in the template. */
  rejected: number;
}

export interface TaskContext {
  client: LlmClient;
  redactor: Redactor | null;
  pkg: Package;
  extraction: Extraction;
  stats: TaskStats;
}

export function pageTexts(ctx: TaskContext, document: Document): PageText[] {
  return documentPages(ctx.pkg, document).map(({ file, page }) => ({
    file: file.path,
    page: page.index,
    text: page.lines.map((l) => l.text).join("\n"),
  }));
}

/** Text as it may leave the machine. */
export function outbound(ctx: TaskContext, text: string): string {
  return ctx.redactor ? ctx.redactor.redact(text) : text;
}

/** Model output with masked numbers put back. */
export function inbound(ctx: TaskContext, text: string): string {
  return ctx.redactor ? ctx.redactor.restore(text) : text;
}

/** Pages joined into chunks of at most `max` characters, each page marked so the model can tell them apart. */
export function chunkPages(pages: readonly PageText[], max: number): PageText[][] {
  const chunks: PageText[][] = [];
  let size = Infinity;
  for (const p of pages) {
    if (p.text.trim() === "") continue;
    if (size + p.text.length > max) {
      chunks.push([]);
      size = 0;
    }
    chunks.at(-1)!.push({ ...p, text: p.text.slice(0, max) });
    size += p.text.length;
  }
  return chunks;
}

export function joinPages(pages: readonly PageText[]): string {
  return pages.map((p) => `【${p.file} 第${p.page}页】\n${p.text}`).join("\n\n");
}
