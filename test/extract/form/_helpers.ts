/** Shared by the form tests: ingest a real file (cached OCR) and hand its form pages to the reader. */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseApplicationForm } from "../../../src/extract/form/parse.js";
import type { FormParse } from "../../../src/extract/form/types.js";
import type { CallId, DocumentPages } from "../../../src/extract/types.js";
import { ingest } from "../../../src/ingest/ingest.js";
import { sharedCacheDir } from "../../_support/cache.js";
import type { Field, SourceFile } from "../../../src/model.js";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const PACKAGES = path.join(ROOT, "fixtures/packages");

export async function ingestOne(file: string): Promise<SourceFile> {
  const pkg = await ingest([file], { cacheDir: sharedCacheDir() });
  const f = pkg.files[0];
  if (!f || f.status !== "ok") throw new Error(`could not ingest ${file}`);
  return f;
}

/** The pages [from, to] of `file` as one application-form document. */
export function formDocument(file: SourceFile, from = 1, to = file.pages.length): DocumentPages {
  return {
    document: { id: `form:${file.path}`, type: "application-form", title: "申报书", file: file.path, pages: [from, to], confidence: 1, classifiedBy: "rule" },
    pages: file.pages.filter((p) => p.index >= from && p.index <= to).map((page) => ({ file, page })),
  };
}

export async function parseFile(file: string, callId: CallId, from?: number, to?: number): Promise<FormParse> {
  const f = await ingestOne(file);
  return parseApplicationForm(formDocument(f, from, to), callId);
}

export function valuesOf(fields: readonly Field[]): Record<string, Field["value"]> {
  return Object.fromEntries(fields.map((f) => [f.key, f.value]));
}

/** Ground-truth keys the Wuhan form itself states (the rest of expected.fields come from other documents). */
export const WUHAN_KEYS = [
  "applicant.name", "applicant.uscc", "applicant.address", "contact.name", "contact.phone", "staff.total", "staff.rd",
  "staff.aiRd", "model.name", "model.paramsYi", "model.trainingDataTB", "model.filingNumber", "model.baseModel",
  "model.rdCost", "finance.revenue.2024", "finance.aiRevenue.2024",
];
/** Ground-truth keys the Hunan 申报信息表 states. */
export const HUNAN_KEYS =
  /^(applicant\.(name|uscc|address|legalRep|registeredCapital|foundedOn)|contact\.|staff\.(total|rd)$|finance\.|model\.(name|paramsYi|trainingDataTB|filingNumber|baseModel))/;

export interface ExpectedPackage {
  call: CallId;
  fields: Record<string, string | number>;
  files: { path: string; documents: { type: string; pages: [number, number] }[]; checkboxes?: { label: string; checked: boolean }[] }[];
}

export async function expectedOf(pkg: string): Promise<ExpectedPackage> {
  return JSON.parse(await readFile(path.join(ROOT, "fixtures/expected", `${pkg}.json`), "utf8")) as ExpectedPackage;
}

/** The page range the fixture's expectations give the application form in `file`. */
export function formPages(exp: ExpectedPackage, file: string): [number, number] {
  const docs = exp.files.find((f) => f.path === file)?.documents.filter((d) => d.type === "application-form") ?? [];
  if (docs.length === 0) throw new Error(`no application-form in ${file}`);
  return [Math.min(...docs.map((d) => d.pages[0])), Math.max(...docs.map((d) => d.pages[1]))];
}
