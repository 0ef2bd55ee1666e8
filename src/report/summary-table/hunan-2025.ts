/**
 * Seed 003, 附件5: 「项目推荐汇总表」 — one table for both Hunan calls; 申报方向 names the call and 子方向 is
 * 基础通用 / 垂直领域 for the model call (empty for the centre call, as in the template's example row).
 */
import { field, index, type SummaryTableSpec } from "./types.js";

export const HUNAN_TABLE: SummaryTableSpec = {
  sheet: "项目推荐汇总表",
  attachment: "附件5",
  title: "项目推荐汇总表",
  headerLines: ["推荐单位（盖章）：                    联系人及电话："],
  sections: [
    {
      callIds: ["hunan-ai-model-2025", "hunan-digital-center-2025"],
      columns: [
        index(),
        field("企业名称", 24, "applicant.name", "cover.applicant"),
        field("项目名称", 22, "model.name", "cover.projectName", "center.name"),
        field("所属行业", 14, "model.domain", "center.industry"),
        { header: "所在市州", width: 10, source: { kind: "place", level: "prefecture" } },
        { header: "所在县市区", width: 12, source: { kind: "place", level: "county" } },
        { header: "联系人及电话", width: 22, source: { kind: "contact" } },
        {
          header: "申报方向",
          width: 16,
          source: {
            kind: "per-call",
            values: {
              "hunan-ai-model-2025": "人工智能大模型",
              "hunan-digital-center-2025": "制造业数字化转型促进中心",
            },
          },
        },
        {
          header: "子方向",
          width: 12,
          source: { kind: "field", keys: ["model.type"], options: ["基础通用", "垂直领域"] },
          onlyFor: ["hunan-ai-model-2025"],
        },
      ],
    },
  ],
};
