/** Seed 000, 附件2: 「XX 区垂直行业模型申报推荐表」. */
import { contactName, contactPhone, description, field, index, type SummaryTableSpec } from "./types.js";

export const WUHAN_VERTICAL_TABLE: SummaryTableSpec = {
  sheet: "垂直行业模型",
  attachment: "附件2",
  title: "XX区垂直行业模型申报推荐表",
  headerLines: ["推荐单位：（盖章）", "联系人及联系方式："],
  sections: [
    {
      callIds: ["wuhan-vertical-model-2025"],
      columns: [
        index(),
        { header: "所在区", width: 12, source: { kind: "place", level: "wuhan-district" } },
        field("申报单位名称", 24, "applicant.name", "cover.applicant"),
        field("模型名称", 20, "model.name", "cover.modelName"),
        field("申报领域方向", 12, "model.domain"),
        description("垂直行业模型描述（100字左右）", "project.overview", "applicant.intro"),
        contactName(),
        contactPhone(),
      ],
    },
  ],
};
