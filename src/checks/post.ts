/** Post-processors every finding passes before a writer sees it (textlint style): dedupe, then sort. */
import type { Finding, Severity } from "../model.js";

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function dedupe(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const first = f.evidence[0];
    const key = [f.ruleId, f.message, first?.file ?? "", first?.page ?? 0].join("\u0000");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Severity, then file, then page; findings without a place come first within their severity. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => {
      const ea = a.f.evidence[0];
      const eb = b.f.evidence[0];
      return (
        RANK[a.f.severity] - RANK[b.f.severity] ||
        (ea?.file ?? "").localeCompare(eb?.file ?? "") ||
        (ea?.page ?? 0) - (eb?.page ?? 0) ||
        a.i - b.i
      );
    })
    .map(({ f }) => f);
}

export function postProcess(findings: readonly Finding[]): Finding[] {
  return sortFindings(dedupe(findings));
}
