/**
 * Batch rules: what only several packages together show (a fourth model of one applicant, the same project in two
 * directions, a package submitted twice). Each is a module in ./batch/ with the same `meta` as a package rule
 * (id `batch/<file name>`, messages, clause) and a check over the batch's reports. Which packages a rule looks at,
 * and at what level, is the call packs' data (`CallPack.batch`): a rule sees the packages whose pack configures
 * it, grouped by its scope — one call, one notice (the four 社会治理 directions together), or the whole batch.
 */
import type { Finding } from "../model.js";
import type { Report } from "../report/schema.js";
import { packFor } from "./calls/index.js";
import { splitEntry, toFinding } from "./engine.js";
import { postProcess } from "./post.js";
import { applicantIdentity } from "./batch/applicant-identity.js";
import { duplicatePackage } from "./batch/duplicate-package.js";
import { duplicateProject } from "./batch/duplicate-project.js";
import { modelsPerApplicant } from "./batch/models-per-applicant.js";
import type { Level, RuleMeta, RuleReport } from "./types.js";

/** One checked package of the batch: its name (folder or zip) and its report. */
export interface BatchItem {
  name: string;
  report: Report;
}

export interface BatchRule<Options = unknown> {
  meta: RuleMeta & {
    /** Which packages are judged together: same call, same notice (call id before 「/」), or the whole batch. */
    scope: "call" | "notice" | "batch";
  };
  check(items: readonly BatchItem[], options: Options): RuleReport[];
}

const all = [modelsPerApplicant, duplicatePackage, duplicateProject, applicantIdentity] as Array<BatchRule<never>>;

export const BATCH_RULES: Readonly<Record<string, BatchRule<never>>> = Object.fromEntries(
  all.map((r) => [r.meta.id, r]),
);

const RANK: Record<Exclude<Level, "off">, number> = { error: 0, warning: 1, info: 2 };

export function batchFindings(items: ReadonlyArray<{ entry: { name: string }; report: Report }>): Finding[] {
  const findings: Finding[] = [];
  for (const [ruleId, rule] of Object.entries(BATCH_RULES)) {
    const groups = new Map<string, { level: Exclude<Level, "off">; options: unknown; items: BatchItem[] }>();
    for (const { entry, report } of items) {
      const callId = report.call?.id;
      const entryOf = packFor(callId)?.batch?.[ruleId];
      if (!callId || !entryOf) continue;
      const [level, options] = splitEntry(entryOf);
      if (level === "off") continue;
      const key = rule.meta.scope === "call" ? callId : rule.meta.scope === "notice" ? callId.split("/")[0]! : "";
      const group = groups.get(key) ?? { level, options, items: [] };
      // Packs configuring one rule differently in one group: the strictest level wins.
      if (RANK[level] < RANK[group.level]) group.level = level;
      group.items.push({ name: entry.name, report });
      groups.set(key, group);
    }
    for (const { level, options, items: group } of groups.values()) {
      if (group.length < 2) continue;
      for (const report of rule.check(group, options as never)) findings.push(toFinding(rule, ruleId, level, report));
    }
  }
  return postProcess(findings);
}
