/**
 * Ground truth of the application-form fields of a producer-corpus package, and how an extracted value is
 * judged against it. The truth is the fixture data (fixtures/expected/<base>.json `fields`, written from
 * fixtures/generate/applicants.ts and the per-call form facts) restricted to the keys the call's form spec
 * can state (src/extract/form/calls): the producers re-render exactly that content.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { FORM_SPECS } from "../../src/extract/form/calls/index.js";
import type { CallId } from "../../src/extract/types.js";
import type { Report } from "../../src/report/schema.js";

export type Truth = Record<string, string | number>;

const keyPattern = (key: string) => new RegExp(`^${key.replace(/[.]/g, "\\.").replace(/\{year\}|\{col\}/g, "[^.]+")}$`);

/** Keys the form of `call` can state (fields, derived values, cover lines). */
export function formKeyPatterns(call: CallId): RegExp[] {
  const spec = FORM_SPECS[call];
  const keys = [
    ...spec.fields.flatMap((f) => [f.key, f.latestAs ?? "", ...(f.derive ?? []).map((d) => d.key)]),
    ...(spec.cover ?? []).map((c) => c.key),
  ].filter(Boolean);
  return keys.map(keyPattern);
}

export async function formTruth(root: string, base: string, call: CallId): Promise<Truth> {
  const expected = JSON.parse(await readFile(path.join(root, "fixtures/expected", `${base}.json`), "utf8")) as { fields: Truth };
  const patterns = formKeyPatterns(call);
  return Object.fromEntries(Object.entries(expected.fields).filter(([k]) => patterns.some((p) => p.test(k))));
}

const DATE = /(\d{4})\s*[年.\-/]\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})/;

function norm(v: unknown): string {
  return String(v)
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/[“”"]/g, "\"");
}

/** Whether `got` (a field's value as extracted) is the truth `want`. */
export function sameValue(key: string, want: string | number, got: unknown): boolean {
  if (got === null || got === undefined) return false;
  if (typeof want === "number") {
    const n = typeof got === "number" ? got : Number(String(got).replace(/[,，\s]/g, ""));
    return Number.isFinite(n) && Math.abs(n - want) <= Math.max(0.005, Math.abs(want) * 1e-9);
  }
  if (/phone/i.test(key)) return String(got).replace(/\D/g, "") === want.replace(/\D/g, "");
  const dw = DATE.exec(want);
  const dg = DATE.exec(String(got));
  if (dw && dg) return dw.slice(1).map(Number).join("-") === dg.slice(1).map(Number).join("-");
  if (dw && /^\d{4}-\d{2}-\d{2}$/.test(String(got))) return dw.slice(1).map(Number).join("-") === String(got).split("-").map(Number).join("-");
  return norm(want) === norm(got);
}

export interface FieldScore {
  file: string;
  source: "text" | "scan";
  key: string;
  expected: string | number;
  got: unknown;
  raw?: string;
  ok: boolean;
}

/**
 * Each form file (the producer's Word file and PDF) judged on its own: the rule:form field of each truth key
 * whose evidence is in that file.
 */
export function scoreForm(report: Report, formFiles: string[], truth: Truth, scanned: boolean): FieldScore[] {
  const out: FieldScore[] = [];
  for (const file of formFiles) {
    const source = scanned && file.endsWith(".pdf") ? "scan" : "text";
    const fields = report.fields.filter(
      (f) => f.extractor === "rule:form" && f.evidence.some((e) => e.file === file || e.file.endsWith(`/${file}`)),
    );
    for (const [key, want] of Object.entries(truth)) {
      const candidates = fields.filter((f) => f.key === key);
      const hit = candidates.find((f) => sameValue(key, want, f.value));
      const first = hit ?? candidates[0];
      out.push({ file, source, key, expected: want, got: first?.value ?? null, ...(first ? { raw: first.raw } : {}), ok: !!hit });
    }
  }
  return out;
}
