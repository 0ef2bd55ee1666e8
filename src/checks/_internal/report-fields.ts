/** What the batch rules read from a package's report: the applicant, the project, its narrative, its files. */
import { parseUscc } from "../../extract/fields/uscc.js";
import type { Evidence, Field } from "../../model.js";
import type { Report } from "../../report/schema.js";
import { comparable, display, FORM_EXTRACTOR } from "./fields.js";

/** The value a reader would quote: the form's own cell first (the applicant typed it), then the most confident other. */
export function pick(report: Report, key: string): Field | undefined {
  const rank = (f: Field) => (f.extractor === FORM_EXTRACTOR ? 10 : 0) + f.confidence;
  return report.fields
    .filter((f) => f.key === key && comparable(key, f.value) !== "")
    .sort((a, b) => rank(b) - rank(a))[0];
}

export function text(report: Report, key: string): string | null {
  const f = pick(report, key);
  return f ? display(f.value) : null;
}

/** The applicant's 统一社会信用代码 when one in the report passes its check characters. */
export function validUscc(report: Report): Field | undefined {
  const byForm = (f: Field) => (f.extractor === FORM_EXTRACTOR ? 0 : 1);
  return report.fields
    .filter((f) => f.key === "applicant.uscc" && parseUscc(String(f.value ?? "")).valid)
    .sort((a, b) => byForm(a) - byForm(b) || b.confidence - a.confidence)[0];
}

/** Who applies: the valid code, else the name as compared (width, punctuation folded). */
export function applicantKey(report: Report): string | null {
  const uscc = validUscc(report);
  if (uscc) return comparable("applicant.uscc", uscc.value);
  const name = pick(report, "applicant.name");
  return name ? `name:${comparable("applicant.name", name.value)}` : null;
}

const PROJECT_KEYS = [
  "model.name",
  "product.name",
  "scenario.name",
  "platform.name",
  "cover.projectName",
  "cover.modelName",
  "cover.caseName",
  "cover.productName",
];

/** The project's (model's, product's, platform's, case's) name. */
export function projectName(report: Report): Field | undefined {
  for (const key of PROJECT_KEYS) {
    const f = pick(report, key);
    if (f) return f;
  }
  return undefined;
}

/** Form cells about the applicant or the submission itself, not about the project. */
const NOT_PROJECT = /^(?:applicant|contact|principal|cover)\./;
const MIN_CHARS = 50;

/** The project's narrative: every long text cell of the form but the applicant's own introduction, one per key. */
export function narrative(report: Report): { text: string; evidence: Evidence[] } {
  const seen = new Map<string, Field>();
  for (const f of report.fields) {
    if (f.extractor !== FORM_EXTRACTOR || typeof f.value !== "string" || NOT_PROJECT.test(f.key)) continue;
    if ([...f.value].length >= MIN_CHARS && !seen.has(f.key)) seen.set(f.key, f);
  }
  const cells = [...seen.values()].sort((a, b) => a.key.localeCompare(b.key));
  return { text: cells.map((f) => String(f.value)).join("\n"), evidence: cells.flatMap((f) => f.evidence.slice(0, 1)) };
}

/** The files' contents, names aside: two packages with the same key hold the same files. */
export function filesKey(report: Report): string {
  return report.package.files
    .map((f) => f.sha256)
    .sort()
    .join(",");
}

/**
 * The same submission twice: identical files, or the same call, applicant and project name. `duplicate-package`
 * reports these; the other batch rules leave them alone.
 */
export function sameSubmission(a: Report, b: Report): boolean {
  if (a.package.files.length > 0 && filesKey(a) === filesKey(b)) return true;
  const project = (r: Report) => projectName(r)?.value;
  return (
    a.call?.id === b.call?.id &&
    applicantKey(a) !== null &&
    applicantKey(a) === applicantKey(b) &&
    project(a) !== undefined &&
    comparable("name", project(a)!) === comparable("name", project(b)!)
  );
}

/** Where a package's report places a key, for a finding's evidence. */
export function placeOf(report: Report, key: string): Evidence[] {
  return pick(report, key)?.evidence.slice(0, 1) ?? [];
}
