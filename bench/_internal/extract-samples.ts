/**
 * The single-document samples with ground truth, for `npm run bench:extract`: the printed and scanned
 * field samples (fixtures/fields, incl. statements and tax returns scanned crooked at 150 dpi) and the
 * licence images of fixtures/ocr (clean, degraded, rotated, fax, TIFF …). Every truth key counts: a key the
 * extractor did not find is a miss, so this is exactness over the keys, not precision over the values.
 */
import path from "node:path";
import { registry } from "../../src/extract/fields/index.js";
import { ingest } from "../../src/ingest/ingest.js";
import type { DocType } from "../../src/model.js";
import { asDocument } from "../../test/extract/fields/helpers.js";
import { FIELD_SAMPLES, ocrLicenceCases, sameValue, type Case } from "../../test/extract/fields/truth.js";
import { ROOT } from "./corpus.js";
import { fieldSource, type FieldSource } from "./field-source.js";

export interface SampleScore {
  file: string;
  type: DocType;
  /** How the document was read: OCR when any of its pages was. */
  source: FieldSource;
  right: number;
  total: number;
  /** Values read, each with whether it was right and how it was read. */
  values: { key: string; source: FieldSource; correct: boolean }[];
  misses: string[];
}

async function scoreCase(c: Case): Promise<SampleScore> {
  const { files } = await ingest([path.join(ROOT, c.file)]);
  const doc = asDocument(files[0]!, c.type, c.pages);
  const fields = registry.filter((e) => e.docTypes.includes(c.type)).flatMap((e) => e.extract(doc, {}));
  const values: SampleScore["values"] = [];
  const misses: string[] = [];
  for (const [key, want] of Object.entries(c.truth)) {
    const got = fields.find((f) => f.key === key);
    const correct = !!got && sameValue(want, got.value);
    if (got) values.push({ key, source: fieldSource(got, files), correct });
    if (!correct) misses.push(`${key}: ${JSON.stringify(want)} → ${got ? JSON.stringify(got.value) : "—"}`);
  }
  const total = Object.keys(c.truth).length;
  return {
    file: c.file,
    type: c.type,
    source: doc.pages.some(({ page }) => page.source === "ocr") ? "ocr" : "text",
    right: total - misses.length,
    total,
    values,
    misses,
  };
}

export async function scoreSamples(): Promise<SampleScore[]> {
  const out: SampleScore[] = [];
  for (const c of [...FIELD_SAMPLES, ...ocrLicenceCases()]) out.push(await scoreCase(c));
  return out;
}
