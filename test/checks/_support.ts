/**
 * Test helpers for rules: the fixture packages ingested and extracted once per test process (the first
 * process to need a package holds a lock while it OCRs into the run-wide cache, so parallel test files do not
 * all OCR it cold), small hand-built contexts for situations no fixture has, and a RuleTester-style runner.
 */
import { mkdir, rmdir } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { sharedCacheDir } from "../_support/cache.js";
import { createContext } from "../../src/checks/context.js";
import { runChecks } from "../../src/checks/engine.js";
import { packFor } from "../../src/checks/calls/index.js";
import type { CallPack, Level, Outcome, Rule, RuleContext, RuleReport } from "../../src/checks/types.js";
import type { Extraction } from "../../src/extract/extract.js";
import type { FormParse } from "../../src/extract/form/types.js";
import type { TocEntry } from "../../src/extract/toc.js";
import type { DocType, Document, Field, Finding, Package } from "../../src/model.js";

export const FIXTURES = path.resolve(import.meta.dirname, "../../fixtures/packages");
export type FixtureName =
  "wuhan-vertical-a" | "hunan-ai-model-b" | "wuhan-vertical-c" | "hubei-industrial-model-e" | "hunan-digital-center-j";

const loaded = new Map<string, Promise<{ pkg: Package; extraction: Extraction }>>();

export function loadFixture(name: FixtureName): Promise<{ pkg: Package; extraction: Extraction }> {
  return loadPaths(name, [path.join(FIXTURES, name)]);
}

/** Real files read as one package (a fixture package plus a document, say), once per test process under `key`. */
export function loadPaths(key: string, paths: string[]): Promise<{ pkg: Package; extraction: Extraction }> {
  let p = loaded.get(key);
  if (!p) {
    p = withLock(key, async () => {
      // Imported here so tests built on hand-made contexts do not load the PDF and OCR stack.
      const [{ ingest }, { extract }] = await Promise.all([
        import("../../src/ingest/ingest.js"),
        import("../../src/extract/extract.js"),
      ]);
      const pkg = await ingest(paths, { cacheDir: sharedCacheDir() });
      return { pkg, extraction: extract(pkg) };
    });
    loaded.set(key, p);
  }
  return p;
}

async function withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const cacheDir = sharedCacheDir();
  if (!cacheDir) return fn();
  return withDirLock(cacheDir, `checks-ingest-${name}.lock`, fn);
}

/** Runs fn while holding a lock directory (mkdir is atomic) under dir: one test process at a time. */
export async function withDirLock<T>(dir: string, lockName: string, fn: () => Promise<T>): Promise<T> {
  const lock = path.join(dir, lockName);
  await mkdir(dir, { recursive: true });
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch {
      await sleep(100);
    }
  }
  try {
    return await fn();
  } finally {
    await rmdir(lock);
  }
}

/** The context for real files read as one package, under the pack of the call its form names (or another pack). */
export async function pathsContext(key: string, paths: string[], pack?: CallPack): Promise<RuleContext> {
  const { pkg, extraction } = await loadPaths(key, paths);
  return createContext(pkg, extraction, pack ?? packFor(extraction.call?.id)!);
}

/** The context for a fixture under its own call's pack (or another pack). */
export async function fixtureContext(name: FixtureName, pack?: CallPack): Promise<RuleContext> {
  const { pkg, extraction } = await loadFixture(name);
  return createContext(pkg, extraction, pack ?? packFor(extraction.call?.id)!);
}

export const PDF = "pkg/申报书.pdf";
export const DOCX = "pkg/申报书.docx";

export function doc(id: string, type: DocType, file = PDF, pages: [number, number] = [1, 1]): Document {
  return { id, type, title: type, file, pages, confidence: 0.9, classifiedBy: "rule" };
}

export function field(
  key: string,
  value: Field["value"],
  documentId = "d1",
  at: { file?: string; page?: number; extractor?: string } = {},
): Field {
  return {
    key,
    value,
    raw: String(value),
    documentId,
    confidence: 1,
    extractor: at.extractor ?? "rule:form",
    evidence: [{ file: at.file ?? PDF, page: at.page ?? 1, quote: String(value) }],
  };
}

