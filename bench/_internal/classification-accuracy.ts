/**
 * Page-classification accuracy against fixtures/expected/<package>.json, shared by the classify test and
 * `npm run bench:extract`.
 */
import type { Document } from "../../src/model.js";

export interface ExpectedFile {
  path: string;
  pageCount: number | null;
  documents: { type: string; pages: [number, number] }[];
}
export interface ExpectedPackage {
  package: string;
  files: ExpectedFile[];
}

export const ofFile = (docs: Document[], file: ExpectedFile) =>
  docs.filter((d) => d.file === file.path || d.file.endsWith(`/${file.path}`));
const typesOn = (docs: { type: string; pages: [number, number] }[], page: number) =>
  [...new Set(docs.filter((d) => d.pages[0] <= page && page <= d.pages[1]).map((d) => d.type))].sort();

/**
 * Page accuracy: a page of a paged file (PDF, image) counts as right when the set of document types covering
 * it matches the expectation; a Word file has no fixed pages, so each type expected or found counts once.
 */
export function classificationAccuracy(
  e: ExpectedPackage,
  docs: Document[],
): { right: number; total: number; wrong: string[] } {
  let right = 0;
  let total = 0;
  const wrong: string[] = [];
  for (const file of e.files) {
    const mine = ofFile(docs, file);
    if (file.pageCount === null) {
      const want = new Set(file.documents.map((d) => d.type));
      const got = new Set<string>(mine.map((d) => d.type));
      for (const t of new Set([...want, ...got])) {
        total++;
        if (want.has(t) && got.has(t)) right++;
        else wrong.push(`${file.path}: ${want.has(t) ? "missing" : "extra"} ${t}`);
      }
      continue;
    }
    for (let p = 1; p <= file.pageCount; p++) {
      total++;
      const [want, got] = [typesOn(file.documents, p).join("+"), typesOn(mine, p).join("+")];
      if (want === got) right++;
      else wrong.push(`${file.path} p${p}: expected ${want}, got ${got}`);
    }
  }
  return { right, total, wrong };
}
