/** 「每个申报主体最多申报3个垂直行业模型」 (seed 000): one applicant's packages in the batch, counted by its code. */
import { normalizeUscc } from "../../extract/fields/uscc.js";
import { placeOf, text } from "../_internal/report-fields.js";
import type { BatchItem, BatchRule } from "../batch.js";
import type { RuleReport } from "../types.js";

export interface ModelsPerApplicantOptions {
  max: number;
  clause: string;
}

export const modelsPerApplicant: BatchRule<ModelsPerApplicantOptions> = {
  meta: {
    id: "batch/models-per-applicant",
    description: "同一申报主体在本批次中申报的模型数量不超过通知规定",
    category: "eligibility",
    scope: "call",
    messages: {
      tooMany:
        "申报主体{{name}}（统一社会信用代码 {{uscc}}）在本批次中申报了 {{count}} 个模型：{{models}}。通知规定「{{clause}}」，请与申报单位确认保留的模型，其余撤回。",
    },
  },
  check(items, options) {
    const byApplicant = new Map<string, BatchItem[]>();
    for (const item of items) {
      const uscc = text(item.report, "applicant.uscc");
      if (!uscc) continue;
      const key = normalizeUscc(uscc);
      byApplicant.set(key, [...(byApplicant.get(key) ?? []), item]);
    }
    const reports: RuleReport[] = [];
    for (const [uscc, group] of byApplicant) {
      if (group.length <= options.max) continue;
      const models = group.map((g) => `「${g.name}」${text(g.report, "model.name") ?? ""}`);
      reports.push({
        messageId: "tooMany",
        data: {
          name: text(group[0]!.report, "applicant.name") ?? uscc,
          uscc,
          count: group.length,
          models: models.join("、"),
          clause: options.clause,
        },
        fieldKeys: ["applicant.uscc"],
        expected: options.max,
        actual: { count: group.length, packages: group.map((g) => g.name) },
        evidence: group.flatMap((g) => placeOf(g.report, "applicant.uscc")),
      });
    }
    return reports;
  },
};
