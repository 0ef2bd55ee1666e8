/**
 * The same package twice in one batch: identical files (every sha256 the same, names aside) is certain and is the
 * pack's level; the same call, applicant and project name with different files is most likely two versions of one
 * submission, a warning to settle which one counts.
 */
import { applicantKey, filesKey, placeOf, projectName, text } from "../_internal/report-fields.js";
import { comparable } from "../_internal/fields.js";
import type { BatchItem, BatchRule } from "../batch.js";
import type { RuleReport } from "../types.js";

export interface DuplicatePackageOptions {
  clause: string;
}

export const duplicatePackage: BatchRule<DuplicatePackageOptions> = {
  meta: {
    id: "batch/duplicate-package",
    description: "同一申报包在批次中重复出现（文件完全相同，或同一单位同一项目的两个版本）",
    category: "consistency",
    scope: "batch",
    messages: {
      identical:
        "{{packages}}的文件完全相同（{{files}}个文件内容一致），同一申报包重复提交（{{where}}）。通知要求：「{{clause}}」。请只保留其中一个。",
      versions:
        "{{packages}}是{{applicant}}的同一项目「{{project}}」，但文件不同，可能是同一申报的不同版本（{{where}}）。通知要求：「{{clause}}」。请与申报单位确认以哪一版为准，撤回其余。",
    },
  },
  check(items, options) {
    const reports: RuleReport[] = [];
    const identical = groupBy(items, (i) => (i.report.package.files.length ? filesKey(i.report) : null));
    for (const group of identical) {
      reports.push({
        messageId: "identical",
        data: { packages: names(group), files: group[0]!.report.package.files.length, clause: options.clause },
        evidence: group.flatMap((g) =>
          g.report.package.files
            .slice(0, 1)
            .map((f) => ({ file: f.path, page: 1, quote: `SHA-256 ${f.sha256.slice(0, 16)}…` })),
        ),
        expected: "每个申报包只提交一次",
        actual: { packages: group.map((g) => g.name), sha256: group[0]!.report.package.files.map((f) => f.sha256) },
      });
    }
    const twice = new Set(identical.flat());
    const versions = groupBy(
      items.filter((i) => !twice.has(i)),
      (i) => {
        const who = applicantKey(i.report);
        const project = projectName(i.report);
        return who && project && i.report.call
          ? `${i.report.call.id}|${who}|${comparable("name", project.value)}`
          : null;
      },
    );
    for (const group of versions) {
      const project = projectName(group[0]!.report)!;
      reports.push({
        messageId: "versions",
        data: {
          packages: names(group),
          applicant: text(group[0]!.report, "applicant.name") ?? "同一申报单位",
          project: String(project.value),
          clause: options.clause,
        },
        evidence: group.flatMap(
          (g) => projectName(g.report)?.evidence.slice(0, 1) ?? placeOf(g.report, "applicant.name"),
        ),
        fieldKeys: [project.key],
        severity: "warning",
        expected: "每个项目只提交一份申报",
        actual: { packages: group.map((g) => g.name) },
      });
    }
    return reports;
  },
};

const names = (group: readonly BatchItem[]) => group.map((g) => `「${g.name}」`).join("、");

/** Groups of two or more items with the same non-null key, in batch order. */
function groupBy(items: readonly BatchItem[], key: (i: BatchItem) => string | null): BatchItem[][] {
  const groups = new Map<string, BatchItem[]>();
  for (const item of items) {
    const k = key(item);
    if (k !== null) groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return [...groups.values()].filter((g) => g.length > 1);
}
