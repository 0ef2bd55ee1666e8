/**
 * One applicant, one identity across the batch: the same 统一社会信用代码 under two different 单位名称 (a typo, an old
 * name, or someone else's code), or one 单位名称 under two different codes. Only codes that pass their check
 * characters and names read from a text layer are compared, so an OCR misreading is not taken for a second identity.
 */
import { comparable, display } from "../_internal/fields.js";
import { pick, validUscc } from "../_internal/report-fields.js";
import type { BatchItem, BatchRule } from "../batch.js";
import type { RuleReport } from "../types.js";

export interface ApplicantIdentityOptions {
  clause: string;
}

interface Identity {
  item: BatchItem;
  uscc: string;
  name: string;
  shown: { uscc: string; name: string };
  evidence: RuleReport["evidence"];
}

export const applicantIdentity: BatchRule<ApplicantIdentityOptions> = {
  meta: {
    id: "batch/applicant-identity",
    description: "批次内同一统一社会信用代码对应同一单位名称，同一单位名称对应同一代码",
    category: "consistency",
    scope: "batch",
    messages: {
      namesDiffer:
        "统一社会信用代码 {{uscc}} 在本批次中对应不同的单位名称：{{variants}}（{{where}}）。通知要求：「{{clause}}」。请核对营业执照，更正填写有误的申报书。",
      codesDiffer:
        "单位名称「{{name}}」在本批次中填写了不同的统一社会信用代码：{{variants}}（{{where}}）。通知要求：「{{clause}}」。请核对营业执照，更正填写有误的申报书。",
    },
  },
  check(items, options) {
    const ids: Identity[] = [];
    for (const item of items) {
      const uscc = validUscc(item.report);
      const name = pick(item.report, "applicant.name");
      if (!uscc || !name || !typed(item, name.evidence[0]?.file)) continue;
      ids.push({
        item,
        uscc: comparable("applicant.uscc", uscc.value),
        name: comparable("applicant.name", name.value),
        shown: { uscc: display(uscc.value), name: display(name.value) },
        evidence: [...name.evidence.slice(0, 1), ...uscc.evidence.slice(0, 1)],
      });
    }
    return [
      ...conflicts(
        ids,
        (i) => i.uscc,
        (i) => i.name,
      ).map((group) =>
        report(
          "namesDiffer",
          group,
          { uscc: group[0]!.shown.uscc, variants: variants(group, (i) => i.shown.name) },
          options,
        ),
      ),
      ...conflicts(
        ids,
        (i) => i.name,
        (i) => i.uscc,
      ).map((group) =>
        report(
          "codesDiffer",
          group,
          { name: group[0]!.shown.name, variants: variants(group, (i) => i.shown.uscc) },
          options,
        ),
      ),
    ];
  },
};

/** A name read from a text layer or Word file; an OCR'd one may differ by a misread character. */
function typed(item: BatchItem, file: string | undefined): boolean {
  return item.report.package.files.find((f) => f.path === file)?.textSource === "text";
}

/** Groups sharing `same` whose `other` takes more than one value. */
function conflicts(ids: Identity[], same: (i: Identity) => string, other: (i: Identity) => string): Identity[][] {
  const groups = new Map<string, Identity[]>();
  for (const i of ids) groups.set(same(i), [...(groups.get(same(i)) ?? []), i]);
  return [...groups.values()].filter((g) => new Set(g.map(other)).size > 1);
}

/** 「武汉甲公司」（包1、包2）、「武汉甲有限公司」（包3） */
function variants(group: Identity[], shown: (i: Identity) => string): string {
  const by = new Map<string, string[]>();
  for (const i of group) by.set(shown(i), [...(by.get(shown(i)) ?? []), i.item.name]);
  return [...by].map(([v, names]) => `「${v}」（${names.join("、")}）`).join("、");
}

function report(
  messageId: string,
  group: Identity[],
  data: Record<string, string>,
  options: ApplicantIdentityOptions,
): RuleReport {
  return {
    messageId,
    data: { ...data, clause: options.clause },
    evidence: group.flatMap((i) => i.evidence ?? []),
    fieldKeys: ["applicant.name", "applicant.uscc"],
    actual: group.map((i) => ({ package: i.item.name, ...i.shown })),
  };
}
