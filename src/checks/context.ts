/** Builds the RuleContext a rule reads: the extraction with lookups, and the package for ingest facts. */
import type { Document, Field, Package } from "../model.js";
import type { Extraction } from "../extract/extract.js";
import type { CallPack, RuleContext } from "./types.js";

export function createContext(pkg: Package, extraction: Extraction, pack: CallPack): RuleContext {
  const byKey = new Map<string, Field[]>();
  for (const f of extraction.fields) {
    const list = byKey.get(f.key);
    if (list) list.push(f);
    else byKey.set(f.key, [f]);
  }
  const docs = new Map<string, Document>(extraction.documents.map((d) => [d.id, d]));
  const pages = new Map<string, { ocr: boolean }>();
  for (const file of pkg.files) {
    for (const page of file.pages) {
      const ocr = page.source === "ocr" || page.source === "mixed" || page.images.some((i) => i.ocr !== undefined);
      pages.set(`${file.path}#${page.index}`, { ocr });
    }
  }
  return {
    pack,
    pkg,
    extraction,
    documents: extraction.documents,
    fields: (key) => byKey.get(key) ?? [],
    keys: (pattern) => {
      const re = new RegExp(
        `^${pattern
          .split(".")
          .map((s) => (s === "*" ? "[^.]+" : escape(s)))
          .join("\\.")}$`,
      );
      return [...byKey.keys()].filter((k) => re.test(k)).sort();
    },
    documentOf: (field) => docs.get(field.documentId),
    isOcr: (field) => field.evidence.some((e) => pages.get(`${e.file}#${e.page}`)?.ocr === true),
  };
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
