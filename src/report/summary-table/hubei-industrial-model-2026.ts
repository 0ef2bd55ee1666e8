/** Seed 001, 附件2: 「XX 市工业领域专用模型申报信息汇总表」. */
import { contactName, contactPhone, description, field, index, type SummaryTableSpec } from "./types.js";

export const HUBEI_INDUSTRIAL_TABLE: SummaryTableSpec = {
  sheet: "工业领域专用模型",
  attachment: "附件2",
  title: "XX市工业领域专用模型申报信息汇总表",
  headerLines: ["推荐单位：（盖章）", "联系人及联系方式："],
  sections: [
    {
      callIds: ["hubei-industrial-model-2026"],
      columns: [
        index(),
        { header: "市州", width: 10, source: { kind: "place", level: "prefecture" } },
        field("申报单位名称", 24, "applicant.name", "cover.applicant"),
        field("工业模型名称", 20, "model.name", "cover.modelName"),
        field("工业模型类别", 14, "model.type", "cover.modelCategory"),
        field("模型服务行业", 14, "model.industry"),
        description("工业模型项目描述（100字左右）", "project.overview", "applicant.intro"),
        contactName(),
        contactPhone(),
      ],
    },
  ],
};
