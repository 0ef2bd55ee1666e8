/**
 * How a planted defect is judged found: a finding with the expected rule id, severity, field keys and
 * document type is in the mutated package's report and not in the base package's report (compared by
 * rule, severity, document type, field keys and message, with the package folder name and the page numbers
 * of the places the message names taken out).
 */
import type { Finding } from "../../../src/model.js";
import type { Report } from "../../../src/report/schema.js";
import type { Expect } from "./plants.js";

export function matches(f: Finding, e: Expect): boolean {
  return (
    f.ruleId === e.ruleId &&
    f.severity === (e.severity ?? "error") &&
    (e.docType === undefined || f.docType === e.docType) &&
    (e.fieldKeys ?? []).every((k) => f.fieldKeys?.includes(k))
  );
}

/** A finding's identity across two packages whose folders are named differently. */
export function signature(f: Finding, packageName: string): string {
  // The places a message names (「file」第n页) move when a page is removed before them: not a new finding.
  const strip = (s: string) =>
    s
      .split(`${packageName}/`)
      .join("")
      .replace(/」第\d+页/g, "」第?页");
  return [f.ruleId, f.severity, f.docType ?? "", (f.fieldKeys ?? []).join(","), strip(f.message)].join("\u0000");
}

export interface Verdict {
  expect: Expect;
  /** The new finding that satisfies the expectation, if any. */
  found: Finding | null;
  /** A matching finding that was already in the base report (so it does not count). */
  alreadyInBase: Finding | null;
}

export function judge(expect: readonly Expect[], mutated: Report, base: Report): Verdict[] {
  const before = new Set(base.findings.map((f) => signature(f, base.package.name)));
  return expect.map((e) => {
    const candidates = mutated.findings.filter((f) => matches(f, e));
    const found = candidates.find((f) => !before.has(signature(f, mutated.package.name))) ?? null;
    return { expect: e, found, alreadyInBase: found ? null : (candidates[0] ?? null) };
  });
}

/** Findings of the mutated report that the base report does not have. */
export function newFindings(mutated: Report, base: Report): Finding[] {
  const before = new Set(base.findings.map((f) => signature(f, base.package.name)));
  return mutated.findings.filter((f) => !before.has(signature(f, mutated.package.name)));
}

export function describeExpect(e: Expect): string {
  return [e.ruleId, e.severity ?? "error", e.docType, e.fieldKeys?.join(",")].filter(Boolean).join(" ");
}

export function describeFinding(f: Finding): string {
  return [f.ruleId, f.severity, f.docType, f.fieldKeys?.join(",")].filter(Boolean).join(" ");
}

/** A finding as the bench result files list it. */
export const brief = (f: Finding) => ({
  ruleId: f.ruleId,
  severity: f.severity,
  ...(f.docType ? { docType: f.docType } : {}),
  ...(f.fieldKeys ? { fieldKeys: f.fieldKeys } : {}),
  message: f.message,
});

export const errorsOf = (r: Report): Finding[] => r.findings.filter((f) => f.severity === "error");
