/** Shared test plumbing: ingest real files once per path, wrap pages as a classified document, index fields. */
import path from "node:path";
import { ingest } from "../../../src/ingest/ingest.js";
import { sharedCacheDir } from "../../_support/cache.js";
import type { DocType, Field, Line, Page, SourceFile } from "../../../src/model.js";
import type { DocumentPages } from "../../../src/extract/types.js";

export const ROOT = path.resolve(import.meta.dirname, "../../..");
const cache = new Map<string, Promise<SourceFile[]>>();

export function ingestFile(rel: string): Promise<SourceFile[]> {
  let p = cache.get(rel);
  if (!p) cache.set(rel, (p = ingest([path.join(ROOT, rel)], { cacheDir: sharedCacheDir() }).then((pkg) => pkg.files)));
  return p;
}

export function asDocument(file: SourceFile, type: DocType, pages?: [number, number]): DocumentPages {
  const [from, to] = pages ?? [1, file.pages.length];
  return {
    document: { id: `${type}-1`, type, title: type, file: file.path, pages: [from, to], confidence: 1, classifiedBy: "rule" },
    pages: file.pages.filter((p) => p.index >= from && p.index <= to).map((page) => ({ file, page })),
  };
}

/** A one-page document from plain lines (no boxes), for parsing tests. */
export function linesDoc(type: DocType, texts: string[], extra: Partial<Line> = {}): DocumentPages {
  const page: Page = {
    index: 1, width: 0, height: 0, unit: "none", source: "text", tables: [], images: [],
    lines: texts.map((text) => ({ text, source: "text", confidence: 1, ...extra })),
  };
  const file: SourceFile = { path: "t.pdf", sha256: "", bytes: 0, kind: "pdf", pages: [page], textSource: "text", status: "ok" };
  return asDocument(file, type);
}

export function byKey(fields: Field[]): Record<string, Field["value"]> {
  return Object.fromEntries(fields.map((f) => [f.key, f.value]));
}
