/**
 * One project submitted twice under different names or directions (「同一项目/产品原则上不得重复申报多个方向」, seed
 * 002): the project narrative of two packages of one notice (every long text cell of the form but the applicant's
 * own introduction, which one applicant rightly repeats) overlaps beyond `threshold` in Jaccard similarity of
 * character 5-gram shingles. Both packages are named with the similarity.
 *
 * Threshold 0.3, measured on the fixtures: the same project written into two different calls' forms
 * (wuhan-vertical-a, hubei-industrial-model-e) scores 0.53; every unrelated pair, including one applicant's two
 * different projects (model-agent-g and terminal-i), scores 0.07 or less. Packages that are the same submission
 * (same files, or same call, applicant and project name) are duplicate-package's.
 */
import { narrative, sameSubmission, text } from "../_internal/report-fields.js";
import { jaccard, shingles } from "../_internal/similarity.js";
import type { BatchRule } from "../batch.js";
import type { RuleReport } from "../types.js";

export interface DuplicateProjectOptions {
  clause: string;
  /** Jaccard similarity of the narratives' shingle sets at or above which two packages are reported (0.3). */
  threshold?: number;
}

/** Below this many shingles a narrative is too short to call anything a copy. */
const MIN_SHINGLES = 100;

export const duplicateProject: BatchRule<DuplicateProjectOptions> = {
  meta: {
    id: "batch/duplicate-project",
    description: "批次内两个申报包的项目内容高度相似（疑似同一项目重复申报或跨方向申报）",
    category: "consistency",
    scope: "notice",
    messages: {
      similar:
        "「{{a}}」（{{aTitle}}）与「{{b}}」（{{bTitle}}）的项目介绍高度相似（文字重合度{{percent}}%），疑似同一项目重复申报（{{where}}）。通知要求：「{{clause}}」。请核实两份申报是否为同一项目；如是，请申报单位只保留一份。",
    },
  },
  check(items, options) {
    const threshold = options.threshold ?? 0.3;
    const texts = items.map((i) => {
      const n = narrative(i.report);
      return { item: i, set: shingles(n.text), evidence: n.evidence };
    });
    const reports: RuleReport[] = [];
    for (let x = 0; x < texts.length; x++) {
      for (let y = x + 1; y < texts.length; y++) {
        const [a, b] = [texts[x]!, texts[y]!];
        if (a.set.size < MIN_SHINGLES || b.set.size < MIN_SHINGLES) continue;
        if (sameSubmission(a.item.report, b.item.report)) continue;
        const similarity = jaccard(a.set, b.set);
        if (similarity < threshold) continue;
        const title = (r: typeof a) =>
          [r.item.report.call?.title, text(r.item.report, "applicant.name")].filter(Boolean).join("，");
        reports.push({
          messageId: "similar",
          data: {
            a: a.item.name,
            aTitle: title(a),
            b: b.item.name,
            bTitle: title(b),
            percent: Math.round(similarity * 100),
            clause: options.clause,
          },
          evidence: [...a.evidence.slice(0, 1), ...b.evidence.slice(0, 1)],
          expected: { similarityBelow: threshold },
          actual: { packages: [a.item.name, b.item.name], similarity: Math.round(similarity * 1000) / 1000 },
        });
      }
    }
    return reports;
  },
};
