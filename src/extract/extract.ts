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
import type { FormParse, Unfilled } from "./form/types.js";
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
  /**
   * The application form as read against the call's spec (sections, checkbox groups) from its fuller version, with
   * the unfilled cells of every version (Word and PDF), one item per key.
   */
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
  // `form` (the other's fields still count for consistency checks) and whose unfilled items are all kept.
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
  const form = formOfVersions(pkg, [...formsByFile.values()]);
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

/**
 * The fuller version is `form`; its unfilled items are those of every version, one per key, naming each file that
 * left it unfilled (a Word version that kept the template's instruction while its PDF was filled is still
 * unfilled). A version that read a value vouches for the key against readings that may be the reader's fault: an
 * OCR'd cell, or text that did not parse as the cell's kind.
 */
function formOfVersions(pkg: Package, versions: Array<FormParse & { documentId: string }>): Extraction["form"] {
  const [form, ...others] = [...versions].sort((a, b) => b.fields.length - a.fields.length);
  if (!form) return null;
  const ocrPages = new Set(
    pkg.files.flatMap((f) => f.pages.filter((p) => p.source === "ocr").map((p) => `${f.path}#${p.index}`)),
  );
  const unfilled = new Map<string, Unfilled>();
  for (const version of [form, ...others]) {
    for (const u of version.unfilled) {
      const doubtful = u.reason === "unreadable" || u.evidence.every((e) => ocrPages.has(`${e.file}#${e.page}`));
      const readElsewhere = versions.some(
        (o) => o !== version && o.fields.some((f) => f.key === u.key && f.value !== null),
      );
      if (doubtful && readElsewhere) continue;
      const seen = unfilled.get(u.key);
      if (seen) seen.evidence.push(...u.evidence.filter((e) => !seen.evidence.some((s) => s.file === e.file)));
      else unfilled.set(u.key, { ...u, evidence: [...u.evidence] });
    }
  }
  return { ...form, unfilled: [...unfilled.values()] };
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
