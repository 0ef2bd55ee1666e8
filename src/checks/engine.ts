/**
 * Runs a call pack over one extraction: each configured rule once, its reports stamped with rule id,
 * severity (the pack's level, lowered by a report's cap) and category, messages filled, then the
 * post-processors. Counts passed / failed / not-evaluated rules (Great Expectations style).
 *
 * Severity follows certainty: a report at error level whose basis (the readings it rests on) holds anything
 * `ctx.certainty` finds doubtful becomes a warning, its message followed by 「（未能可靠识别，请人工核对：why）」.
 * Rules need not (and should not) do this themselves; they name their basis.
 */
import type { Evidence, Finding, Severity } from "../model.js";
import { UNCERTAIN_NOTE } from "./context.js";
import { postProcess } from "./post.js";
import { RULES } from "./rules/index.js";
import type { Basis, Level, Outcome, Rule, RuleContext, RuleEntry, RuleMeta, RuleReport } from "./types.js";

export interface RuleResult {
  ruleId: string;
  status: Outcome["status"];
  /** not-evaluated: which input was missing. */
  reason?: string;
}

export interface CheckResult {
  findings: Finding[];
  rules: RuleResult[];
  counts: { passed: number; failed: number; notEvaluated: number };
  /** A rule marked `rejects` failed at error severity. */
  rejected: boolean;
}

/** A pack names a rule that does not exist: a programmer error in the pack, not a package problem. */
export class UnknownRuleError extends Error {
  constructor(
    readonly ruleId: string,
    readonly callId: string,
  ) {
    super(`call pack ${callId} configures unknown rule "${ruleId}"`);
    this.name = "UnknownRuleError";
  }
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function runChecks(ctx: RuleContext, registry: Readonly<Record<string, Rule<never>>> = RULES): CheckResult {
  const findings: Finding[] = [];
  const rules: RuleResult[] = [];
  let rejected = false;
  for (const [ruleId, entry] of Object.entries(ctx.pack.rules)) {
    const [level, options] = splitEntry(entry);
    if (level === "off") continue;
    const rule = registry[ruleId];
    if (!rule) throw new UnknownRuleError(ruleId, ctx.pack.callId);
    const outcome = rule.check(ctx, options as never);
    rules.push({
      ruleId,
      status: outcome.status,
      ...(outcome.status === "not-evaluated" ? { reason: outcome.reason } : {}),
    });
    if (outcome.status !== "fail") continue;
    findings.push(...(outcome.findings ?? []));
    for (const report of outcome.reports ?? []) {
      const finding = toFinding(rule, ruleId, level, report, level === "error" ? doubtsOf(ctx, report.basis) : []);
      if (rule.meta.rejects && finding.severity === "error") rejected = true;
      findings.push(finding);
    }
  }
  const count = (s: Outcome["status"]) => rules.filter((r) => r.status === s).length;
  return {
    findings: postProcess(findings),
    rules,
    counts: { passed: count("pass"), failed: count("fail"), notEvaluated: count("not-evaluated") },
    rejected,
  };
}

export function splitEntry(entry: RuleEntry): [Level, unknown] {
  return typeof entry === "string" ? [entry, {}] : [entry[0], entry[1]];
}

/** Why the readings a report rests on are doubtful (empty: all certain, or no basis named). */
export function doubtsOf(ctx: RuleContext, basis: readonly Basis[] | undefined): string[] {
  const reasons = (basis ?? []).flatMap((b) => {
    const c = ctx.certainty(b);
    return c.level === "doubtful" ? c.reasons : [];
  });
  return [...new Set(reasons)];
}

/**
 * A report as the finding the runner stamps: rule id, severity (the level, lowered by the report's cap),
 * category, message. `doubts` (from doubtsOf): an error is lowered to a warning and the message says why.
 */
export function toFinding(
  rule: { meta: RuleMeta },
  ruleId: string,
  level: Exclude<Level, "off">,
  report: RuleReport,
  doubts: readonly string[] = [],
): Finding {
  const template = rule.meta.messages[report.messageId];
  if (template === undefined) throw new RangeError(`rule ${ruleId} has no message "${report.messageId}"`);
  const evidence = report.evidence ?? [];
  const capped = report.severity && RANK[report.severity] > RANK[level] ? report.severity : level;
  const lowered = capped === "error" && doubts.length > 0;
  const message = fillMessage(template, { where: where(evidence), ...report.data });
  return {
    ruleId,
    severity: lowered ? "warning" : capped,
    category: report.category ?? rule.meta.category,
    message: lowered ? `${message}${uncertainNote(doubts)}` : message,
    ...(report.docType ? { docType: report.docType } : {}),
    ...(report.fieldKeys ? { fieldKeys: report.fieldKeys } : {}),
    ...(report.expected !== undefined ? { expected: report.expected } : {}),
    ...(report.actual !== undefined ? { actual: report.actual } : {}),
    evidence,
  };
}

/** 「（未能可靠识别，请人工核对：reason；reason）」, at most two reasons. */
export function uncertainNote(doubts: readonly string[]): string {
  const shown = doubts.slice(0, 2).join("；");
  return `（${UNCERTAIN_NOTE}${shown ? `：${shown}${doubts.length > 2 ? "等" : ""}` : ""}）`;
}

/** Fills {{name}}; an unknown placeholder is a bug in the rule, so it throws rather than printing braces. */
export function fillMessage(template: string, data: Record<string, string | number>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
    const value = data[name];
    if (value === undefined) throw new RangeError(`message placeholder {{${name}}} has no data`);
    return String(value);
  });
}

/** 「file」第n页, for the first two places. */
export function where(evidence: readonly Evidence[]): string {
  const places = [...new Set(evidence.map((e) => `「${e.file}」第${e.page}页`))];
  if (places.length === 0) return "申报材料中";
  return places.length > 2 ? `${places.slice(0, 2).join("、")}等${places.length}处` : places.join("、");
}
