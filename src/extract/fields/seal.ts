/**
 * Seals (公章) on a document's pages, as ingest found them in the colour pixels (Page.seals), and the
 * `<prefix>.sealed` field built from them: true at the seal, quoting the 盖章 line nearest to it; false at
 * the 盖章 line when the page shows no seal. Used by the pledge extractor (`pledge.sealed`) and, as the
 * `seal` extractor, for the application form's cover (`cover.sealed`).
 */
import type { Box, Field } from "../../model.js";
import type { DocumentPages, FieldExtractor, PageRef } from "../types.js";

/** Below this detector confidence a red blob is not reported as a seal. */
export const MIN_SEAL_CONFIDENCE = 0.5;
/** The line that asks for a seal: 「申请单位（盖章）：」, 「（加盖公章）」, 「签章」. */
const SEAL_LINE = /盖\s*章|公\s*章|签\s*章|印\s*章/u;
/** Quote when no line on the page asks for the seal. */
const SEAL_QUOTE = "（公章）";

export interface SealHit {
  file: string;
  page: number;
  /** Page coordinates (top-left origin); absent for DOCX pages. */
  box?: Box;
  confidence: number;
}

/** Seals on the given pages, most confident first. */
export function sealsOn(pages: readonly PageRef[], minConfidence = MIN_SEAL_CONFIDENCE): SealHit[] {
  return pages
    .flatMap(({ file, page }) =>
      (page.seals ?? []).map((s) => ({ file: file.path, page: page.index, confidence: s.confidence, ...(s.box ? { box: s.box } : {}) })),
    )
    .filter((s) => s.confidence >= minConfidence)
    .sort((a, b) => b.confidence - a.confidence);
}

interface SealLine {
  file: string;
  page: number;
  text: string;
  box?: Box;
}

function sealLines(pages: readonly PageRef[]): SealLine[] {
  return pages.flatMap(({ file, page }) =>
    page.lines
      .filter((l) => SEAL_LINE.test(l.text))
      .map((l) => ({ file: file.path, page: page.index, text: l.text.trim(), ...(l.box ? { box: l.box } : {}) })),
  );
}

const centre = (b: Box) => [b.x + b.w / 2, b.y + b.h / 2] as const;

/** The 盖章 line on the seal's page closest to it (a seal is stamped over or beside its line). */
function lineFor(seal: SealHit, lines: readonly SealLine[]): SealLine | undefined {
  const same = lines.filter((l) => l.file === seal.file && l.page === seal.page);
  if (!seal.box) return same.at(-1);
  const [sx, sy] = centre(seal.box);
  const distance = (l: SealLine) => (l.box ? Math.hypot(centre(l.box)[0] - sx, centre(l.box)[1] - sy) : Infinity);
  return [...same].sort((a, b) => distance(a) - distance(b))[0];
}

/**
 * `key` = true with the best seal as evidence, or false at the last 盖章 line when there is one and no
 * seal; null when the pages neither show a seal nor ask for one. A "no seal" on a page without any image is
 * less sure: a seal drawn as vector graphics is invisible to the detector.
 */
export function sealedField(input: DocumentPages, key: string, extractor: string, pages: readonly PageRef[] = input.pages): Field | null {
  const lines = sealLines(pages);
  const base = { key, documentId: input.document.id, extractor: `rule:${extractor}` };
  const best = sealsOn(pages)[0];
  if (best) {
    const quote = lineFor(best, lines)?.text ?? SEAL_QUOTE;
    return {
      ...base, value: true, raw: quote, confidence: best.confidence,
      evidence: [{ file: best.file, page: best.page, quote, ...(best.box ? { box: best.box } : {}) }],
    };
  }
  const line = lines.at(-1);
  if (!line) return null;
  const ref = pages.find((p) => p.file.path === line.file && p.page.index === line.page);
  const looked = ref !== undefined && (ref.page.images.length > 0 || ref.page.ocr !== undefined);
  return {
    ...base, value: false, raw: line.text, confidence: looked ? 0.9 : 0.6,
    evidence: [{ file: line.file, page: line.page, quote: line.text, ...(line.box ? { box: line.box } : {}) }],
  };
}

/** `cover.sealed`: is the application form's cover (its first page) stamped? */
export const seal: FieldExtractor = {
  name: "seal",
  docTypes: ["application-form"],
  extract: (input) => {
    const field = sealedField(input, "cover.sealed", "seal", input.pages.slice(0, 1));
    return field ? [field] : [];
  },
};
