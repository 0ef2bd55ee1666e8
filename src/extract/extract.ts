/**
 * extract(package) → documents and fields, each field with its evidence. Rules only: classification,
 * the call's application form, one extractor per document type. (The LLM stage, when configured, fills
 * gaps afterwards and never overwrites these.)
 */
import { DocumentSchema, FieldSchema, type Document, type Field, type Package } from "../model.js";
import { detectCall, type DetectedCall } from "./call.js";
import { classifyPages, splitDocuments, type PageClassification } from "./classify.js";
import { registry } from "./fields/index.js";
import { parseApplicationForm } from "./form/parse.js";
import type { FormParse } from "./form/types.js";
import { parseToc, type TocEntry } from "./toc.js";
import type { CallId, DocumentPages, PageRef } from "./types.js";

export interface ExtractOptions {
  /** The call; detected from the form's title when absent. */
  callId?: CallId;
}

export interface Extraction {
  /** The call used, and how it was known. */
  call: { id: CallId; detectedFrom: DetectedCall | null } | null;
  documents: Document[];
  fields: Field[];
  /** The application form as read against the call's spec (unfilled cells, sections, checkbox groups). */
  form: (FormParse & { documentId: string }) | null;
  toc: TocEntry[];
  pages: PageClassification[];
  extract_ms: number;
}

export function documentPages(pkg: Package, document: Document): PageRef[] {
  const file = pkg.files.find((f) => f.path === document.file);
  if (!file) return [];
  const [from, to] = document.pages;
  return file.pages.filter((p) => p.index >= from && p.index <= to).map((page) => ({ file, page }));
}

export function extract(pkg: Package, options: ExtractOptions = {}): Extraction {
  const started = performance.now();
  const pages = classifyPages(pkg);
  const documents = splitDocuments(pkg, pages).map((d) => DocumentSchema.parse(d));
  const detected = options.callId ? null : detectCall(pkg);
  const callId = options.callId ?? detected?.callId;

  const fields: Field[] = [];
  const toc: TocEntry[] = [];
  // One form per file: a combined PDF splits it (cover, then the 申报信息表 after a 目录 and 承诺书), and
  // its parts are merged; a Word form and its PDF export are two versions, of which the fuller one is
  // `form` (the other's fields still count for consistency checks).
  const formsByFile = new Map<string, FormParse & { documentId: string }>();
  for (const document of documents) {
    const input: DocumentPages = { document, pages: documentPages(pkg, document) };
    if (document.type === "toc") toc.push(...parseToc(input.pages));
    if (document.type === "application-form" && callId) {
      const parsed = parseApplicationForm(input, callId);
      fields.push(...parsed.fields);
      const seen = formsByFile.get(document.file);
      formsByFile.set(document.file, seen ? mergeForms(seen, parsed) : { ...parsed, documentId: document.id });
    }
    for (const extractor of registry) {
      if (extractor.docTypes.includes(document.type)) fields.push(...extractor.extract(input, { callId }));
    }
  }
  const form = [...formsByFile.values()].sort((a, b) => b.fields.length - a.fields.length)[0] ?? null;
  return {
    call: callId ? { id: callId, detectedFrom: detected } : null,
    documents,
    fields: fields.map((f) => FieldSchema.parse(f)),
    form,
    toc,
    pages,
    extract_ms: Math.round(performance.now() - started),
  };
}

function mergeForms(a: FormParse & { documentId: string }, b: FormParse): FormParse & { documentId: string } {
  return {
    documentId: a.documentId,
    fields: [...a.fields, ...b.fields],
    unfilled: [...a.unfilled, ...b.unfilled],
    sections: [...a.sections, ...b.sections],
    checkboxGroups: [...a.checkboxGroups, ...b.checkboxGroups],
  };
}
