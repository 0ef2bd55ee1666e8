/**
 * Whether an extracted value was read from a text layer (PDF text, Word) or through OCR, from the pages its
 * evidence points at: the accuracy targets differ for the two (≥ 97 % and ≥ 90 %).
 */
import type { Field, SourceFile } from "../../src/model.js";

export type FieldSource = "text" | "ocr";

export function fieldSource(field: Field, files: readonly SourceFile[]): FieldSource {
  const ocr = field.evidence.some((e) => {
    const page = files.find((f) => f.path === e.file)?.pages.find((p) => p.index === e.page);
    if (!page) return false;
    if (page.source === "ocr") return true;
    // A mixed page (text layer plus a pasted scan): OCR when the quote came from one of its OCR'd lines.
    return page.source === "mixed" && page.lines.some((l) => l.source === "ocr" && l.text.trim() !== "" && e.quote.includes(l.text.trim()));
  });
  return ocr ? "ocr" : "text";
}

export interface SourceCounts {
  values: number;
  correct: number;
}

export class BySource {
  private readonly counts: Record<FieldSource, SourceCounts> = { text: { values: 0, correct: 0 }, ocr: { values: 0, correct: 0 } };

  add(source: FieldSource, correct: boolean): void {
    this.counts[source].values++;
    if (correct) this.counts[source].correct++;
  }

  summary(): Record<FieldSource, SourceCounts & { precision: number; target: string }> {
    const one = (s: FieldSource, target: string) => ({ ...this.counts[s], precision: this.counts[s].correct / this.counts[s].values, target });
    return { text: one("text", ">= 0.97"), ocr: one("ocr", ">= 0.90") };
  }
}