export interface FakeInput {
  documents?: Document[];
  fields?: Field[];
  form?: Partial<FormParse> | null;
  toc?: TocEntry[];
  findings?: Finding[];
  /** Pages read by OCR, as "file#page". */
  ocrPages?: string[];
  /** Pages on which ingest found a red seal, as "file#page". */
  sealedPages?: string[];
  /** Text lines of a page (no boxes), as "file#page" → lines. */
  pageLines?: Record<string, string[]>;
}

/** A minimal package and extraction for edge cases; pages exist for every place the fields and documents name. */
export function fakeContext(input: FakeInput, pack: Partial<CallPack> = {}): RuleContext {
  const documents = input.documents ?? [];
  const fields = input.fields ?? [];
  const places = new Map<string, Set<number>>();
  const add = (file: string, page: number) => places.set(file, (places.get(file) ?? new Set()).add(page));
  for (const d of documents) for (let p = d.pages[0]; p <= d.pages[1]; p++) add(d.file, p);
  for (const f of fields) for (const e of f.evidence) add(e.file, e.page);
  for (const at of [...(input.sealedPages ?? []), ...(input.ocrPages ?? []), ...Object.keys(input.pageLines ?? {})]) {
    const [file, page] = at.split("#");
    add(file!, Number(page));
  }
  const ocr = new Set(input.ocrPages ?? []);
  const sealed = new Set(input.sealedPages ?? []);
  const pkg: Package = {
    name: "pkg",
    files: [...places].map(([file, pages]) => ({
      path: file,
      sha256: "0".repeat(64),
      bytes: 1,
      kind: file.endsWith(".docx") ? "docx" : /\.(jpe?g|png)$/i.test(file) ? "image" : "pdf",
      pages: [...pages].map((index) => ({
        index,
        width: 595,
        height: 842,
        unit: "pt" as const,
        source: ocr.has(`${file}#${index}`) ? ("ocr" as const) : ("text" as const),
        lines: (input.pageLines?.[`${file}#${index}`] ?? []).map((text) => ({
          text,
          source: "text" as const,
          confidence: 1,
        })),
        tables: [],
        images: [],
        ...(sealed.has(`${file}#${index}`) ? { seals: [{ confidence: 0.9 }] } : {}),
      })),
      textSource: "text" as const,
      status: "ok" as const,
    })),
    findings: input.findings ?? [],
    stats: { ingest_ms: 0, ocr_pages: 0, ocr_cached: 0 },
  };
  const form =
    input.form === null
      ? null
      : { fields: [], unfilled: [], sections: [], checkboxGroups: [], documentId: "d1", ...input.form };
  const extraction: Extraction = {
    call: null,
    documents,
    fields,
    form,
    toc: input.toc ?? [],
    pages: [],
    extract_ms: 0,
  };
  return createContext(pkg, extraction, {
    callId: "wuhan-vertical-model-2025",
    title: "test",
    version: "0",
    source: "test",
    documents: [],
    rules: {},
    ...pack,
  });
}

/** The rule's own outcome: message ids and places, before the engine stamps anything. */
export function outcome<O>(rule: Rule<O>, ctx: RuleContext, options: O): Outcome {
  return rule.check(ctx, options);
}

export function reportsOf<O>(rule: Rule<O>, ctx: RuleContext, options: O): RuleReport[] {
  const out = rule.check(ctx, options);
  return out.status === "fail" ? (out.reports ?? []) : [];
}

/** Runs one rule through the engine, as a pack with only that rule at `level` would. */
export function findingsOf<O>(
  rule: Rule<O>,
  ctx: RuleContext,
  options: O,
  level: Exclude<Level, "off"> = "error",
): Finding[] {
  const only: RuleContext = { ...ctx, pack: { ...ctx.pack, rules: { [rule.meta.id]: [level, options] } } };
  return runChecks(only, { [rule.meta.id]: rule as Rule<never> }).findings;
}

/** The first place of a finding or report, for compact assertions. */
export function place(x: { evidence?: Array<{ file: string; page: number }> }): string | undefined {
  const e = x.evidence?.[0];
  return e ? `${path.basename(e.file)}#${e.page}` : undefined;
}
